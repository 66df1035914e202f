import { api, session, whenUnauthenticated, whenReachabilityChanges } from './api.js';
import { h, clear, clearNotices } from './dom.js';
import { renderSignIn } from './views/signin.js';
import { renderClients } from './views/clients.js';
import { renderOrganizations } from './views/organizations.js';
import { renderIntegrations } from './views/integrations.js';
import { renderPunchcard } from './views/punchcard.js';
import { renderSystem } from './views/system.js';
import { renderDataHistory } from './views/datahistory.js';
import { renderAlerts } from './views/alerts.js';

// Each section names the roles that may use it: the console shows only what the API would allow.
// Every view has its own URL (#/section/...): a reload, a bookmark or a link opens the same view, and
// signing in returns to it.
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
const offline = document.getElementById('offline');
let me = null;
let mounted = null; // { route, view }

function allowed() {
  return SECTIONS.filter((section) => me && section.roles.includes(me.role));
}

/** #/organizations/abc/configs/def → ['organizations', 'abc', 'configs', 'def'] */
function path() {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

function showNavigation(current) {
  clear(nav).append(...allowed().map((section) => h('a', {
    href: `#/${section.route}`,
    class: 'nav__link',
    'aria-current': section.route === current ? 'page' : undefined,
  }, section.title)));
  nav.hidden = false;
  const name = me.email || (me.key_name ? `API key “${me.key_name}”` : 'signed in');
  const text = document.getElementById('who-text');
  text.textContent = `${name} · ${me.role}${me.organization_name ? ` of ${me.organization_name}` : ''}`;
  text.title = me.organization_id ? `organization ${me.organization_id}` : 'installation admin';
  who.hidden = false;
}

function unmount() {
  if (mounted && mounted.view && typeof mounted.view.stop === 'function') mounted.view.stop();
  mounted = null;
}

function signedOut() {
  me = null;
  unmount();
  route();
}

async function route() {
  if (!session.token()) {
    unmount();
    nav.hidden = true;
    who.hidden = true;
    document.title = 'Sign in · Hollerith console';
    // the address stays as it is, so that signing in opens the view that was asked for
    renderSignIn(clear(main), signedIn);
    return;
  }
  if (!me) {
    try {
      me = await api.data('/dashboard/console/operator');
    } catch (error) {
      if (error.status !== 401) clear(main).append(h('p', { class: 'notice notice--error', role: 'alert' }, error.message));
      return; // a 401 has already shown the sign-in page
    }
  }
  const [name, ...params] = path();
  const sections = allowed();
  const section = sections.find((s) => s.route === name) || sections[0];
  if (!section) {
    clear(main).append(h('p', {}, 'This account has nothing to manage in the console.'));
    return;
  }
  if (section.route !== name) {
    location.replace(`#/${section.route}`);
    return;
  }
  showNavigation(section.route);
  document.title = `${section.title} · Hollerith console`;
  if (mounted && mounted.route === section.route && mounted.view && typeof mounted.view.show === 'function') {
    await mounted.view.show(params);
    return;
  }
  unmount();
  clearNotices();
  clear(main);
  const view = await section.render(main, { me, params });
  mounted = { route: section.route, view: typeof view === 'function' ? { stop: view } : view };
  if (mounted.view && typeof mounted.view.show === 'function') await mounted.view.show(params);
  main.focus({ preventScroll: true });
}

function signedIn() {
  me = null;
  route();
}

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api.delete('/dashboard/sessions/current');
  } catch {
    // the session may already be gone; signing out locally is what matters
  }
  session.forget();
  location.hash = '';
  signedOut();
});

// Offline is the browser's problem, not the server's: say so in a banner instead of showing the server as down.
function reachable(yes) {
  offline.hidden = yes && navigator.onLine;
  document.body.classList.toggle('is-offline', !offline.hidden);
}
whenReachabilityChanges(reachable);
window.addEventListener('offline', () => reachable(false));
window.addEventListener('online', () => reachable(true));
reachable(navigator.onLine);

whenUnauthenticated(signedOut);
window.addEventListener('hashchange', route);
route();
