// The admin page's "Audit" section: the audit trail, newest first, filtered by token owner, event type and days,
// paged. Reads GET /admin/audit; its filter lives in the address bar (audit* parameters) like the token listing's.
import { api, el, time, showStatus, dayMillis } from './common.js';

const section = document.getElementById('admin-audit');
const pageSize = Number(section.dataset.pageSize || 25);
const form = document.getElementById('audit-form');
const userInput = document.getElementById('audit-user');
const typeSelect = document.getElementById('audit-type');
const fromInput = document.getElementById('audit-from');
const toInput = document.getElementById('audit-to');
const table = document.getElementById('audit-table');
const rows = document.getElementById('audit-body');
const empty = document.getElementById('audit-empty');
const status = document.getElementById('audit-status');
const previous = document.getElementById('audit-prev');
const next = document.getElementById('audit-next');
const pageInfo = document.getElementById('audit-info');

const TYPE_NAMES = Object.fromEntries([...typeSelect.options].filter(o => o.value).map(o => [o.value, o.text]));

const query = new URLSearchParams(window.location.search);
let state = {
  user: query.get('auditUser') || '',
  type: query.get('auditType') || '',
  from: query.get('auditFrom') || '',
  to: query.get('auditTo') || '',
  offset: Math.max(0, Number.parseInt(query.get('auditOffset'), 10) || 0),
};

function syncForm() {
  userInput.value = state.user;
  typeSelect.value = state.type;
  if (typeSelect.value !== state.type) typeSelect.value = state.type = '';
  fromInput.value = state.from;
  toInput.value = state.to;
}

function syncAddress() {
  // keeps the token listing's parameters, which admin.js owns
  const params = new URLSearchParams(window.location.search);
  const own = { auditUser: state.user, auditType: state.type, auditFrom: state.from, auditTo: state.to,
    auditOffset: state.offset ? String(state.offset) : '' };
  for (const [name, value] of Object.entries(own)) {
    if (value) params.set(name, value); else params.delete(name);
  }
  const search = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (search ? `?${search}` : ''));
}

async function load() {
  syncAddress();
  const params = new URLSearchParams({ offset: String(state.offset), limit: String(pageSize) });
  if (state.user) params.set('user', state.user);
  if (state.type) params.set('type', state.type);
  const from = dayMillis(state.from, false);
  const to = dayMillis(state.to, true);
  if (from !== null) params.set('from', String(from));
  if (to !== null) params.set('to', String(to));
  section.setAttribute('aria-busy', 'true');
  try {
    render(await api(`/admin/audit?${params}`));
  } catch (e) {
    table.hidden = true;
    empty.hidden = true;
    showStatus(status, `The audit trail could not be loaded. ${e.message}`);
  } finally {
    section.removeAttribute('aria-busy');
  }
}

function render(page) {
  const items = Array.isArray(page && page.events) ? page.events : [];
  const total = Number((page && page.total) ?? items.length);
  rows.replaceChildren(...items.map(row));
  table.hidden = items.length === 0;
  empty.hidden = items.length !== 0;
  pageInfo.textContent = total === 0 ? '' : `${state.offset + 1}–${state.offset + items.length} of ${total}`;
  previous.disabled = state.offset === 0;
  next.disabled = state.offset + items.length >= total;
}

/** A person as the host names them; a key the host no longer knows as the key; nobody as the system. */
function person(name, key) {
  if (name) return name;
  if (key) return el('span', { class: 'none', title: 'user key of a user the host no longer knows' }, key);
  return el('span', { class: 'none' }, 'system');
}

function row(event) {
  return el('tr', { 'data-event-type': event.type, 'data-token-id': event.tokenId || '' },
    el('td', {}, time(event.timestamp, '')),
    el('td', { class: 'audit-type' }, TYPE_NAMES[event.type] || event.type),
    el('td', { class: 'audit-actor' }, person(event.actor, event.actorKey)),
    el('td', { class: 'audit-user' }, person(event.user, event.userKey)),
    el('td', {}, event.tokenId ? el('code', {}, event.tokenId) : ''),
    el('td', { class: 'audit-detail' }, event.detail || ''));
}

form.addEventListener('submit', event => {
  event.preventDefault();
  state = { user: userInput.value.trim(), type: typeSelect.value, from: fromInput.value, to: toInput.value, offset: 0 };
  showStatus(status, '');
  load();
});

document.getElementById('audit-clear').addEventListener('click', () => {
  state = { user: '', type: '', from: '', to: '', offset: 0 };
  syncForm();
  showStatus(status, '');
  load();
});

typeSelect.addEventListener('change', () => form.requestSubmit());
previous.addEventListener('click', () => { state.offset = Math.max(0, state.offset - pageSize); load(); });
next.addEventListener('click', () => { state.offset += pageSize; load(); });

syncForm();
load();
