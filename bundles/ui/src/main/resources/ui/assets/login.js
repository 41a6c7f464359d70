// The login form: logs in through the host's session resource, then goes to the page that was asked for.
import { request, sessionUrl, contextPath, showError, ApiError } from './common.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
const submit = document.getElementById('login-submit');
const username = document.getElementById('login-username');
const password = document.getElementById('login-password');

form.addEventListener('submit', async event => {
  event.preventDefault();
  showError(error, '');
  if (!username.value.trim() || !password.value) {
    fail('Enter your username and password.', username.value.trim() ? password : username);
    return;
  }
  submit.disabled = true;
  submit.setAttribute('aria-busy', 'true');
  try {
    await request(sessionUrl, { method: 'POST', json: { username: username.value.trim(), password: password.value } });
    // the server checked the destination: it is a path on this site
    window.location.assign(contextPath + form.dataset.destination);
  } catch (e) {
    const wrongCredentials = e instanceof ApiError && (e.status === 401 || e.status === 403);
    fail(wrongCredentials ? 'Sorry, your username and password are incorrect - please try again.' : e.message,
      password);
    password.value = '';
    submit.disabled = false;
    submit.removeAttribute('aria-busy');
  }
});

function fail(message, focus) {
  showError(error, message);
  focus.focus();
}
