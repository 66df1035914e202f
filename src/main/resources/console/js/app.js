import { api, session, whenUnauthenticated } from './api.js';
import { h, clear } from './dom.js';
import { renderSignIn } from './views/signin.js';
import { renderClients } from './views/clients.js';
import { renderOrganizations } from './views/organizations.js';
import { renderIntegrations } from './views/integrations.js';
import { renderPunchcard } from './views/punchcard.js';
import { renderSystem } from './views/system.js';
import { renderDataHistory } from './views/datahistory.js';
import { renderAlerts } from './views/alerts.js';

// Each section names the roles that may use it: the console shows only what the API would allow.
const SECTIONS = [
  { route: 'clients', title: 'Clients', roles: ['admin'], render: renderClients },
  { route: 'organizations', title: 'Organizations', roles: ['admin', 'member'], render: renderOrganizations },
  { route: 'integrations', title: 'Integrations', roles: ['admin', 'member'], render: renderIntegrations },
  { route: 'punchcard', title: 'Punch card', roles: ['admin', 'member', 'punchcard'], render: renderPunchcard },
  { route: 'data-history', title: 'Data history', roles: ['admin', 'member'], render: renderDataHistory },
  { route: 'alerts', title: 'Alerts', roles: ['admin', 'member'], render: renderAlerts },
  { route: 'system', title: 'System status', roles: ['admin', 'member'], render: renderSystem },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
let me = null;
let stopCurrent = null;

function allowed() {
  return SECTIONS.filter((section) => me && section.roles.includes(me.role));
}

function routeName() {
  return (location.hash.replace(/^#\/?/, '').split('/')[0]) || '';
}

function showNavigation() {
  const current = routeName();
  clear(nav).append(...allowed().map((section) => h('a', {
    href: `#/${section.route}`,
    class: 'nav__link',
    'aria-current': section.route === current ? 'page' : undefined,
  }, section.title)));
  nav.hidden = false;
  document.getElementById('who-text').textContent = me.organization_id ? `${me.role} · organization ${me.organization_id}` : me.role;
  who.hidden = false;
}

function signedOut() {
  me = null;
  nav.hidden = true;
  who.hidden = true;
  if (routeName() !== 'sign-in') location.hash = '#/sign-in';
  else route();
}

async function route() {
  if (stopCurrent) {
    stopCurrent();
    stopCurrent = null;
  }
  if (!session.token()) {
    nav.hidden = true;
    who.hidden = true;
    document.title = 'Sign in · Hollerith console';
    renderSignIn(clear(main), signedIn);
    return;
  }
  if (!me) {
    try {
      me = await api.data('/dashboard/sessions/current');
    } catch {
      return; // a 401 has already sent us to the sign-in page
    }
  }
  const sections = allowed();
  const section = sections.find((s) => s.route === routeName()) || sections[0];
  if (!section) {
    clear(main).append(h('p', {}, 'This account has nothing to manage in the console.'));
    return;
  }
  if (section.route !== routeName()) {
    location.replace(`#/${section.route}`);
    return;
  }
  showNavigation();
  document.title = `${section.title} · Hollerith console`;
  clear(main);
  const stop = await section.render(main, { me });
  if (typeof stop === 'function') stopCurrent = stop;
  main.focus({ preventScroll: true });
}

function signedIn() {
  me = null;
  if (routeName() === 'sign-in' || !routeName()) location.hash = '#/clients';
  else route();
}

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api.delete('/dashboard/sessions/current');
  } catch {
    // the session may already be gone; signing out locally is what matters
  }
  session.forget();
  signedOut();
});

whenUnauthenticated(signedOut);
window.addEventListener('hashchange', route);
route();
