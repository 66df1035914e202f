import { api, enc } from '../api.js';
import { h, append, clear, table, time, field, message, section } from '../dom.js';

// Organizations and their widget configs: options, the data players get (version, status,
// fetched_at, error) and a "Refresh" that fetches again in the background.
export async function renderOrganizations(main, { me }) {
  const admin = me.role === 'admin';
  const feedback = h('div', { 'aria-live': 'polite' });
  const list = h('div', { id: 'organization-list' });
  const detail = h('div', { id: 'organization-detail' });
  append(main, [h('h1', {}, 'Organizations'), feedback, section('Organizations', list), detail]);

  async function load() {
    try {
      const organizations = await api.all('/dashboard/organizations');
      clear(list).append(table('Organizations', [
        { label: 'Name', value: (o) => o.name },
        { label: 'Id', value: (o) => h('code', {}, o.id) },
        { label: 'Created', value: (o) => time(o.created_at) },
        { label: 'Actions', value: (o) => h('button', { type: 'button', class: 'button button--quiet', onclick: () => open(o) }, 'Open') },
      ], organizations, 'No organizations yet.'));
      if (admin) list.append(createForm());
    } catch (error) {
      clear(list).append(message('error', error.message));
    }
  }

  function createForm() {
    const name = h('input', { type: 'text', required: true, maxlength: 200, id: 'organization-name' });
    const form = h('form', { class: 'form form--inline' }, field('New organization', name),
      h('button', { type: 'submit', class: 'button button--primary' }, 'Create organization'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const created = (await api.post('/dashboard/organizations', { name: name.value.trim() })).body.data;
        clear(feedback).append(message('ok', `Created ${created.name}.`));
        await load();
      } catch (error) {
        clear(feedback).append(message('error', error.describe()));
      }
    });
    return form;
  }

  async function open(organization) {
    clear(detail);
    const parts = [];
    if (admin) {
      const name = h('input', { type: 'text', required: true, maxlength: 200, value: organization.name, id: 'organization-rename' });
      const rename = h('form', { class: 'form form--inline' }, field('Name', name),
        h('button', { type: 'submit', class: 'button' }, 'Rename'));
      rename.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await api.patch(`/dashboard/organizations/${enc(organization.id)}`, { name: name.value.trim() });
          clear(feedback).append(message('ok', 'Renamed.'));
          await load();
        } catch (error) {
          clear(feedback).append(message('error', error.describe()));
        }
      });
      parts.push(rename);
    }
    const configs = h('div', { id: 'widget-configs' });
    parts.push(h('h3', {}, 'Widget configs'), configs);
    detail.append(section(organization.name, parts));
    await loadConfigs(organization, configs);
  }

  async function loadConfigs(organization, target) {
    clear(target);
    let configs = [];
    let widgets = [];
    try {
      [configs, widgets] = await Promise.all([
        api.all(`/dashboard/organizations/${enc(organization.id)}/widget-configs`),
        api.all('/dashboard/widgets'),
      ]);
    } catch (error) {
      target.append(message('error', error.message));
      return;
    }
    const data = h('div', { id: 'widget-data', 'aria-live': 'polite' });
    target.append(table('Widget configs', [
      { label: 'Name', value: (c) => c.name },
      { label: 'Widget', value: (c) => c.widget_id },
      { label: 'Options', value: (c) => h('code', { class: 'json' }, JSON.stringify(c.options)) },
      { label: 'Actions', value: (c) => h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'button button--quiet', onclick: () => showData(c, data) }, 'Data'),
          h('button', { type: 'button', class: 'button button--quiet', onclick: () => refresh(c, data) }, 'Refresh'),
          h('button', { type: 'button', class: 'button button--quiet', onclick: () => edit(c) }, 'Edit')) },
    ], configs, 'No widget configs yet.'), data, configForm(null));

    function edit(config) {
      target.replaceChild(configForm(config), target.lastChild);
    }

    function configForm(config) {
      const widget = h('select', { id: 'config-widget', disabled: Boolean(config) },
        widgets.map((w) => h('option', { value: w.id }, `${w.name} (${w.id})`)));
      if (config) widget.value = config.widget_id;
      const name = h('input', { type: 'text', required: true, maxlength: 200, id: 'config-name', value: config ? config.name : '' });
      const options = h('textarea', { rows: 4, id: 'config-options', spellcheck: 'false' });
      options.value = JSON.stringify(config ? config.options : {}, null, 2);
      const result = h('div', { 'aria-live': 'polite' });
      const form = h('form', { class: 'form' },
        h('h4', {}, config ? `Edit ${config.name}` : 'New widget config'),
        field('Widget', widget), field('Name', name),
        field('Options (JSON)', options, 'Checked against the config_schema of the widget\'s integrations; defaults are filled in.'),
        result,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, config ? 'Save config' : 'Create config')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        let parsed;
        try {
          parsed = JSON.parse(options.value || '{}');
        } catch {
          clear(result).append(message('error', 'Options must be a JSON object.'));
          return;
        }
        try {
          if (config) await api.patch(`/dashboard/widget-configs/${enc(config.id)}`, { name: name.value.trim(), options: parsed });
          else await api.post(`/dashboard/organizations/${enc(organization.id)}/widget-configs`, { widget_id: widget.value, name: name.value.trim(), options: parsed });
          await loadConfigs(organization, target);
        } catch (error) {
          clear(result).append(message('error', error.describe()));
        }
      });
      return form;
    }
  }

  async function showData(config, target) {
    clear(target);
    try {
      const answer = await api.get(`/dashboard/widget-configs/${enc(config.id)}/data`);
      const d = answer.body;
      target.append(h('div', { class: 'panel panel--inner' },
        h('h4', {}, `Data of ${config.name}`),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Version'), h('dd', { id: 'data-version' }, String(d.version)),
          h('dt', {}, 'Status'), h('dd', { id: 'data-status' }, d.status),
          h('dt', {}, 'Fetched'), h('dd', {}, time(d.fetched_at)),
          h('dt', {}, 'Error'), h('dd', {}, d.error_message || '—')),
        h('pre', { class: 'json' }, JSON.stringify(d.data, null, 2))));
    } catch (error) {
      target.append(message(error.status === 404 ? 'warn' : 'error', error.message));
    }
  }

  async function refresh(config, target) {
    try {
      const answer = await api.post(`/dashboard/widget-configs/${enc(config.id)}/refresh`);
      clear(target).append(message('ok', `${answer.body.message} for ${config.name}.`));
    } catch (error) {
      clear(target).append(message('error', error.message));
    }
  }

  await load();
}
