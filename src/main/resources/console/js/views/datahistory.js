import { api, enc, ApiError } from '../api.js';
import { h, append, clear, table, time, message, section, field } from '../dom.js';

// Issue 17: a widget config's data history — every version with its origin, the served / pinned /
// quarantined state, and the operator's steering: view, roll back, pin / unpin, release.
export async function renderDataHistory(main) {
  const configInput = h('input', { id: 'history-config', type: 'text', name: 'widget_config_id', required: true, autocomplete: 'off',
    placeholder: 'widget config id' });
  const status = h('div', { id: 'history-status', 'aria-live': 'polite' });
  const list = h('div', { id: 'history-versions' });
  const detail = h('pre', { id: 'history-detail', class: 'code', hidden: true });
  const fromHash = decodeURIComponent(location.hash.split('/')[2] || '');
  if (fromHash) configInput.value = fromHash;

  const form = h('form', { id: 'history-form', onsubmit: (event) => { event.preventDefault(); load(); } },
    field('Widget config', configInput, 'The id of a widget config of your organization.'),
    h('button', { type: 'submit', class: 'button' }, 'Show history'));
  append(main, [h('h1', {}, 'Data history'), section('Widget config', form, status), section('Versions', list, detail)]);

  const base = () => `/dashboard/widget-configs/${enc(configInput.value.trim())}/data`;

  async function act(run, done) {
    try {
      await run();
      clear(status).append(message('ok', done));
      await load(false);
    } catch (error) {
      clear(status).append(message('error', error instanceof ApiError ? error.describe() : String(error)));
    }
  }

  function actions(version, meta) {
    const buttons = [h('button', { type: 'button', class: 'button button--small', dataset: { action: 'view', version: version.version },
      onclick: async () => {
        const data = await api.data(`${base()}/versions/${version.version}`);
        detail.hidden = false;
        detail.textContent = JSON.stringify(data.data, null, 2);
      } }, 'View')];
    if (version.status === 'quarantined') {
      buttons.push(h('button', { type: 'button', class: 'button button--small', dataset: { action: 'release', version: version.version },
        onclick: () => act(() => api.post(`${base()}/versions/${version.version}/release`), `Version ${version.version} released as a new version.`) },
      'Release'));
    } else {
      if (version.status !== 'served') {
        buttons.push(h('button', { type: 'button', class: 'button button--small', dataset: { action: 'rollback', version: version.version },
          onclick: () => act(() => api.post(`${base()}/rollback`, { version: version.version }), `Version ${version.version} published again as a new version.`) },
        'Roll back'));
      }
      if (!(meta.pinned && meta.served_version === version.version)) {
        buttons.push(h('button', { type: 'button', class: 'button button--small', dataset: { action: 'pin', version: version.version },
          onclick: () => act(() => api.put(`${base()}/pin`, { version: version.version }), `Players are held on version ${version.version}.`) },
        'Pin'));
      }
    }
    return h('span', { class: 'actions' }, buttons);
  }

  async function load(clearStatus = true) {
    if (!configInput.value.trim()) return;
    if (clearStatus) clear(status);
    detail.hidden = true;
    try {
      const answer = (await api.get(`${base()}/versions?limit=200`)).body;
      const meta = answer.meta;
      const pinned = meta.pinned
        ? [message('warn', `Pinned: players get version ${meta.served_version} until it is unpinned.`),
          h('button', { type: 'button', class: 'button', id: 'history-unpin',
            onclick: () => act(() => api.delete(`${base()}/pin`), 'Unpinned: players get the newest good version.') }, 'Unpin')]
        : [];
      clear(list).append(...pinned, table('Data versions', [
        { label: 'Version', value: (v) => String(v.version) },
        { label: 'Status', value: (v) => h('span', { class: `badge badge--${v.status}`, dataset: { status: v.status } }, v.status) },
        { label: 'Source', value: (v) => (v.delivery_id ? `${v.source} (delivery ${v.delivery_id})` : v.source) },
        { label: 'Received', value: (v) => time(v.received_at) },
        { label: 'Size', value: (v) => `${v.size_bytes} B` },
        { label: 'Problems', value: (v) => (v.errors ? v.errors.join('; ') : '') },
        { label: 'Actions', value: (v) => actions(v, meta) },
      ], answer.data, 'No versions recorded yet.'));
    } catch (error) {
      clear(list);
      clear(status).append(message('error', error instanceof ApiError ? error.describe() : String(error)));
    }
  }

  await load();
}
