// The "API tokens" block of the profile page: list (scope, restrictions, creator, last addresses), create with
// scope and restrictions (secret shown once), rename, rotate (new secret shown once), revoke, revoke all.
import {
  api, el, time, expiry, showError, showStatus, openDialog, confirmAction, contextPath, ApiError, tokenAccess,
  lastAddresses,
} from './common.js';

const block = document.getElementById('api-tokens');
const soonDays = Number(block.dataset.expiresSoonDays || 7);
const table = document.getElementById('tokens-table');
const rows = document.getElementById('tokens-body');
const empty = document.getElementById('tokens-empty');
const status = document.getElementById('tokens-status');
const revokeAllButton = document.getElementById('revoke-all');

const dialog = document.getElementById('create-dialog');
const form = document.getElementById('create-form');
const labelInput = document.getElementById('token-label');
const expiryInput = document.getElementById('token-expiry');
const readScope = document.getElementById('token-scope-read');
const pathsInput = document.getElementById('token-paths');
const ipsInput = document.getElementById('token-ips');
const renameDialog = document.getElementById('rename-dialog');
const renameForm = document.getElementById('rename-form');
const renameInput = document.getElementById('rename-label');
const renameError = document.getElementById('rename-error');
let renaming = null;
const createError = document.getElementById('create-error');
const generate = document.getElementById('generate-token');
const createdPanel = document.getElementById('created-panel');
const dialogTitle = document.getElementById('create-title');
const secretField = document.getElementById('created-secret');
const copyButton = document.getElementById('copy-secret');
const copyStatus = document.getElementById('copy-status');

block.querySelector('.example-url').textContent =
  window.location.origin + contextPath + (block.dataset.exampleResource || '/rest/api/2/myself');

async function load() {
  try {
    render(await api('/'));
  } catch (e) {
    showStatus(status, `Your tokens could not be loaded. ${e.message}`);
  }
}

function render(tokens) {
  const list = Array.isArray(tokens) ? tokens : [];
  rows.replaceChildren(...list.map(row));
  table.hidden = list.length === 0;
  empty.hidden = list.length !== 0;
  revokeAllButton.disabled = list.length === 0;
}

function row(token) {
  return el('tr', { 'data-token-id': token.id },
    el('td', { class: 'token-label' }, token.label,
      token.createdBy ? el('div', { class: 'created-by description' }, `created by ${token.createdBy}`) : null),
    el('td', { class: 'access' }, tokenAccess(token)),
    el('td', {}, time(token.createdAt, '')),
    el('td', { class: 'last-accessed' }, time(token.lastAccessed, 'Never'), lastAddresses(token.lastAddresses)),
    el('td', { class: 'number' }, String(token.usageCount ?? 0)),
    el('td', { class: 'expiry' }, expiry(token.expirationDate ?? token.expiresAt, soonDays)),
    el('td', { class: 'actions' },
      action('rename', 'Rename', token, () => openRename(token)),
      action('rotate', 'Rotate', token, () => rotate(token)),
      action('revoke', 'Revoke', token, () => revoke(token))));
}

function action(name, text, token, onclick) {
  return el('button', {
    type: 'button', class: `aui-button aui-button-link aui-button-compact ${name}`,
    'aria-label': `${text} ${token.label}`, onclick,
  }, text);
}

function openRename(token) {
  renaming = token;
  renameForm.reset();
  renameInput.value = token.label;
  showError(renameError, '');
  openDialog(renameDialog, renameInput);
}

renameForm.addEventListener('submit', async event => {
  event.preventDefault();
  showError(renameError, '');
  try {
    await api(`/${encodeURIComponent(renaming.id)}`, { method: 'PATCH', json: { label: renameInput.value } });
    renameDialog.close();
    showStatus(status, `Token renamed to "${renameInput.value.trim()}".`, 'success');
    await load();
  } catch (e) {
    showError(renameError, e.message);
    renameInput.focus();
  }
});

async function rotate(token) {
  let rotated = null;
  const done = await confirmAction({
    title: 'Rotate API token',
    message: `Give "${token.label}" a new secret? The current secret stops working at once; if it is used again `
      + 'afterwards, it is taken as leaked and the new secret is revoked too.',
    confirmLabel: 'Rotate',
    action: async () => { rotated = await api(`/${encodeURIComponent(token.id)}/rotate`, { method: 'POST' }); },
  });
  if (!done) return;
  load();
  if (!rotated || typeof rotated.passwordValue !== 'string') {
    showStatus(status, 'The token may have been rotated, but the server did not send its new secret. Rotate it again.');
    return;
  }
  form.hidden = true;
  dialogTitle.textContent = `New secret for "${token.label}"`;
  showSecret(rotated.passwordValue);
}

async function revoke(token) {
  const revoked = await confirmAction({
    title: 'Revoke API token',
    message: `Revoke "${token.label}"? Scripts that use it will stop working at once. This cannot be undone.`,
    confirmLabel: 'Revoke',
    action: () => api(`/${encodeURIComponent(token.id)}`, { method: 'DELETE' }),
  });
  if (revoked) {
    showStatus(status, `Token "${token.label}" was revoked.`, 'success');
    await load();
  }
}

revokeAllButton.addEventListener('click', async () => {
  const revoked = await confirmAction({
    title: 'Revoke all API tokens',
    message: 'Revoke all your API tokens? Every script that uses one of them will stop working at once.',
    confirmLabel: 'Revoke all',
    action: () => api('/all', { method: 'DELETE' }),
  });
  if (revoked) {
    showStatus(status, 'All your tokens were revoked.', 'success');
    await load();
  }
});

document.getElementById('create-token').addEventListener('click', () => {
  dialogTitle.textContent = 'Create API token';
  form.reset();
  form.hidden = false;
  createdPanel.hidden = true;
  showError(createError, '');
  labelInput.removeAttribute('aria-invalid');
  const tomorrow = new Date(Date.now() + 86400000);
  expiryInput.min = localDate(tomorrow);
  openDialog(dialog, labelInput);
});

form.addEventListener('submit', async event => {
  event.preventDefault();
  showError(createError, '');
  labelInput.removeAttribute('aria-invalid');
  labelInput.setAttribute('aria-describedby', 'token-label-hint');
  const body = { label: labelInput.value, scopes: [readScope.checked ? 'read' : 'write'] };
  const paths = lines(pathsInput.value);
  const ips = lines(ipsInput.value);
  if (paths.length) body.allowedPaths = paths;
  if (ips.length) body.allowedIps = ips;
  if (expiryInput.value) {
    const [year, month, day] = expiryInput.value.split('-').map(Number);
    // the token works through the chosen day in the user's time zone and stops when the next day starts
    body.expirationDate = new Date(year, month - 1, day + 1).getTime();
  }
  generate.disabled = true;
  generate.setAttribute('aria-busy', 'true');
  try {
    const created = await api('/', { method: 'POST', json: body });
    load();
    if (!created || typeof created.passwordValue !== 'string') {
      throw new ApiError('The token may have been created, but the server did not send its secret. Revoke it '
        + 'from the list and create a new one.', 200);
    }
    showSecret(created.passwordValue);
  } catch (e) {
    showError(createError, e.message);
    if (e.status === 400) {
      labelInput.setAttribute('aria-invalid', 'true');
      labelInput.setAttribute('aria-describedby', 'create-error token-label-hint');
    }
    labelInput.focus();
  } finally {
    generate.disabled = false;
    generate.removeAttribute('aria-busy');
  }
});

function showSecret(secret) {
  // closed (Escape) while the request was on its way: the token exists now, and this is the only chance to see it
  if (!dialog.open) openDialog(dialog, copyButton);
  form.hidden = true;
  createdPanel.hidden = false;
  secretField.value = secret;
  copyStatus.textContent = '';
  copyButton.focus();
}

copyButton.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(secretField.value);
    copyStatus.textContent = 'Copied to the clipboard.';
  } catch (e) {
    // no Clipboard API outside secure contexts (plain http to a remote host): fall back to a selection copy
    secretField.select();
    const copied = document.execCommand && document.execCommand('copy');
    copyStatus.textContent = copied ? 'Copied to the clipboard.'
      : 'Copying is blocked by the browser: the token is selected, press Ctrl+C (or Cmd+C) to copy it.';
  }
});

// the secret leaves the page as soon as the dialog closes (Done, Escape): it is never shown again
dialog.addEventListener('close', () => {
  secretField.value = '';
});

function lines(text) {
  return text.split(/[\r\n,]+/).map(line => line.trim()).filter(line => line !== '');
}

function localDate(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

load();
