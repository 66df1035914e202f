import { api } from '../api.js';
import { h, append, clear, light, table, time, message, section } from '../dom.js';

const POLL_MS = 5000;
const PULL_TONES = { running: 'ok', degraded: 'warn', stalled: 'bad', disabled: 'off', unknown: 'warn' };

// The installation's lights: database (as /health reports it), pull engine, punch-card API and
// the data-grid members. Members see what /health and the punch-card status tell them.
export async function renderSystem(main, { me }) {
  const admin = me.role === 'admin';
  const lights = h('div', { class: 'lights', id: 'system-lights' });
  const members = h('div', { id: 'cluster-members' });
  const checked = h('p', { class: 'muted', id: 'system-checked' });
  append(main, [h('h1', {}, 'System status'), section('Lights', lights, checked), admin ? section('Cluster members', members) : null]);

  let timer = null;
  let stopped = false;

  async function health() {
    try {
      const answer = await fetch('/health', { headers: { Accept: 'application/json' }, cache: 'no-store' });
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
    const found = [light('Database', healthAnswer.database, healthAnswer.database === 'UP' ? 'ok' : 'bad', 'light-database')];
    if (status && !status.error) {
      const pull = status.pull_engine;
      found.push(
        light('Pull engine', pull.state, PULL_TONES[pull.state] || 'warn', 'light-pull'),
        light('Punch-card API', status.punchcard.api, status.punchcard.api === 'running' ? 'ok' : 'bad', 'light-punchcard'),
        light('Cluster', status.cluster.mode === 'standalone'
          ? 'standalone'
          : `${status.cluster.members.length} member${status.cluster.members.length === 1 ? '' : 's'}`, 'ok', 'light-cluster'));
      clear(checked).append(`Instance ${status.instance} · pull jobs ${pull.jobs}, failing ${pull.failing}, overdue ${pull.overdue}`,
        ` · last pull ${time(pull.last_run_at)} · checked ${time(status.checked_at)}`);
      clear(members).append(table('Cluster members', [
        { label: 'Address', value: (m) => m.address },
        { label: 'Member id', value: (m) => h('code', {}, m.uuid) },
        { label: 'This instance', value: (m) => (m.local ? 'yes' : '') },
      ], status.cluster.members, `Standalone: ${status.instance} is not part of a data grid.`));
    } else if (status && status.error) {
      clear(members).append(message('error', status.error.message));
    }
    if (punchcard && !punchcard.error) {
      found.push(light('Punch-card API', punchcard.api, punchcard.api === 'running' ? 'ok' : 'bad', 'light-punchcard'));
    }
    clear(lights).append(...found);
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  await poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
