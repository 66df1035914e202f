import { api, enc } from '../api.js';
import { h, append, clear, table, time, field, section, loading, onSubmit, actionButton, notify, copyable } from '../dom.js';
import { confirmAction } from '../dialog.js';
import { schemaEditor } from '../schema.js';

const SENSITIVE_NAME = /password|secret|key|token/i;
/**
 * The widget-id pattern as Chromium now compiles it (with the `v` flag): inside a class a literal
 * hyphen must be escaped, or the whole pattern is invalid and the browser skips the check. The rule
 * is the server's slug rule (Widgets.SLUG).
 */
export const WIDGET_ID_PATTERN = '[a-z0-9](?:[a-z0-9\\-]{0,62}[a-z0-9])?';

// Widgets and their integrations (seed 002), each view with its own address:
// #/integrations · #/integrations/{widget} · #/integrations/{widget}/{integration}
// · #/integrations/{widget}/{integration}/deliveries/{delivery}
export async function renderIntegrations(main, { me }) {
  const admin = me.role === 'admin';
  const widgetList = h('div', { id: 'widget-list' });
  const widgetEditor = h('div', { id: 'widget-editor' });
  const widgetDetail = h('div', { id: 'widget-detail' });
  const integrationDetail = h('div', { id: 'integration-detail' });
  append(main, [h('h1', {}, 'Widgets and integrations'), section('Widgets', widgetList, widgetEditor), widgetDetail, integrationDetail]);

  let organizations = [];
  let widgets = [];
  let shown = { widget: null, integration: null };

  async function loadWidgets() {
    const loaded = await loading(widgetList, () => Promise.all([api.all('/dashboard/widgets'), api.all('/dashboard/organizations')]), ([all, orgs]) => {
      widgets = all;
      organizations = orgs;
      widgetList.append(table('Widgets', [
        { label: 'Id', value: (w) => h('code', {}, w.id) },
        { label: 'Name', value: (w) => h('a', { href: `#/integrations/${enc(w.id)}` }, w.name) },
        { label: 'Description', value: (w) => w.description || '—' },
        { label: 'Actions', value: (w) => h('div', { class: 'row-actions' },
            h('a', { class: 'button button--quiet', href: `#/integrations/${enc(w.id)}` }, 'Integrations'),
            admin ? actionButton('Edit', () => widgetEditor.replaceChildren(widgetForm(w))) : null,
            admin ? actionButton('Delete', () => deleteWidget(w), { 'data-delete-widget': w.id }) : null) },
      ], widgets, 'No widgets yet.'));
    });
    if (loaded && admin && !widgetEditor.firstChild) widgetEditor.append(widgetForm(null));
  }

  function widgetForm(existing) {
    const id = h('input', { type: 'text', name: 'id', required: !existing, pattern: WIDGET_ID_PATTERN, maxlength: 64, placeholder: 'weather-widget', id: 'widget-id',
      title: 'Lower-case letters, digits and inner hyphens', value: existing ? existing.id : '', disabled: Boolean(existing) });
    const name = h('input', { type: 'text', name: 'name', required: true, id: 'widget-name', value: existing ? existing.name : '' });
    const description = h('input', { type: 'text', name: 'description', id: 'widget-description', value: existing ? existing.description || '' : '' });
    const form = h('form', { class: 'form form--inline', id: 'widget-form' },
      field('Widget id', id, existing ? 'The id is the widget\'s address and cannot change.' : 'e.g. weather-widget'), field('Name', name), field('Description', description),
      existing ? h('button', { type: 'button', class: 'button button--quiet', onclick: () => widgetEditor.replaceChildren(widgetForm(null)) }, 'Cancel') : null,
      h('button', { type: 'submit', class: 'button button--primary' }, existing ? 'Save widget' : 'Create widget'));
    return onSubmit(form, async (key) => {
      const body = { name: name.value.trim(), description: description.value.trim() || undefined };
      if (existing) {
        await api.patch(`/dashboard/widgets/${enc(existing.id)}`, body);
        notify('ok', `Saved widget ${existing.id}.`);
        widgetEditor.replaceChildren(widgetForm(null));
      } else {
        body.id = id.value.trim();
        await api.post('/dashboard/widgets', body, key);
        notify('ok', `Created widget ${body.id}.`);
        form.reset();
      }
      await loadWidgets();
    });
  }

  async function deleteWidget(widget) {
    const confirmed = await confirmAction({
      heading: `Delete ${widget.name}?`,
      question: `Delete the widget "${widget.name}" (${widget.id})?`,
      consequences: ['Only a widget nothing uses can be deleted: while integrations or widget configs use it, the server refuses and says which.'],
      confirmLabel: 'Delete widget',
      danger: true,
    });
    if (!confirmed) return;
    await api.delete(`/dashboard/widgets/${enc(widget.id)}`);
    notify('ok', `Deleted widget ${widget.id}.`);
    if (shown.widget === widget.id) location.hash = '#/integrations';
    await loadWidgets();
  }

  async function show([widgetId, integrationId, sub, deliveryId]) {
    if (!widgetId) {
      shown = { widget: null, integration: null };
      clear(widgetDetail);
      clear(integrationDetail);
      return;
    }
    if (shown.widget !== widgetId) {
      shown = { widget: widgetId, integration: null };
      await openWidget(widgetId);
    }
    if (!integrationId) {
      shown.integration = null;
      clear(integrationDetail);
      return;
    }
    if (shown.integration !== integrationId) {
      shown.integration = integrationId;
      await openIntegration(widgetId, integrationId);
    }
    const target = document.getElementById('delivery-detail');
    if (target) {
      if (sub === 'deliveries' && deliveryId) await showDelivery(widgetId, integrationId, deliveryId, target);
      else clear(target);
    }
  }

  function integrationsPath(widgetId) {
    return admin ? `/dashboard/widgets/${enc(widgetId)}/integrations`
      : `/dashboard/organizations/${enc(me.organization_id)}/widgets/${enc(widgetId)}/integrations`;
  }

  async function openWidget(widgetId) {
    clear(integrationDetail);
    const body = h('div', {});
    const editor = h('div', { id: 'integration-editor' });
    const widget = widgets.find((w) => w.id === widgetId) || { id: widgetId, name: widgetId };
    clear(widgetDetail).append(
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' }, h('a', { href: '#/integrations' }, 'Widgets'), '›', h('span', {}, widget.name)),
      section(`Integrations of ${widget.name}`, body, editor));
    await loading(body, () => api.data(integrationsPath(widgetId)), (integrations) => body.append(table('Integrations', [
      { label: 'Id', value: (i) => String(i.id) },
      { label: 'Name', value: (i) => h('a', { href: `#/integrations/${enc(widgetId)}/${i.id}` }, i.name) },
      { label: 'Type', value: (i) => i.integration_type },
      { label: 'Credentials', value: (i) => i.credential_scope },
      { label: 'Active', value: (i) => (i.is_active === false ? 'no' : 'yes') },
      { label: 'Actions', value: (i) => h('div', { class: 'row-actions' },
          h('a', { class: 'button button--quiet', href: `#/integrations/${enc(widgetId)}/${i.id}` }, 'Open'),
          admin ? actionButton('Edit', () => editor.replaceChildren(integrationForm(widget, i, editor))) : null,
          admin ? actionButton('Delete', () => deleteIntegration(widget, i), { 'data-delete-integration': i.name }) : null) },
    ], integrations, 'No integrations yet.')));
    if (admin) editor.replaceChildren(integrationForm(widget, null, editor));
  }

  async function deleteIntegration(widget, integration) {
    const confirmed = await confirmAction({
      heading: `Delete ${integration.name}?`,
      question: `Delete the integration "${integration.name}" (id ${integration.id}) of ${widget.name}?`,
      consequences: ['Every credential stored for it, in every organization, is deleted.', 'Its webhook URLs stop accepting deliveries.',
        'Pulls stop; data already stored stays readable until replaced.'],
      confirmLabel: 'Delete integration',
      danger: true,
    });
    if (!confirmed) return;
    await api.delete(`/dashboard/widget-integrations/${integration.id}`);
    notify('ok', `Deleted integration ${integration.name}.`);
    shown.widget = null;
    location.hash = `#/integrations/${enc(widget.id)}`;
    await show([widget.id]);
  }

  function jsonArea(id, value) {
    const area = h('textarea', { rows: 4, id, name: id, spellcheck: 'false', class: 'code' });
    area.value = value === undefined ? '' : JSON.stringify(value, null, 2);
    return area;
  }

  function integrationForm(widget, existing, editor) {
    const e = existing || {};
    const name = h('input', { type: 'text', name: 'name', required: true, id: 'integration-name', value: e.name || '' });
    const description = h('input', { type: 'text', name: 'description', id: 'integration-description', value: e.description || '' });
    const type = h('select', { id: 'integration-type', name: 'integration_type' }, ['pull', 'push', 'both'].map((t) => h('option', { value: t }, t)));
    type.value = e.integration_type || 'pull';
    const scope = h('select', { id: 'integration-scope', name: 'credential_scope' }, ['organization', 'widget'].map((s) => h('option', { value: s }, s)));
    scope.value = e.credential_scope || 'organization';
    const credentialSchema = schemaEditor('integration-credential-schema', e.credential_schema || {}, { credential: true });
    const configSchema = schemaEditor('integration-config-schema', e.config_schema || {});
    const endpoint = h('input', { type: 'url', name: 'pull_endpoint', id: 'integration-endpoint', value: e.pull_endpoint || '' });
    const interval = h('input', { type: 'number', name: 'pull_interval_seconds', min: 1, id: 'integration-interval', value: e.pull_interval_seconds || '' });
    const pullConfig = jsonArea('integration-pull-config', e.pull_config || {});
    const pushPath = h('input', { type: 'text', name: 'push_webhook_path', id: 'integration-push-path', value: e.push_webhook_path || '' });
    const pushConfig = jsonArea('integration-push-config', e.push_config || {});
    const active = h('input', { type: 'checkbox', id: 'integration-active' });
    active.checked = e.is_active !== false;
    const form = h('form', { class: 'form', id: 'integration-form' },
      h('h3', {}, existing ? `Edit ${existing.name}` : 'New integration'),
      h('div', { class: 'grid' },
        field('Name', name), field('Description', description), field('Type', type), field('Credential scope', scope),
        field('Pull endpoint', endpoint, 'Empty for a built-in fetcher (rss).'), field('Pull interval (seconds)', interval),
        field('Webhook path', pushPath)),
      h('h4', {}, 'Credential fields'),
      h('p', { class: 'muted' }, 'Sensitive fields are stored encrypted and never shown again.'),
      credentialSchema.element,
      h('h4', {}, 'Config fields (the options of each widget config)'),
      configSchema.element,
      h('div', { class: 'grid grid--wide' }, field('Pull config (JSON)', pullConfig), field('Push config (JSON)', pushConfig)),
      existing ? h('div', { class: 'check' }, active, h('label', { for: 'integration-active' }, 'Active')) : null,
      h('div', { class: 'actions' },
        existing ? h('button', { type: 'button', class: 'button button--quiet', onclick: () => editor.replaceChildren(integrationForm(widget, null, editor)) }, 'Cancel') : null,
        h('button', { type: 'submit', class: 'button button--primary' }, existing ? 'Save integration' : 'Create integration')));
    return onSubmit(form, async (key) => {
      const json = (area, label) => {
        try {
          return JSON.parse(area.value || '{}');
        } catch {
          throw Object.assign(new Error(`${label} must be valid JSON.`), { fields: { [area.name]: ['is not valid JSON'] } });
        }
      };
      const body = {
        name: name.value.trim(),
        integration_type: type.value,
        credential_scope: scope.value,
        credential_schema: credentialSchema.value(),
        config_schema: configSchema.value(),
      };
      if (description.value.trim()) body.description = description.value.trim();
      if (type.value !== 'push') {
        if (endpoint.value.trim()) body.pull_endpoint = endpoint.value.trim();
        if (interval.value) body.pull_interval_seconds = Number(interval.value);
        body.pull_config = json(pullConfig, 'Pull config');
      }
      if (type.value !== 'pull') {
        if (pushPath.value.trim()) body.push_webhook_path = pushPath.value.trim();
        body.push_config = json(pushConfig, 'Push config');
      }
      if (existing) body.is_active = active.checked;
      const saved = existing
        ? (await api.patch(`/dashboard/widget-integrations/${existing.id}`, body)).body.data
        : (await api.post(`/dashboard/widgets/${enc(widget.id)}/integrations`, body, key)).body.data;
      notify('ok', `${existing ? 'Saved' : 'Created'} integration ${saved.name} (id ${saved.id}).`);
      shown = { widget: null, integration: null };
      const next = `#/integrations/${enc(widget.id)}/${saved.id}`;
      if (location.hash === next) await show([widget.id, String(saved.id)]);
      else location.hash = next;
    });
  }

  async function openIntegration(widgetId, integrationId) {
    const body = h('div', {});
    clear(integrationDetail).append(section('Integration', body));
    const integration = await loading(body, () => api.data(admin
      ? `/dashboard/widget-integrations/${enc(integrationId)}`
      : `/dashboard/organizations/${enc(me.organization_id)}/widget-integrations/${enc(integrationId)}`), () => {});
    if (!integration) return;
    const credentials = h('div', { id: 'credentials' });
    const pushUrls = h('div', { id: 'push-urls' });
    const deliveries = h('div', { id: 'deliveries' });
    const deliveryDetail = h('div', { id: 'delivery-detail' });
    const pull = h('div', { id: 'pull-health' });
    const pushes = integration.integration_type !== 'pull';
    const pulls = integration.integration_type !== 'push';
    clear(integrationDetail).append(section(`Integration ${integration.name} (id ${integration.id})`,
      h('p', { class: 'muted' }, `${integration.integration_type} · ${integration.credential_scope} credentials${integration.pull_endpoint ? ` · ${integration.pull_endpoint}` : ''}`),
      h('h3', {}, 'Credentials'), credentials,
      pushes ? [h('h3', {}, 'Webhook URLs'), pushUrls, h('h3', {}, 'Webhook deliveries'), deliveries, deliveryDetail] : null,
      pulls ? [h('h3', {}, 'Pull health'), pull] : null));
    credentials.append(credentialPanel(integration));
    const work = [];
    if (pushes) work.push(loadPushUrls(integration, pushUrls), loadDeliveries(widgetId, integration, deliveries));
    if (pulls) work.push(loadPullHealth(integration, pull));
    await Promise.all(work);
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
        form.append(h('p', { class: 'notice notice--warn' }, 'Create an organization first.'));
        return;
      }
      if (widgetScoped) {
        const configs = await api.all(`/dashboard/organizations/${enc(organization.value)}/widget-configs?widget_id=${enc(integration.widget_id)}`);
        clear(config).append(...configs.map((c) => h('option', { value: c.id }, c.name)));
        if (!configs.length) {
          form.append(h('p', { class: 'notice notice--warn' }, 'This integration keeps credentials per widget config: create a config of this widget first.'));
          return;
        }
      }
      form.append(credentialForm(integration, organization.value, widgetScoped ? config.value : null));
    }
    organization.addEventListener('change', () => choose().catch(notifyError));
    config.addEventListener('change', () => clear(form).append(credentialForm(integration, organization.value, config.value)));
    choose().catch(notifyError);
    return panel;
  }

  function notifyError(error) {
    notify('error', error.describe ? error.describe() : error.message);
  }

  function credentialForm(integration, organizationId, configId) {
    const schema = integration.credential_schema || {};
    const base = configId
      ? `/dashboard/widget-configs/${enc(configId)}/credentials`
      : `/dashboard/organizations/${enc(organizationId)}/widget-integrations/${integration.id}/credentials`;
    const readPath = configId ? `${base}?integration_id=${integration.id}` : base;
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
    const remove = actionButton('Delete credentials', async () => {
      const confirmed = await confirmAction({
        heading: 'Delete these credentials?',
        question: `Delete the stored credentials of ${integration.name}${configId ? ' for this widget config' : ' for this organization'}?`,
        consequences: ['Pulls with them stop until new ones are saved; the last good data stays.', 'Webhooks signed with them are refused.'],
        confirmLabel: 'Delete credentials',
        danger: true,
      });
      if (!confirmed) return;
      await api.delete(readPath);
      notify('ok', 'Credentials deleted.');
      await showStored();
    }, { id: 'delete-credentials' });
    const form = h('form', { class: 'form', id: 'credential-form' },
      inputs.length ? inputs.map(({ name, spec, input, sensitive }) =>
        field(`${spec.label || name}${spec.required ? ' (required)' : ''}`, input, [spec.help, sensitive ? 'Write-only: never shown again.' : null].filter(Boolean).join(' ') || undefined))
        : h('p', { class: 'muted' }, 'This integration needs no credentials.'),
      stored,
      h('div', { class: 'actions' },
        inputs.length ? remove : null,
        inputs.length ? h('button', { type: 'submit', class: 'button button--primary' }, 'Save credentials') : null,
        actionButton('Test', test, { id: 'test-integration', class: 'button' })),
      verdict);

    async function showStored() {
      clear(stored);
      remove.hidden = true;
      if (!inputs.length) return;
      try {
        const c = await api.data(readPath);
        remove.hidden = false;
        // Only metadata comes back; non-sensitive values are shown, secrets never are.
        const meta = Object.entries(c.metadata || {}).map(([k, v]) => `${k} = ${v}`).join(', ');
        const line = h('p', { class: `notice notice--${c.validated_at ? (c.is_valid ? 'ok' : 'error') : 'warn'}`, dataset: { valid: String(c.is_valid), tested: String(Boolean(c.validated_at)) } },
          `Credentials stored${meta ? ` (${meta})` : ''}; ${c.validated_at ? `last test ${time(c.validated_at)}: ${c.is_valid ? 'valid' : 'not valid'}` : 'not tested yet: press Test'}.`);
        stored.append(line);
      } catch (error) {
        stored.append(h('p', { class: 'notice notice--warn' }, error.status === 404 ? 'No credentials stored yet.' : error.message));
      }
    }

    async function test() {
      clear(verdict);
      try {
        const query = configId ? `?widget_config_id=${enc(configId)}` : '';
        const answer = (await api.post(`/dashboard/organizations/${enc(organizationId)}/widget-integrations/${integration.id}/test${query}`)).body;
        const line = h('p', { class: `notice notice--${answer.success ? 'ok' : 'error'}`, dataset: { success: String(answer.success) } },
          `${answer.success ? 'Test passed' : 'Test failed'}: ${answer.message}`);
        verdict.append(line);
      } catch (error) {
        verdict.append(h('p', { class: 'notice notice--error', dataset: { success: 'false' } }, `Test failed: ${error.message}`));
      }
      await showStored();
    }

    onSubmit(form, async () => {
      const values = {};
      for (const { name, spec, input } of inputs) {
        if (spec.type === 'boolean') values[name] = input.checked;
        else if (input.value !== '') values[name] = spec.type === 'number' || spec.type === 'integer' ? Number(input.value) : input.value;
      }
      const body = configId ? { integration_id: integration.id, credentials: values } : { credentials: values };
      await api.put(base, body);
      for (const { input, sensitive } of inputs) if (sensitive) input.value = '';
      clear(verdict);
      notify('ok', 'Credentials saved. Press Test to check them against the upstream.');
      await showStored();
    });
    showStored();
    return form;
  }

  async function loadPushUrls(integration, target) {
    const scope = admin ? organizations : organizations.filter((o) => o.id === me.organization_id);
    await loading(target, async () => {
      const perOrganization = await Promise.all(scope.map((o) => api.all(`/dashboard/organizations/${enc(o.id)}/widget-configs?widget_id=${enc(integration.widget_id)}`)
        .then((configs) => configs.map((c) => ({ organization: o, config: c })))));
      return perOrganization.flat();
    }, (targets) => {
      if (!targets.length) {
        target.append(h('p', { class: 'muted' }, 'No widget config uses this widget yet: each widget config gets its own webhook URL.'));
        return;
      }
      target.append(...targets.map(({ organization, config }) => {
        const url = `${location.origin}/webhooks/widgets/${integration.id}/${config.id}`;
        return h('div', { class: 'panel panel--inner push-url', dataset: { config: config.id } },
          h('h4', {}, `${config.name} · ${organization.name}`),
          copyable(url, `the webhook URL of ${config.name}`, `push-url-${config.id}`),
          h('details', {}, h('summary', {}, 'A ready curl command'),
            h('pre', { class: 'curl', id: `push-curl-${config.id}` }, curlFor(integration, url)),
            h('p', { class: 'muted' }, 'Replace the secret with the value stored in the credentials; the console never shows it.')));
      }));
    });
  }

  async function loadDeliveries(widgetId, integration, target) {
    await loading(target, () => api.data(`/dashboard/widget-integrations/${integration.id}/deliveries?limit=50`), (rows) => target.append(table('Webhook deliveries', [
      { label: 'Received', value: (d) => h('a', { href: `#/integrations/${enc(widgetId)}/${integration.id}/deliveries/${d.id}` }, time(d.received_at)) },
      { label: 'Outcome', value: (d) => d.outcome },
      { label: 'Signature', value: (d) => d.signature || '—' },
      { label: 'Reason', value: (d) => d.reason || '—' },
      { label: 'Version', value: (d) => d.version ?? '—' },
      { label: 'Widget config', value: (d) => d.widget_config_id || '—' },
      { label: 'Bytes', value: (d) => String(d.size_bytes) },
      { label: 'Details', value: (d) => h('a', { class: 'button button--quiet', href: `#/integrations/${enc(widgetId)}/${integration.id}/deliveries/${d.id}` }, 'Details') },
    ], rows, 'No deliveries yet.')));
  }

  async function showDelivery(widgetId, integrationId, deliveryId, target) {
    const box = h('div', { class: 'panel panel--inner', id: 'delivery' });
    target.replaceChildren(box);
    const detail = await loading(box, () => api.data(`/dashboard/widget-integrations/${enc(integrationId)}/deliveries/${enc(deliveryId)}`), () => {});
    if (!detail) return;
    const d = detail.delivery;
    let payload = detail.payload;
    try {
      payload = JSON.stringify(JSON.parse(payload), null, 2);
    } catch {
      // not JSON (or cut): shown as it came
    }
    append(box, [h('h4', {}, `Delivery #${d.id}`),
      h('a', { class: 'button button--quiet', href: `#/integrations/${enc(widgetId)}/${integrationId}` }, 'Close'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Received'), h('dd', {}, time(d.received_at)),
        h('dt', {}, 'Outcome'), h('dd', { id: 'delivery-outcome' }, d.outcome),
        h('dt', {}, 'Signature'), h('dd', {}, d.signature || '—'),
        h('dt', {}, 'Reason'), h('dd', {}, d.reason || '—'),
        h('dt', {}, 'Version'), h('dd', {}, d.version ?? '—'),
        h('dt', {}, 'From'), h('dd', {}, d.source_address || '—'),
        h('dt', {}, 'Bytes'), h('dd', {}, String(d.size_bytes))),
      h('h5', {}, 'Headers (signatures and keys redacted)'),
      table('Headers', [{ label: 'Header', value: (e) => e[0] }, { label: 'Value', value: (e) => e[1] }], Object.entries(detail.headers || {}), 'No headers kept.'),
      h('h5', {}, 'Payload'),
      detail.payload_truncated ? h('p', { class: 'notice notice--warn' }, 'Cut at the capture limit: only the beginning is kept, so it cannot be applied again.') : null,
      h('pre', { class: 'json', id: 'delivery-payload' }, payload ?? '(not kept)'),
      detail.payload && !detail.payload_truncated
        ? actionButton('Apply again', () => applyAgain(widgetId, integrationId, d), { id: 'apply-again', class: 'button button--primary' }) : null]);
  }

  async function applyAgain(widgetId, integrationId, delivery) {
    const confirmed = await confirmAction({
      heading: 'Apply this delivery again?',
      question: `Store the payload of delivery #${delivery.id} again as the data of widget config ${delivery.widget_config_id}?`,
      consequences: ['It becomes the newest version: players show it at their next poll.', 'It is logged as a delivery of its own (signature: operator).'],
      confirmLabel: 'Apply again',
    });
    if (!confirmed) return;
    const applied = (await api.post(`/dashboard/widget-integrations/${enc(integrationId)}/deliveries/${delivery.id}/apply`)).body.data;
    notify('ok', `Applied again: version ${applied.version}.`);
    await loadDeliveries(widgetId, { id: integrationId }, document.getElementById('deliveries'));
  }

  async function loadPullHealth(integration, target) {
    const budget = integration.budget;
    const columns = [
      // a discriminator is a long hash: the start tells jobs apart, the whole is in the tooltip
      { label: 'Shared by', value: (j) => h('code', { title: j.discriminator },
        j.discriminator.length > 24 ? `${j.discriminator.slice(0, 20)}…` : j.discriminator) },
      { label: 'State', value: (j) => pullState(j) },
      { label: 'Last run', value: (j) => time(j.last_run_at) },
      { label: 'Next run', value: (j) => time(j.next_run_at) },
      { label: 'Every', value: (j) => interval(j.effective_interval_seconds, integration.pull_interval_seconds) },
      { label: 'Failures', value: (j) => String(j.failures) },
      { label: 'Last error', value: (j) => j.last_error || '—' },
    ];
    if (budget) {
      // issue 17: the upstream's request budget per credential set, as the scheduler counts it
      columns.splice(2, 0,
        { label: 'Budget used', value: (j) => h('span', { class: 'budget-used', dataset: { used: j.budget_used, requests: budget.requests } },
          `${j.budget_used} of ${budget.requests} this ${budget.per}`) },
        { label: 'Remaining', value: (j) => h('span', { class: 'budget-remaining', dataset: { remaining: j.budget_remaining } }, String(j.budget_remaining)) });
    }
    await loading(target, () => api.data(`/dashboard/widget-integrations/${integration.id}/pull-jobs?limit=50`), (rows) => target.append(
      budget ? h('p', { id: 'pull-budget', class: 'muted' }, `Upstream budget: ${budget.requests} requests per ${budget.per} for each `
        + `${integration.credential_scope === 'widget' ? 'widget config' : 'organization'} (its credentials). The scheduler spreads the pulls `
        + 'to stay inside it, manual refreshes count, and pulls pause when it is spent until the next window.') : '',
      table('Pull jobs', columns, rows, 'No pulls scheduled yet: a pull starts when a player first reads a widget config.')));
  }

  await loadWidgets();
  return { show };
}

/** A pull job's state: paused while its upstream budget is spent (until next_run_at, the window's end). */
export function pullState(job) {
  const label = job.state === 'budget_exhausted' ? 'paused: budget spent' : job.state;
  return h('span', { class: `state state--${job.state}`, dataset: { state: job.state } }, label);
}

/** The effective interval, and the declared one when the budget stretched it. */
function interval(seconds, declared) {
  const text = seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds >= 600 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return declared && seconds > declared ? `${text} (stretched from ${declared} s)` : text;
}

/** A curl command that sends a test delivery the way this integration's push_config expects it signed. */
export function curlFor(integration, url) {
  const push = integration.push_config || {};
  const lines = [`URL='${url}'`, 'BODY=\'{"data":{"message":"Hello from curl"}}\''];
  const headers = ['-H \'Content-Type: application/json\''];
  if (push.scheme === 'standard-webhooks') {
    lines.push('SECRET=\'whsec_...\'   # the signing secret stored in the credentials',
      'ID="msg_$(date +%s%N)"; TS="$(date +%s)"',
      'KEY="$(printf \'%s\' "${SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d \' \\n\')"',
      'SIG="$(printf \'%s\' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary | base64)"');
    headers.push('-H "webhook-id: $ID"', '-H "webhook-timestamp: $TS"', '-H "webhook-signature: v1,$SIG"');
  } else if (push.signature_header && push.verify_signature !== false) {
    const sha1 = push.signature_header.toLowerCase() === 'x-hub-signature';
    lines.push('SECRET=\'...\'   # the HMAC secret stored in the credentials',
      `SIG="$(printf '%s' "$BODY" | openssl dgst -${sha1 ? 'sha1' : 'sha256'} -hmac "$SECRET" | sed 's/^.* //')"`);
    headers.push(`-H "${push.signature_header}: ${sha1 ? 'sha1' : 'sha256'}=$SIG"`);
  }
  if (push.api_key_credential) {
    lines.push('API_KEY=\'...\'   # the API key stored in the credentials');
    headers.push('-H "X-API-Key: $API_KEY"');
  }
  return `${lines.join('\n')}\ncurl -sS -X POST "$URL" ${headers.join(' ')} --data-binary "$BODY"`;
}
