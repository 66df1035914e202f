import { api, enc } from '../api.js';
import { h, append, clear, table, time, field, section, loading, onSubmit, actionButton, notify, copyable } from '../dom.js';
import { confirmAction } from '../dialog.js';
import { mergeSchemas, optionsForm } from '../schema.js';

const ROLES = ['player', 'member', 'punchcard'];

// Organizations: the list (admins create and delete), one organization (#/organizations/{id}) with
// its members, API keys and widget configs, and a config's data view (#/organizations/{id}/configs/{cid})
// with the pull status that explains missing data.
export async function renderOrganizations(main, { me }) {
  const admin = me.role === 'admin';
  const list = h('div', { id: 'organization-list' });
  const detail = h('div', { id: 'organization-detail' });
  append(main, [h('h1', {}, 'Organizations'), section('Organizations', list, admin ? createForm() : null), detail]);
  let openId = null;

  async function loadList() {
    await loading(list, () => api.all('/dashboard/organizations'), (organizations) => list.append(table('Organizations', [
      { label: 'Name', value: (o) => h('a', { href: `#/organizations/${enc(o.id)}` }, o.name) },
      { label: 'Id', value: (o) => h('code', {}, o.id) },
      { label: 'Created', value: (o) => time(o.created_at) },
      { label: 'Actions', value: (o) => h('div', { class: 'row-actions' },
          h('a', { class: 'button button--quiet', href: `#/organizations/${enc(o.id)}` }, 'Open'),
          admin ? actionButton('Delete', () => deleteOrganization(o), { 'data-delete-organization': o.id }) : null) },
    ], organizations, 'No organizations yet.')));
  }

  function createForm() {
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, id: 'organization-name' });
    const form = h('form', { class: 'form form--inline', id: 'organization-form' }, field('New organization', name),
      h('button', { type: 'submit', class: 'button button--primary' }, 'Create organization'));
    return onSubmit(form, async (key) => {
      const created = (await api.post('/dashboard/organizations', { name: name.value.trim() }, key)).body.data;
      name.value = '';
      notify('ok', `Created ${created.name}.`);
      await loadList();
    });
  }

  async function deleteOrganization(organization) {
    const confirmed = await confirmAction({
      heading: `Delete ${organization.name}?`,
      question: `Delete the organization "${organization.name}"? This cannot be undone.`,
      consequences: ['Its members are removed and signed out.', 'Its API keys stop working (players and punch-card senders too).',
        'Its organization credentials are deleted.', 'Widget configs must be deleted first: while any exists, nothing is deleted.'],
      confirmLabel: 'Delete organization',
      danger: true,
    });
    if (!confirmed) return;
    await api.delete(`/dashboard/organizations/${enc(organization.id)}`);
    notify('ok', `Deleted ${organization.name}.`);
    if (openId === organization.id) location.hash = '#/organizations';
    await loadList();
  }

  async function show([organizationId, sub, configId]) {
    if (!organizationId) {
      openId = null;
      clear(detail);
      return;
    }
    if (openId !== organizationId) {
      openId = organizationId;
      await openOrganization(organizationId);
    }
    const target = document.getElementById('config-data');
    if (target) {
      if (sub === 'configs' && configId) await showConfigData(configId, target);
      else clear(target);
    }
  }

  async function openOrganization(id) {
    const body = h('div', {});
    clear(detail).append(section('Organization', body));
    const organization = await loading(body, () => api.data(`/dashboard/organizations/${enc(id)}`), () => {});
    if (!organization) return;
    const members = h('div', { id: 'members' });
    const keys = h('div', { id: 'api-keys' });
    const configs = h('div', { id: 'widget-configs' });
    const data = h('div', { id: 'config-data', 'aria-live': 'polite' });
    clear(detail).append(
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' }, h('a', { href: '#/organizations' }, 'Organizations'), '›', h('span', {}, organization.name)),
      section(organization.name, h('p', { class: 'muted' }, 'Id ', h('code', {}, organization.id)), admin ? renameForm(organization) : null),
      section('Widget configs', configs, data),
      section('Members', members),
      section('API keys', keys));
    await Promise.all([loadConfigs(organization, configs), loadMembers(organization, members), loadKeys(organization, keys)]);
  }

  function renameForm(organization) {
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, value: organization.name, id: 'organization-rename' });
    const form = h('form', { class: 'form form--inline' }, field('Name', name),
      h('button', { type: 'submit', class: 'button' }, 'Rename'),
      actionButton('Delete organization', () => deleteOrganization(organization), { id: 'delete-organization' }));
    return onSubmit(form, async () => {
      await api.patch(`/dashboard/organizations/${enc(organization.id)}`, { name: name.value.trim() });
      notify('ok', 'Renamed.');
      openId = null;
      await Promise.all([loadList(), show([organization.id])]);
    });
  }

  // ---- members ----

  async function loadMembers(organization, target) {
    const rows = h('div', {});
    target.replaceChildren(rows, memberForm(organization, () => loadMembers(organization, target)));
    await loading(rows, () => api.data(`/dashboard/organizations/${enc(organization.id)}/users`), (users) => rows.append(table('Members', [
      { label: 'Email', value: (u) => u.email },
      { label: 'Role', value: (u) => u.role },
      { label: 'Added', value: (u) => time(u.created_at) },
      { label: 'Actions', value: (u) => h('div', { class: 'row-actions' },
          actionButton('Reset password', () => resetForm(organization, u, rows), { 'data-reset-user': u.email }),
          u.id === me.id ? null : actionButton('Remove', () => removeMember(organization, u, target), { 'data-remove-user': u.email })) },
    ], users, 'No members yet: add the first one below.')));
  }

  function memberForm(organization, reload) {
    const email = h('input', { type: 'email', name: 'email', required: true, id: 'member-email', autocomplete: 'off' });
    const password = h('input', { type: 'password', name: 'password', required: true, minlength: 10, id: 'member-password', autocomplete: 'new-password' });
    const form = h('form', { class: 'form form--inline', id: 'member-form' },
      field('Email', email), field('First password', password, 'At least 10 characters; tell it to the member in person.'),
      h('button', { type: 'submit', class: 'button button--primary' }, 'Add member'));
    return onSubmit(form, async (key) => {
      const created = (await api.post(`/dashboard/organizations/${enc(organization.id)}/users`, { email: email.value.trim(), password: password.value }, key)).body.data;
      password.value = '';
      email.value = '';
      notify('ok', `Added ${created.email}. They sign in at this console with that password.`);
      await reload();
    });
  }

  function resetForm(organization, user, near) {
    document.getElementById('reset-form')?.remove();
    const password = h('input', { type: 'password', name: 'password', required: true, minlength: 10, id: 'reset-password', autocomplete: 'new-password' });
    const form = h('form', { class: 'form form--inline', id: 'reset-form' },
      field(`New password for ${user.email}`, password, 'Their open sessions end at once.'),
      h('button', { type: 'submit', class: 'button button--primary' }, 'Set password'),
      h('button', { type: 'button', class: 'button button--quiet', onclick: () => form.remove() }, 'Cancel'));
    near.append(onSubmit(form, async () => {
      await api.patch(`/dashboard/organizations/${enc(organization.id)}/users/${enc(user.id)}`, { password: password.value });
      form.remove();
      notify('ok', `New password set for ${user.email}; their sessions were ended.`);
    }));
    password.focus();
  }

  async function removeMember(organization, user, target) {
    const confirmed = await confirmAction({
      heading: `Remove ${user.email}?`,
      question: `Remove ${user.email} from ${organization.name}?`,
      consequences: ['They are signed out at once and can no longer sign in.', 'API keys belong to the organization and keep working.'],
      confirmLabel: 'Remove member',
      danger: true,
    });
    if (!confirmed) return;
    await api.delete(`/dashboard/organizations/${enc(organization.id)}/users/${enc(user.id)}`);
    notify('ok', `Removed ${user.email}.`);
    await loadMembers(organization, target);
  }

  // ---- API keys ----

  async function loadKeys(organization, target) {
    const rows = h('div', {});
    const issued = h('div', { id: 'issued-key', 'aria-live': 'polite' });
    target.replaceChildren(rows, issued, keyForm(organization, issued, () => loadKeys(organization, target)));
    await loading(rows, () => api.all(`/dashboard/organizations/${enc(organization.id)}/api-keys`), (keys) => rows.append(table('API keys', [
      { label: 'Name', value: (k) => k.name },
      { label: 'Role', value: (k) => k.role },
      { label: 'Starts with', value: (k) => h('code', {}, k.prefix || '—') },
      { label: 'Created', value: (k) => time(k.created_at) },
      { label: 'State', value: (k) => (k.revoked_at ? `revoked ${time(k.revoked_at)}` : 'active') },
      { label: 'Actions', value: (k) => (k.revoked_at ? '—' : actionButton('Revoke', () => revokeKey(organization, k, target), { 'data-revoke-key': k.name })) },
    ], keys, 'No API keys yet.')));
  }

  function keyForm(organization, issued, reload) {
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, id: 'key-name', placeholder: 'Lobby display' });
    const role = h('select', { name: 'role', id: 'key-role' }, ROLES.map((r) => h('option', { value: r }, r)));
    const form = h('form', { class: 'form form--inline', id: 'key-form' }, field('Key name', name),
      field('Role', role, 'player: a display reading widget data · member: manages this organization · punchcard: sends punch-card messages'),
      h('button', { type: 'submit', class: 'button button--primary' }, 'Create key'));
    return onSubmit(form, async (key) => {
      const created = (await api.post(`/dashboard/organizations/${enc(organization.id)}/api-keys`, { name: name.value.trim(), role: role.value }, key)).body.data;
      name.value = '';
      // the secret exists here once: it is never stored in the page beyond this box and never sent again
      clear(issued).append(h('div', { class: 'secret-once', role: 'status' },
        h('strong', {}, `Key “${created.name}” (${created.role}) created. Copy it now: it is shown only this once.`),
        copyable(created.key, 'the new API key', 'issued-key-value'),
        h('button', { type: 'button', class: 'button button--quiet', onclick: () => clear(issued) }, 'I have stored it — hide')));
      await reload().then(() => document.getElementById('api-keys').querySelector('#issued-key')?.replaceWith(issued));
    });
  }

  async function revokeKey(organization, key, target) {
    const confirmed = await confirmAction({
      heading: `Revoke ${key.name}?`,
      question: `Revoke the API key "${key.name}" (${key.role})?`,
      consequences: ['Every device or script using it is refused at once, on every instance.', 'A revoked key cannot be restored: create a new one.'],
      confirmLabel: 'Revoke key',
      danger: true,
    });
    if (!confirmed) return;
    await api.delete(`/dashboard/organizations/${enc(organization.id)}/api-keys/${enc(key.id)}`);
    notify('ok', `Revoked ${key.name}.`);
    await loadKeys(organization, target);
  }

  // ---- widget configs ----

  async function loadConfigs(organization, target) {
    const rows = h('div', {});
    const editor = h('div', { id: 'config-editor' });
    target.replaceChildren(rows, editor);
    const loaded = await loading(rows, () => Promise.all([
      api.all(`/dashboard/organizations/${enc(organization.id)}/widget-configs`),
      api.all('/dashboard/widgets'),
    ]), ([configs, widgets]) => rows.append(table('Widget configs', [
      { label: 'Name', value: (c) => h('a', { href: `#/organizations/${enc(organization.id)}/configs/${enc(c.id)}` }, c.name) },
      { label: 'Widget', value: (c) => c.widget_id },
      { label: 'Options', value: (c) => h('code', { class: 'json' }, JSON.stringify(c.options)) },
      { label: 'Actions', value: (c) => h('div', { class: 'row-actions' },
          h('a', { class: 'button button--quiet', href: `#/organizations/${enc(organization.id)}/configs/${enc(c.id)}` }, 'Data'),
          actionButton('Refresh', () => refresh(c)),
          actionButton('Edit', () => editor.replaceChildren(configForm(organization, widgets, c, target))),
          actionButton('Delete', () => deleteConfig(organization, c, target), { 'data-delete-config': c.name })) },
    ], configs, 'No widget configs yet.')));
    if (loaded) editor.replaceChildren(configForm(organization, loaded[1], null, target));
  }

  function configForm(organization, widgets, config, reloadTarget) {
    const widget = h('select', { id: 'config-widget', name: 'widget_id', disabled: Boolean(config) },
      widgets.map((w) => h('option', { value: w.id }, `${w.name} (${w.id})`)));
    if (config) widget.value = config.widget_id;
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, id: 'config-name', value: config ? config.name : '' });
    const options = h('div', { id: 'config-options' });
    let form = null;
    let current = null;

    async function loadSchema() {
      if (!widget.value) {
        options.replaceChildren(h('p', { class: 'muted' }, 'Create a widget first (Integrations).'));
        return;
      }
      await loading(options, () => api.data(`/dashboard/organizations/${enc(organization.id)}/widgets/${enc(widget.value)}/integrations`), (integrations) => {
        const schema = mergeSchemas(integrations.filter((i) => i.is_active !== false).map((i) => i.config_schema));
        current = optionsForm(schema, config ? config.options : {});
        options.append(current.empty
          ? h('p', { class: 'muted' }, 'The integrations of this widget ask for no options.')
          : current.element);
      });
    }
    widget.addEventListener('change', loadSchema);
    form = h('form', { class: 'form', id: 'config-form', novalidate: true },
      h('h3', {}, config ? `Edit ${config.name}` : 'New widget config'),
      h('div', { class: 'grid' }, field('Widget', widget), field('Name', name)),
      h('h4', {}, 'Options'), options,
      h('div', { class: 'actions' },
        config ? h('button', { type: 'button', class: 'button button--quiet', onclick: () => form.replaceWith(configForm(organization, widgets, null, reloadTarget)) }, 'Cancel') : null,
        h('button', { type: 'submit', class: 'button button--primary' }, config ? 'Save config' : 'Create config')));
    onSubmit(form, async (key) => {
      if (!name.value.trim()) {
        throw Object.assign(new Error('Give the widget config a name.'), { fields: { name: ['is required'] } });
      }
      const read = current ? current.read() : { values: {}, valid: true };
      if (!read.valid) throw new Error('Some options need attention: see the fields marked in red.');
      if (config) await api.patch(`/dashboard/widget-configs/${enc(config.id)}`, { name: name.value.trim(), options: read.values });
      else await api.post(`/dashboard/organizations/${enc(organization.id)}/widget-configs`, { widget_id: widget.value, name: name.value.trim(), options: read.values }, key);
      notify('ok', `${config ? 'Saved' : 'Created'} ${name.value.trim()}.`);
      await loadConfigs(organization, reloadTarget);
    });
    loadSchema();
    return form;
  }

  async function deleteConfig(organization, config, target) {
    const confirmed = await confirmAction({
      heading: `Delete ${config.name}?`,
      question: `Delete the widget config "${config.name}" (${config.widget_id})?`,
      consequences: ['Its widget-scoped credentials are deleted.', 'Players showing it get 404 from then on.',
        'Webhook URLs that name it stop accepting deliveries.'],
      confirmLabel: 'Delete config',
      danger: true,
    });
    if (!confirmed) return;
    await api.delete(`/dashboard/widget-configs/${enc(config.id)}`);
    notify('ok', `Deleted ${config.name}.`);
    if (location.hash.includes(`/configs/${config.id}`)) location.hash = `#/organizations/${enc(organization.id)}`;
    await loadConfigs(organization, target);
  }

  async function refresh(config) {
    const answer = await api.post(`/dashboard/widget-configs/${enc(config.id)}/refresh`);
    notify('ok', `${answer.body.message} for ${config.name}.`);
  }

  async function showConfigData(configId, target) {
    // the previous data stays on screen under a progress bar until the new answers are in
    const bar = h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Loading data' });
    target.prepend(bar);
    target.setAttribute('aria-busy', 'true');
    const box = h('div', { class: 'panel panel--inner', id: 'config-data-panel' });
    const [config, data, pulls] = await Promise.all([
      api.data(`/dashboard/widget-configs/${enc(configId)}`).catch(() => null),
      api.get(`/dashboard/widget-configs/${enc(configId)}/data`).then((a) => a.body).catch((error) => ({ error })),
      api.data(`/dashboard/widget-configs/${enc(configId)}/pulls`).catch(() => []),
    ]);
    const title = config ? config.name : configId;
    box.append(h('h3', {}, `Data of ${title}`),
      h('a', { href: `#/organizations/${enc(openId)}`, class: 'button button--quiet' }, 'Close'));
    if (data.error) {
      box.append(h('p', { class: 'notice notice--warn', id: 'data-missing' },
        data.error.status === 404 ? 'No integration data yet.' : data.error.message,
        pulls.some((p) => p.last_error) ? ' The pulls below say why.' : ''));
    } else {
      box.append(h('dl', { class: 'facts' },
        h('dt', {}, 'Version'), h('dd', { id: 'data-version' }, String(data.version)),
        h('dt', {}, 'Status'), h('dd', { id: 'data-status' }, data.status),
        h('dt', {}, 'Fetched'), h('dd', {}, time(data.fetched_at)),
        h('dt', {}, 'Error'), h('dd', {}, data.error_message || '—')),
      h('pre', { class: 'json' }, JSON.stringify(data.data, null, 2)));
    }
    box.append(h('h4', {}, 'Pulls'), table('Pulls of this widget config', [
      { label: 'Integration', value: (p) => `${p.integration_name} (id ${p.integration_id})` },
      { label: 'Last pull', value: (p) => (p.scheduled ? time(p.last_run_at) : 'not started: starts at the first read') },
      { label: 'Error', value: (p) => h('span', { class: p.last_error ? 'pull-error' : '' }, p.last_error || '—') },
      { label: 'Failures', value: (p) => String(p.failures) },
      { label: 'Next attempt', value: (p) => (p.running ? 'running now' : time(p.next_run_at)) },
    ], pulls, 'No pull integration feeds this widget (push only).'));
    target.removeAttribute('aria-busy');
    target.replaceChildren(box);
  }

  await loadList();
  return { show };
}
