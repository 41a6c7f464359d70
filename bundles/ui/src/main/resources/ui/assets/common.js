// Shared by the api-tokens pages: REST calls, dates, DOM building and dialogs. No framework, nothing external.
// DOM is built with createElement and text nodes only, never by parsing HTML, so labels cannot become markup.

const data = document.body.dataset;
export const contextPath = data.contextPath || '';
export const restBase = contextPath + (data.restBase || '/rest/api-tokens/latest');
export const sessionUrl = contextPath + (data.sessionResource || '/rest/auth/1/session');
export const loginUrl = contextPath + (data.loginPath || '/login.jsp');

export const SERVER_DOWN = 'The server could not be reached. Check that it is running and try again.';
export const UNEXPECTED_ANSWER = 'The server sent an answer this page does not understand. Reload the page and try '
  + 'again; if it persists, your session may have ended or a proxy is in the way.';

/** An error whose message is fit to show to the user. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * Calls a REST resource with the session cookie. Every call sends X-Atlassian-Token: no-check, which the
 * server requires of cookie-authenticated state-changing requests and which a cross-site form cannot send.
 */
export async function request(url, { method = 'GET', json } = {}) {
  const headers = { 'Accept': 'application/json', 'X-Atlassian-Token': 'no-check' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(SERVER_DOWN, 0);
  }
  let text = '';
  try {
    text = await response.text();
  } catch (e) {
    throw new ApiError(SERVER_DOWN, 0);
  }
  let parsed = null;
  let isJson = false;
  if (text) {
    try { parsed = JSON.parse(text); isJson = true; } catch (e) { parsed = null; }
  }
  if (!response.ok) {
    throw new ApiError(errorMessage(response.status, parsed), response.status);
  }
  if (text && !isJson) {
    // a proxy's error page, or a login page an expired session was redirected to: not an answer of the API,
    // so it must not read as an empty token list or a created token without its secret
    throw new ApiError(UNEXPECTED_ANSWER, response.status);
  }
  return parsed;
}

/** A call below the token REST API, e.g. api('/') or api('/all', { method: 'DELETE' }). */
export function api(path, options) {
  return request(restBase + path, options);
}

function errorMessage(status, body) {
  if (status === 401) {
    return 'Your session has ended. Reload the page to log in again.';
  }
  if (status >= 500) {
    const detail = body && typeof body.message === 'string' && body.message.trim() ? ` (${body.message.trim()})` : '';
    return `The server is unavailable at the moment${detail}. Try again in a minute.`;
  }
  const fromServer = body && (body.message || body.errorMessage
    || (Array.isArray(body.errorMessages) && body.errorMessages[0])
    || (body.errors && typeof body.errors === 'object' && Object.values(body.errors)[0])
    || body.error);
  if (typeof fromServer === 'string' && fromServer.trim()) {
    // the API writes terse lower-case messages ("label must not be empty"): make them a sentence
    const sentence = fromServer.trim().charAt(0).toUpperCase() + fromServer.trim().slice(1);
    return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
  }
  switch (status) {
    case 403: return 'You do not have permission to do this.';
    case 404: return 'It was not found: it may have been revoked already.';
    default: return `The server could not do this (HTTP ${status}).`;
  }
}

/** Creates an element: el('td', { class: 'x', onclick: f }, 'text', childNode). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Accepts epoch milliseconds (GET /) and ISO date-times (GET /all); null for none or garbage. */
export function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> element for a date, or the text for none. */
export function time(value, none) {
  const date = toDate(value);
  if (!date) return el('span', { class: 'none' }, none);
  return el('time', { datetime: date.toISOString(), title: date.toString() }, dateFormat.format(date));
}

/** The expiry cell: the date with an "expired" or "expires soon" lozenge, or "Never". */
export function expiry(value, soonDays, now = Date.now()) {
  const date = toDate(value);
  if (!date) return [el('span', { class: 'none' }, 'Never')];
  const parts = [time(date)];
  if (date.getTime() <= now) {
    parts.push(el('span', { class: 'aui-lozenge aui-lozenge-error expiry-mark' }, 'expired'));
  } else if (date.getTime() - now <= soonDays * 86400000) {
    parts.push(el('span', { class: 'aui-lozenge aui-lozenge-warning expiry-mark' }, 'expires soon'));
  }
  return parts;
}

/** Scope, then the path and address limits, one line each. */
export function tokenAccess(token) {
  const scopes = Array.isArray(token.scopes) ? token.scopes : ['write'];
  const readOnly = scopes.length > 0 && !scopes.includes('write');
  const parts = [el('span', { class: `aui-lozenge scope ${readOnly ? 'aui-lozenge-subtle' : ''}` },
    readOnly ? 'read only' : 'read and write')];
  if (Array.isArray(token.allowedPaths) && token.allowedPaths.length) {
    parts.push(el('div', { class: 'allowed-paths' }, 'Paths: ', token.allowedPaths.join(', ')));
  }
  if (Array.isArray(token.allowedIps) && token.allowedIps.length) {
    parts.push(el('div', { class: 'allowed-ips' }, 'From: ', token.allowedIps.join(', ')));
  }
  return parts;
}

/** The last client addresses, most recent first, each with when it was last seen. */
export function lastAddresses(list) {
  if (!Array.isArray(list) || list.length === 0) return null;
  return el('ul', { class: 'last-addresses', 'aria-label': 'Last used from' },
    list.map(a => el('li', {}, a.address, ' ', time(a.lastSeen, ''))));
}

/** Shows (or with no text hides) an error box: an element with role=alert styled as a message. */
export function showError(box, text) {
  box.textContent = text || '';
  box.hidden = !text;
}

/** Puts a message into a live region (role=status), which stays in the page so screen readers announce it. */
export function showStatus(region, text, kind = 'error') {
  region.replaceChildren();
  if (text) region.append(el('div', { class: `aui-message aui-message-${kind}` }, text));
}

/**
 * Opens a modal dialog and moves focus into it. The native <dialog> keeps focus inside and closes on Escape;
 * focus goes back to what opened it.
 */
export function openDialog(dialog, focusTarget) {
  const opener = document.activeElement;
  dialog.showModal();
  (focusTarget || dialog.querySelector('input, button')).focus();
  dialog.addEventListener('close', () => {
    if (opener && document.contains(opener)) opener.focus();
  }, { once: true });
}

for (const button of document.querySelectorAll('[data-close-dialog]')) {
  button.addEventListener('click', () => button.closest('dialog').close());
}

/**
 * Asks for confirmation in the shared dialog and runs action() when confirmed. A failure is shown in the
 * dialog, which stays open; resolves true once the action succeeded, false if cancelled.
 */
export function confirmAction({ title, message, confirmLabel, action }) {
  const dialog = document.getElementById('confirm-dialog');
  const ok = document.getElementById('confirm-ok');
  const error = document.getElementById('confirm-error');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-message').textContent = message;
  ok.textContent = confirmLabel;
  showError(error, '');
  return new Promise(resolve => {
    const listeners = new AbortController();
    let done = false;
    ok.addEventListener('click', async () => {
      ok.disabled = true;
      ok.setAttribute('aria-busy', 'true');
      try {
        await action();
        done = true;
        dialog.close();
      } catch (e) {
        showError(error, e.message);
      } finally {
        ok.disabled = false;
        ok.removeAttribute('aria-busy');
      }
    }, { signal: listeners.signal });
    document.getElementById('confirm-cancel').addEventListener('click', () => dialog.close(),
      { signal: listeners.signal });
    dialog.addEventListener('close', () => {
      listeners.abort();
      resolve(done);
    }, { signal: listeners.signal });
    openDialog(dialog, document.getElementById('confirm-cancel'));
  });
}

const logout = document.getElementById('logout');
if (logout) {
  logout.addEventListener('click', async () => {
    try {
      await request(sessionUrl, { method: 'DELETE' });
    } catch (e) {
      // an ended session is already logged out; anything else still leaves via the login page
    }
    window.location.assign(loginUrl);
  });
}
