import { api, session } from '../api.js';
import { h, field, notify, clearNotices } from '../dom.js';

export function renderSignIn(main, signedIn) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'signin-email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, id: 'signin-password' });
  const feedback = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button button--primary', id: 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'signin panel', novalidate: false },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'muted' }, 'Administrators and organization members sign in with their email and password.'),
    field('Email', email),
    field('Password', password),
    feedback,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    clearNotices();
    submit.textContent = 'Signing in…';
    try {
      const answer = await api.post('/dashboard/sessions', { email: email.value.trim(), password: password.value });
      session.keep(answer.body.data.token);
      password.value = '';
      clearNotices();
      signedIn();
    } catch (error) {
      notify('error', error.status === 401 ? 'Email or password is wrong.' : error.describe ? error.describe() : String(error));
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  main.append(form);
  email.focus();
}
