import { api, enc } from '../api.js';
import { h, append, clear, table, time, field, message, section } from '../dom.js';

const SENSITIVE_NAME = /password|secret|key|token/i;

// Widgets and their integrations (seed 002): definitions, write-only credentials generated from
// the credential_schema, the "Test" verdict, the webhook delivery log and the pull health.
export async function renderIntegrations(main, { me }) {
  const admin = me.role === 'admin';
  const feedback = h('div', { 'aria-live': 'polite', id: 'integrations-feedback' });
  const widgetList = h('div', { id: 'widget-list' });
  const widgetDetail = h('div', { id: 'widget-detail' });
  const integrationDetail = h('div', { id: 'integration-detail' });
  append(main, [h('h1', {}, 'Widgets and integrations'), feedback, section('Widgets', widgetList), widgetDetail, integrationDetail]);

  let organizations = [];
  try {
    organizations = await api.all('/dashboard/organizations');
  } catch (error) {
    feedback.append(message('error', error.message));
  }

  async function loadWidgets() {
    try {
      const widgets = await api.all('/dashboard/widgets');
      clear(widgetList).append(table('Widgets', [
        { label: 'Id', value: (w) => h('code', {}, w.id) },
        { label: 'Name', value: (w) => w.name },
        { label: 'Description', value: (w) => w.description || '—' },
        { label: 'Actions', value: (w) => h('button', { type: 'button', class: 'button button--quiet', onclick: () => openWidget(w) }, 'Integrations') },
      ], widgets, 'No widgets yet.'));
      if (admin) widgetList.append(widgetForm());
    } catch (error) {
      clear(widgetList).append(message('error', error.message));
    }
  }

  function widgetForm() {
    const id = h('input', { type: 'text', required: true, pattern: '[a-z0-9][a-z0-9-]*', placeholder: 'weather-widget', id: 'widget-id' });
    const name = h('input', { type: 'text', required: true, id: 'widget-name' });
    const description = h('input', { type: 'text', id: 'widget-description' });
    const form = h('form', { class: 'form form--inline' },
      field('Widget id', id), field('Name', name), field('Description', description),
      h('button', { type: 'submit', class: 'button button--primary' }, 'Create widget'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const body = { id: id.value.trim(), name: name.value.trim() };
        if (description.value.trim()) body.description = description.value.trim();
        await api.post('/dashboard/widgets', body);
        clear(feedback).append(message('ok', `Created widget ${body.id}.`));
        await loadWidgets();
      } catch (error) {
        clear(feedback).append(message('error', error.describe()));
      }
    });
    return form;
  }

  async function openWidget(widget) {
    clear(integrationDetail);
    clear(widgetDetail);
    let integrations;
    try {
      integrations = await api.data(admin
        ? `/dashboard/widgets/${enc(widget.id)}/integrations`
        : `/dashboard/organizations/${enc(me.organization_id)}/widgets/${enc(widget.id)}/integrations`);
    } catch (error) {
      widgetDetail.append(message('error', error.message));
      return;
    }
    const editor = h('div', { id: 'integration-editor' });
    widgetDetail.append(section(`Integrations of ${widget.name}`,
      table('Integrations', [
        { label: 'Id', value: (i) => String(i.id) },
        { label: 'Name', value: (i) => i.name },
        { label: 'Type', value: (i) => i.integration_type },
        { label: 'Credentials', value: (i) => i.credential_scope },
        { label: 'Active', value: (i) => (i.is_active === false ? 'no' : 'yes') },
        { label: 'Actions', value: (i) => h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'button button--quiet', onclick: () => openIntegration(i) }, 'Open'),
            admin ? h('button', { type: 'button', class: 'button button--quiet', onclick: () => clear(editor).append(integrationForm(widget, i)) }, 'Edit') : null) },
      ], integrations, 'No integrations yet.'),
      editor));
    if (admin) editor.append(integrationForm(widget, null));
  }

  function jsonArea(id, value) {
    const area = h('textarea', { rows: 4, id, spellcheck: 'false', class: 'code' });
    area.value = value === undefined ? '' : JSON.stringify(value, null, 2);
    return area;
  }

  function integrationForm(widget, existing) {
    const e = existing || {};
    const name = h('input', { type: 'text', required: true, id: 'integration-name', value: e.name || '' });
    const description = h('input', { type: 'text', id: 'integration-description', value: e.description || '' });
    const type = h('select', { id: 'integration-type' }, ['pull', 'push', 'both'].map((t) => h('option', { value: t }, t)));
    type.value = e.integration_type || 'pull';
    const scope = h('select', { id: 'integration-scope' }, ['organization', 'widget'].map((s) => h('option', { value: s }, s)));
    scope.value = e.credential_scope || 'organization';
    const credentialSchema = jsonArea('integration-credential-schema', e.credential_schema || {});
    const configSchema = jsonArea('integration-config-schema', e.config_schema || {});
    const endpoint = h('input', { type: 'url', id: 'integration-endpoint', value: e.pull_endpoint || '' });
    const interval = h('input', { type: 'number', min: 1, id: 'integration-interval', value: e.pull_interval_seconds || '' });
    const pullConfig = jsonArea('integration-pull-config', e.pull_config || {});
    const pushPath = h('input', { type: 'text', id: 'integration-push-path', value: e.push_webhook_path || '' });
    const pushConfig = jsonArea('integration-push-config', e.push_config || {});
    const active = h('input', { type: 'checkbox', id: 'integration-active' });
    active.checked = e.is_active !== false;
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'form', id: 'integration-form' },
      h('h3', {}, existing ? `Edit ${existing.name}` : 'New integration'),
      h('div', { class: 'grid' },
        field('Name', name), field('Description', description), field('Type', type), field('Credential scope', scope),
        field('Pull endpoint', endpoint, 'Empty for a built-in fetcher (rss).'), field('Pull interval (seconds)', interval),
        field('Webhook path', pushPath)),
      h('div', { class: 'grid grid--wide' },
        field('Credential schema (JSON)', credentialSchema, 'Fields with "sensitive": true are stored encrypted and never shown again.'),
        field('Config schema (JSON)', configSchema), field('Pull config (JSON)', pullConfig), field('Push config (JSON)', pushConfig)),
      existing ? h('div', { class: 'check' }, active, h('label', { for: 'integration-active' }, 'Active')) : null,
      result,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, existing ? 'Save integration' : 'Create integration')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let body;
      try {
        body = {
          name: name.value.trim(),
          integration_type: type.value,
          credential_scope: scope.value,
          credential_schema: JSON.parse(credentialSchema.value || '{}'),
          config_schema: JSON.parse(configSchema.value || '{}'),
        };
        if (description.value.trim()) body.description = description.value.trim();
        if (type.value !== 'push') {
          if (endpoint.value.trim()) body.pull_endpoint = endpoint.value.trim();
          if (interval.value) body.pull_interval_seconds = Number(interval.value);
          body.pull_config = JSON.parse(pullConfig.value || '{}');
        }
        if (type.value !== 'pull') {
          if (pushPath.value.trim()) body.push_webhook_path = pushPath.value.trim();
          body.push_config = JSON.parse(pushConfig.value || '{}');
        }
        if (existing) body.is_active = active.checked;
      } catch {
        clear(result).append(message('error', 'Every schema and config must be valid JSON.'));
        return;
      }
      try {
        const saved = existing
          ? (await api.patch(`/dashboard/widget-integrations/${existing.id}`, body)).body.data
          : (await api.post(`/dashboard/widgets/${enc(widget.id)}/integrations`, body)).body.data;
        clear(feedback).append(message('ok', `${existing ? 'Saved' : 'Created'} integration ${saved.name} (id ${saved.id}).`));
        await openWidget(widget);
        await openIntegration(saved);
      } catch (error) {
        clear(result).append(message('error', error.describe()));
      }
    });
    return form;
  }

  async function openIntegration(integration) {
    clear(integrationDetail);
    const credentials = h('div', { id: 'credentials' });
    const deliveries = h('div', { id: 'deliveries' });
    const pull = h('div', { id: 'pull-health' });
    integrationDetail.append(section(`Integration ${integration.name} (id ${integration.id})`,
      h('p', { class: 'muted' }, `${integration.integration_type} · ${integration.credential_scope} credentials${integration.pull_endpoint ? ` · ${integration.pull_endpoint}` : ''}`),
      h('h3', {}, 'Credentials'), credentials,
      integration.integration_type !== 'pull' ? [h('h3', {}, 'Webhook deliveries'), deliveries] : null,
      integration.integration_type !== 'push' ? [h('h3', {}, 'Pull health'), pull] : null));
    credentials.append(credentialPanel(integration));
    if (integration.integration_type !== 'pull') loadDeliveries(integration, deliveries);
    if (integration.integration_type !== 'push') loadPullHealth(integration, pull);
  }

  function credentialPanel(integration) {
    const organization = h('select', { id: 'credential-organization' },
      (admin ? organizations : organizations.filter((o) => o.id === me.organization_id)).map((o) => h('option', { value: o.id }, o.name)));
    const config = h('select', { id: 'credential-config' });
    const widgetScoped = integration.credential_scope === 'widget';
    const form = h('div', {});
    const panel = h('div', { class: 'credential-panel' },
      h('div', { class: 'form form--inline' }, field('Organization', organization), widgetScoped ? field('Widget config', config) : null),
      form);

    async function choose() {
      clear(form);
      if (!organization.value) {
        form.append(message('warn', 'Create an organization first.'));
        return;
      }
      if (widgetScoped) {
        const configs = await api.all(`/dashboard/organizations/${enc(organization.value)}/widget-configs?widget_id=${enc(integration.widget_id)}`);
        clear(config).append(...configs.map((c) => h('option', { value: c.id }, c.name)));
        if (!configs.length) {
          form.append(message('warn', 'This integration keeps credentials per widget config: create a config of this widget first.'));
          return;
        }
      }
      form.append(credentialForm(integration, organization.value, widgetScoped ? config.value : null));
    }
    organization.addEventListener('change', choose);
    config.addEventListener('change', () => clear(form).append(credentialForm(integration, organization.value, config.value)));
    choose().catch((error) => form.append(message('error', error.message)));
    return panel;
  }

  function credentialForm(integration, organizationId, configId) {
    const schema = integration.credential_schema || {};
    const base = configId
      ? `/dashboard/widget-configs/${enc(configId)}/credentials`
      : `/dashboard/organizations/${enc(organizationId)}/widget-integrations/${integration.id}/credentials`;
    const stored = h('div', { class: 'stored', 'aria-live': 'polite', id: 'credential-stored' });
    const verdict = h('div', { 'aria-live': 'polite', id: 'test-verdict' });
    const inputs = Object.entries(schema).map(([name, spec]) => {
      const sensitive = spec.sensitive === true || SENSITIVE_NAME.test(name);
      const input = spec.type === 'boolean'
        ? h('input', { type: 'checkbox', name })
        : h('input', {
          type: sensitive ? 'password' : spec.type === 'number' || spec.type === 'integer' ? 'number' : 'text',
          name,
          required: spec.required === true,
          autocomplete: sensitive ? 'new-password' : 'off',
          id: `credential-${name}`,
        });
      input.dataset.sensitive = String(sensitive);
      return { name, spec, input, sensitive };
    });
    const form = h('form', { class: 'form', id: 'credential-form' },
      inputs.length ? inputs.map(({ name, spec, input, sensitive }) =>
        field(`${spec.label || name}${spec.required ? ' (required)' : ''}`, input, [spec.help, sensitive ? 'Write-only: never shown again.' : null].filter(Boolean).join(' ') || undefined))
        : h('p', { class: 'muted' }, 'This integration needs no credentials.'),
      stored,
      h('div', { class: 'actions' },
        inputs.length ? h('button', { type: 'submit', class: 'button button--primary' }, 'Save credentials') : null,
        h('button', { type: 'button', class: 'button', id: 'test-integration', onclick: test }, 'Test')),
      verdict);

    async function showStored() {
      clear(stored);
      if (!inputs.length) return;
      try {
        const path = configId ? `${base}?integration_id=${integration.id}` : base;
        const c = await api.data(path);
        // Only metadata comes back; non-sensitive values are shown, secrets never are.
        const meta = Object.entries(c.metadata || {}).map(([k, v]) => `${k} = ${v}`).join(', ');
        stored.append(message(c.is_valid ? 'ok' : 'warn',
          `Credentials stored${meta ? ` (${meta})` : ''}; ${c.validated_at ? `last test ${time(c.validated_at)}: ${c.is_valid ? 'valid' : 'not valid'}` : 'not tested yet'}.`));
      } catch (error) {
        stored.append(message(error.status === 404 ? 'warn' : 'error', error.status === 404 ? 'No credentials stored yet.' : error.message));
      }
    }

    async function test() {
      clear(verdict);
      try {
        const query = configId ? `?widget_config_id=${enc(configId)}` : '';
        const answer = (await api.post(`/dashboard/organizations/${enc(organizationId)}/widget-integrations/${integration.id}/test${query}`)).body;
        const line = message(answer.success ? 'ok' : 'error', `${answer.success ? 'Test passed' : 'Test failed'}: ${answer.message}`);
        line.dataset.success = String(answer.success);
        verdict.append(line);
      } catch (error) {
        const line = message('error', `Test failed: ${error.message}`);
        line.dataset.success = 'false';
        verdict.append(line);
      }
      showStored();
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = {};
      for (const { name, spec, input } of inputs) {
        if (spec.type === 'boolean') values[name] = input.checked;
        else if (input.value !== '') values[name] = spec.type === 'number' || spec.type === 'integer' ? Number(input.value) : input.value;
      }
      const body = configId ? { integration_id: integration.id, credentials: values } : { credentials: values };
      try {
        await api.put(base, body);
        for (const { input, sensitive } of inputs) if (sensitive) input.value = '';
        clear(verdict).append(message('ok', 'Credentials saved.'));
      } catch (error) {
        clear(verdict).append(message('error', error.describe()));
      }
      showStored();
    });
    showStored();
    return form;
  }

  async function loadDeliveries(integration, target) {
    try {
      const rows = await api.data(`/dashboard/widget-integrations/${integration.id}/deliveries?limit=50`);
      target.append(table('Webhook deliveries', [
        { label: 'Received', value: (d) => time(d.received_at) },
        { label: 'Outcome', value: (d) => d.outcome },
        { label: 'Signature', value: (d) => d.signature || '—' },
        { label: 'Reason', value: (d) => d.reason || '—' },
        { label: 'Version', value: (d) => d.version ?? '—' },
        { label: 'Widget config', value: (d) => d.widget_config_id || '—' },
        { label: 'From', value: (d) => d.source_address || '—' },
        { label: 'Bytes', value: (d) => String(d.size_bytes) },
      ], rows, 'No deliveries yet.'));
    } catch (error) {
      target.append(message('error', error.message));
    }
  }

  async function loadPullHealth(integration, target) {
    try {
      const rows = await api.data(`/dashboard/widget-integrations/${integration.id}/pull-jobs?limit=50`);
      target.append(table('Pull jobs', [
        { label: 'Shared by', value: (j) => h('code', {}, j.discriminator) },
        { label: 'Last run', value: (j) => time(j.last_run_at) },
        { label: 'Next run', value: (j) => time(j.next_run_at) },
        { label: 'Failures', value: (j) => String(j.failures) },
        { label: 'Last error', value: (j) => j.last_error || '—' },
        { label: 'Running', value: (j) => (j.running ? 'now' : 'no') },
      ], rows, 'No pulls scheduled yet: a pull starts when a player first reads a widget config.'));
    } catch (error) {
      target.append(message('error', error.message));
    }
  }

  await loadWidgets();
}
