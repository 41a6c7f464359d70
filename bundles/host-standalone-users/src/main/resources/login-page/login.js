// The standalone host's login form: POSTs the credentials to the session resource, then goes to the page that was
// asked for (the server checked that it is a path on this site).
const contextPath = document.body.dataset.contextPath || '';
const sessionUrl = contextPath + document.body.dataset.sessionResource;
const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
const submit = document.getElementById('login-submit');
const username = document.getElementById('login-username');
const password = document.getElementById('login-password');

const WRONG = 'Sorry, your username and password are incorrect - please try again.';
const SERVER_DOWN = 'The server could not be reached. Check that it is running and try again.';

form.addEventListener('submit', async event => {
  event.preventDefault();
  show('');
  if (!username.value.trim() || !password.value) {
    fail('Enter your username and password.', username.value.trim() ? password : username);
    return;
  }
  submit.disabled = true;
  submit.setAttribute('aria-busy', 'true');
  const message = await logIn(username.value.trim(), password.value);
  if (message === null) {
    window.location.assign(contextPath + form.dataset.destination);
    return;
  }
  fail(message, password);
  password.value = '';
  submit.disabled = false;
  submit.removeAttribute('aria-busy');
});

/** null when logged in, else the message to show. */
async function logIn(name, secret) {
  let response;
  try {
    response = await fetch(sessionUrl, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/json', 'X-Atlassian-Token': 'no-check' },
      body: JSON.stringify({ username: name, password: secret })
    });
  } catch (e) {
    return SERVER_DOWN;
  }
  if (response.ok) {
    return null;
  }
  if (response.status === 401 || response.status === 403) {
    return WRONG;
  }
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string' && body.message) {
      return body.message;
    }
  } catch (e) {
    // not JSON: a proxy's error page
  }
  return `The server answered ${response.status}. Try again in a minute.`;
}

function show(message) {
  error.textContent = message;
  error.hidden = !message;
}

function fail(message, focus) {
  show(message);
  focus.focus();
}
