// The admin page: the license status, the token policy, and every user's tokens paged, filtered and sorted, with revoke actions.
import {
  api, el, time, expiry, showStatus, confirmAction, tokenAccess, lastAddresses,
} from './common.js';

const section = document.getElementById('admin-tokens');
const pageSize = Number(section.dataset.pageSize || 25);
const soonDays = Number(section.dataset.expiresSoonDays || 7);
const form = document.getElementById('filter-form');
const userInput = document.getElementById('filter-user');
const labelInput = document.getElementById('filter-label');
const sortSelect = document.getElementById('filter-sort');
const table = document.getElementById('admin-table');
const rows = document.getElementById('admin-body');
const empty = document.getElementById('admin-empty');
const status = document.getElementById('admin-status');
const previous = document.getElementById('page-prev');
const next = document.getElementById('page-next');
const pageInfo = document.getElementById('page-info');
const revokeUserButton = document.getElementById('revoke-user');
const licenseBox = document.getElementById('license-status');

// the filter lives in the address bar, so a reload or a shared link shows the same listing
const query = new URLSearchParams(window.location.search);
let state = {
  user: query.get('user') || '',
  label: query.get('label') || '',
  sort: query.get('sort') || 'created',
  offset: Math.max(0, Number.parseInt(query.get('offset'), 10) || 0),
};

function syncForm() {
  userInput.value = state.user;
  labelInput.value = state.label;
  sortSelect.value = state.sort;
  if (!sortSelect.value) sortSelect.value = state.sort = 'created';
}

function syncAddress() {
  const params = new URLSearchParams();
  if (state.user) params.set('user', state.user);
  if (state.label) params.set('label', state.label);
  if (state.sort !== 'created') params.set('sort', state.sort);
  if (state.offset) params.set('offset', String(state.offset));
  const search = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (search ? `?${search}` : ''));
}

async function load() {
  syncAddress();
  const params = new URLSearchParams({ sort: state.sort, offset: String(state.offset), limit: String(pageSize) });
  if (state.user) params.set('user', state.user);
  if (state.label) params.set('label', state.label);
  section.setAttribute('aria-busy', 'true');
  try {
    render(await api(`/admin/tokens?${params}`));
  } catch (e) {
    showStatus(status, `The tokens could not be loaded. ${e.message}`);
  } finally {
    section.removeAttribute('aria-busy');
  }
}

function render(page) {
  const items = Array.isArray(page && page.tokens) ? page.tokens : [];
  const total = Number((page && page.total) ?? items.length);
  if (items.length === 0 && state.offset > 0 && total > 0) {
    // the last page emptied (e.g. after revoking): show the page before it
    state.offset = Math.max(0, state.offset - pageSize);
    load();
    return;
  }
  rows.replaceChildren(...items.map(row));
  table.hidden = items.length === 0;
  empty.hidden = items.length !== 0;
  pageInfo.textContent = total === 0 ? ''
    : `${state.offset + 1}–${state.offset + items.length} of ${total}`;
  previous.disabled = state.offset === 0;
  next.disabled = state.offset + items.length >= total;
  revokeUserButton.hidden = !state.user || total === 0;
  revokeUserButton.textContent = `Revoke all tokens of ${state.user}`;
}

function row(token) {
  // a deleted user's tokens still list (to be revoked) under the user key
  const owner = token.username || token.userKey || '';
  return el('tr', { 'data-token-id': token.tokenId, 'data-username': owner },
    el('td', {},
      el('button', {
        type: 'button', class: 'aui-button aui-button-link aui-button-compact filter-user',
        title: `Show only ${owner}'s tokens`, onclick: () => filterBy(owner),
      }, owner)),
    el('td', { class: 'token-label' }, token.label),
    el('td', { class: 'token-id' }, el('code', {}, token.tokenId),
      el('div', { class: 'access' }, tokenAccess(token)),
      token.createdBy ? el('div', { class: 'created-by description' }, `created by ${token.createdBy}`) : null),
    el('td', {}, time(token.createdAt, '')),
    el('td', { class: 'last-accessed' }, time(token.lastAccessed, 'Never'), lastAddresses(token.lastAddresses)),
    el('td', { class: 'number' }, String(token.usageCount ?? 0)),
    el('td', { class: 'expiry' }, expiry(token.expirationDate ?? token.expiresAt, soonDays), policyMark(token)),
    el('td', { class: 'actions' },
      el('button', {
        type: 'button', class: 'aui-button aui-button-link aui-button-compact revoke',
        'aria-label': `Revoke ${owner}'s token ${token.label}`, onclick: () => revoke(token, owner),
      }, 'Revoke')));
}

// a token made before the policy changed, breaking it now: it keeps working, the admin decides
function policyMark(token) {
  const violations = Array.isArray(token.policyViolations) ? token.policyViolations : [];
  if (violations.length === 0) return null;
  return el('span', { class: 'aui-lozenge aui-lozenge-current breaks-policy', title: violations.join('; ') },
    'breaks policy', el('span', { class: 'visually-hidden' }, `: ${violations.join('; ')}`));
}

function filterBy(user) {
  state = { ...state, user, offset: 0 };
  syncForm();
  load();
}

async function revoke(token, owner) {
  const revoked = await confirmAction({
    title: 'Revoke API token',
    message: `Revoke ${owner}'s token "${token.label}"? Scripts that use it will stop working at once.`,
    confirmLabel: 'Revoke',
    action: () => api(`/admin/tokens/${encodeURIComponent(token.tokenId)}`, { method: 'DELETE' }),
  });
  if (revoked) {
    showStatus(status, `${owner}'s token "${token.label}" was revoked.`, 'success');
    await load();
  }
}

revokeUserButton.addEventListener('click', async () => {
  const user = state.user;
  let count = 0;
  const revoked = await confirmAction({
    title: 'Revoke all tokens of a user',
    message: `Revoke all API tokens of ${user}? Every script that uses one of them will stop working at once.`,
    confirmLabel: 'Revoke all',
    action: async () => {
      const answer = await api(`/admin/users/${encodeURIComponent(user)}/tokens`, { method: 'DELETE' });
      count = answer && typeof answer.revoked === 'number' ? answer.revoked : 0;
    },
  });
  if (revoked) {
    showStatus(status, `${count} token${count === 1 ? '' : 's'} of ${user} revoked.`, 'success');
    await load();
  }
});

form.addEventListener('submit', event => {
  event.preventDefault();
  state = { user: userInput.value.trim(), label: labelInput.value.trim(), sort: sortSelect.value, offset: 0 };
  showStatus(status, '');
  load();
});

document.getElementById('filter-clear').addEventListener('click', () => {
  state = { user: '', label: '', sort: 'created', offset: 0 };
  syncForm();
  showStatus(status, '');
  load();
});

sortSelect.addEventListener('change', () => form.requestSubmit());
previous.addEventListener('click', () => { state.offset = Math.max(0, state.offset - pageSize); load(); });
next.addEventListener('click', () => { state.offset += pageSize; load(); });

async function loadLicense() {
  try {
    const license = await api('/license');
    const allowed = license.allowsAuthentication ?? ['VALID', 'UNLIMITED'].includes(license.state);
    const parts = [
      el('span', { class: `aui-lozenge ${allowed ? 'aui-lozenge-success' : 'aui-lozenge-error'}` },
        String(license.state || (allowed ? 'valid' : 'invalid')).toLowerCase().replace(/_/g, ' ')),
      el('span', {}, license.message || ''),
    ];
    if (license.licensee) parts.push(el('span', { class: 'description' }, `Licensed to ${license.licensee}.`));
    if (license.expiresAt) parts.push(el('span', { class: 'description' }, 'Ends ', time(license.expiresAt, ''), '.'));
    if (!allowed) parts.push(el('span', {}, 'Tokens can be managed, but nobody can authenticate with them.'));
    licenseBox.replaceChildren(...parts);
  } catch (e) {
    licenseBox.replaceChildren(el('div', { class: 'aui-message aui-message-error' },
      `The license status could not be loaded. ${e.message}`));
  }
}

// the administrators' token policy, as GET /policy reports it
async function loadPolicy() {
  const rules = document.getElementById('policy-rules');
  try {
    const policy = await api('/policy');
    const days = (n, none) => (n > 0 ? `${n} day${n === 1 ? '' : 's'}` : none);
    const entries = [
      ['Expiry', policy.requireExpiry || policy.maxLifetimeDays > 0 ? 'required' : 'optional'],
      ['Default lifetime', days(policy.defaultLifetimeDays, policy.requireExpiry || policy.maxLifetimeDays > 0
        ? 'none (the user chooses the expiry date)' : 'none (never expires)')],
      ['Maximum lifetime', days(policy.maxLifetimeDays, 'unlimited')],
      ['Tokens per user', policy.maxTokensPerUser > 0 ? String(policy.maxTokensPerUser) : 'unlimited'],
      ['Who may create tokens', (policy.creatorGroups || []).length
        ? `administrators and members of ${policy.creatorGroups.join(', ')}` : 'everybody'],
      ['Scopes users may choose', (policy.userScopes || []).join(', ')],
    ];
    rules.replaceChildren(...entries.flatMap(([name, value]) => [
      el('dt', {}, `${name}:`), el('dd', { 'data-rule': name }, value)]));
  } catch (e) {
    rules.replaceChildren(el('dd', { class: 'aui-message aui-message-error' },
      `The token policy could not be loaded. ${e.message}`));
  } finally {
    rules.removeAttribute('aria-busy');
  }
}

syncForm();
loadLicense();
loadPolicy();
load();
