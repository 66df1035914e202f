import { api, enc } from '../api.js';
import { h, append, clear, light, table, time, section, loading } from '../dom.js';
import { pullState } from './integrations.js';

const POLL_MS = 5000;
const PULL_TONES = { running: 'ok', degraded: 'warn', stalled: 'bad', disabled: 'off', unknown: 'warn' };

// The installation's lights: database (as /health reports it), pull engine, punch-card API and
// the data-grid members. "degraded" and "stalled" link to the failing pull jobs (#/system/failing).
// When the browser cannot reach the server, the lights say "unknown" (the offline banner explains
// why) instead of claiming that the database is down.
export async function renderSystem(main, { me }) {
  const admin = me.role === 'admin';
  const lights = h('div', { class: 'lights', id: 'system-lights' });
  const members = h('div', { id: 'cluster-members' });
  const checked = h('p', { class: 'muted', id: 'system-checked' });
  const failing = h('div', { id: 'failing-jobs' });
  append(main, [h('h1', {}, 'System status'), section('Lights', lights, checked), failing, admin ? section('Cluster members', members) : null]);

  let timer = null;
  let stopped = false;

  async function health() {
    let answer;
    try {
      answer = await fetch('/health', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch {
      return { unreachable: true };
    }
    try {
      const body = await answer.json();
      const database = (body.checks || []).find((check) => check.name === 'database');
      return { overall: body.status, database: database ? database.status : body.status };
    } catch {
      return { overall: 'DOWN', database: 'DOWN' };
    }
  }

  async function poll() {
    const [healthAnswer, status, punchcard] = await Promise.all([
      health(),
      admin ? api.data('/dashboard/system/status').catch((error) => ({ error })) : null,
      admin ? null : api.data('/api/punchcard/status').catch((error) => ({ error })),
    ]);
    const found = [];
    if (healthAnswer.unreachable) {
      found.push(light('Database', 'unknown (offline)', 'off', 'light-database'));
    } else {
      found.push(light('Database', healthAnswer.database, healthAnswer.database === 'UP' ? 'ok' : 'bad', 'light-database'));
    }
    if (status && !status.error) {
      const pull = status.pull_engine;
      const pullLight = light('Pull engine', pull.state, PULL_TONES[pull.state] || 'warn', 'light-pull');
      if (pull.failing > 0 || pull.state === 'degraded' || pull.state === 'stalled') {
        found.push(h('a', { href: '#/system/failing', class: 'light-link', id: 'failing-link', title: 'Show the failing pull jobs' },
          pullLight, h('span', { class: 'visually-hidden' }, ': show the failing jobs')));
      } else {
        found.push(pullLight);
      }
      found.push(
        light('Punch-card API', status.punchcard.api, status.punchcard.api === 'running' ? 'ok' : 'bad', 'light-punchcard'),
        light('Cluster', status.cluster.mode === 'standalone'
          ? 'standalone'
          : `${status.cluster.members.length} member${status.cluster.members.length === 1 ? '' : 's'}`, 'ok', 'light-cluster'));
      clear(checked).append(`Instance ${status.instance} · pull jobs ${pull.jobs}, `,
        pull.failing > 0 ? h('a', { href: '#/system/failing' }, `failing ${pull.failing}`) : 'failing 0',
        `, overdue ${pull.overdue} · last pull ${time(pull.last_run_at)} · checked ${time(status.checked_at)}`);
      clear(members).append(table('Cluster members', [
        { label: 'Address', value: (m) => m.address },
        { label: 'Member id', value: (m) => h('code', {}, m.uuid) },
        { label: 'This instance', value: (m) => (m.local ? 'yes' : '') },
      ], status.cluster.members, `Standalone: ${status.instance} is not part of a data grid.`));
    } else if (status && status.error && !status.error.offline) {
      clear(members).append(h('p', { class: 'notice notice--error' }, status.error.message));
    }
    if (punchcard && !punchcard.error) {
      found.push(light('Punch-card API', punchcard.api, punchcard.api === 'running' ? 'ok' : 'bad', 'light-punchcard'));
    }
    clear(lights).append(...found);
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  async function showFailing() {
    const body = h('div', {});
    clear(failing).append(section('Failing or paused pull jobs', h('a', { href: '#/system', class: 'button button--quiet' }, 'Close'), body));
    await loading(body, async () => {
      const widgets = await api.all('/dashboard/widgets');
      const perWidget = await Promise.all(widgets.map((w) => api.data(admin
        ? `/dashboard/widgets/${enc(w.id)}/integrations`
        : `/dashboard/organizations/${enc(me.organization_id)}/widgets/${enc(w.id)}/integrations`)
        .then((integrations) => integrations.filter((i) => i.integration_type !== 'push').map((i) => ({ widget: w, integration: i })))
        .catch(() => [])));
      const jobs = await Promise.all(perWidget.flat().map(({ widget, integration }) => api.data(`/dashboard/widget-integrations/${integration.id}/pull-jobs?limit=200`)
        // paused: the upstream budget is spent (issue 17); the job waits for the next window
        .then((rows) => rows.filter((j) => j.failures > 0 || j.state === 'budget_exhausted').map((job) => ({ widget, integration, job })))
        .catch(() => [])));
      return jobs.flat();
    }, (rows) => body.append(table('Failing or paused pull jobs', [
      { label: 'Integration', value: (r) => h('a', { href: `#/integrations/${enc(r.widget.id)}/${r.integration.id}` }, `${r.integration.name} (${r.widget.id})`) },
      { label: 'Widget config', value: (r) => (r.job.widget_config_id && r.job.organization_id
        ? h('a', { href: `#/organizations/${enc(r.job.organization_id)}/configs/${enc(r.job.widget_config_id)}` }, r.job.widget_config_id)
        : h('code', {}, r.job.discriminator)) },
      { label: 'State', value: (r) => pullState(r.job) },
      { label: 'Budget', value: (r) => (r.integration.budget
        ? `${r.job.budget_used} of ${r.integration.budget.requests} this ${r.integration.budget.per}` : 'none') },
      { label: 'Failures', value: (r) => String(r.job.failures) },
      { label: 'Last error', value: (r) => r.job.last_error || '—' },
      { label: 'Last run', value: (r) => time(r.job.last_run_at) },
      { label: 'Next attempt', value: (r) => time(r.job.next_run_at) },
    ], rows, 'No pull job is failing or paused now.')));
  }

  await poll();
  return {
    show: async ([sub]) => {
      if (sub === 'failing') await showFailing();
      else clear(failing);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
