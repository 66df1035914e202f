import { api, enc, ApiError } from '../api.js';
import { h, append, clear, table, time, message, section, field } from '../dom.js';

// Issue 17: an organization's open alerts and where they are sent (a Standard Webhooks endpoint).
const TYPES = {
  'data.stale': 'Data is stale',
  'pull.failing': 'Pulls keep failing',
  'credentials.invalid': 'Credentials refused upstream',
  'data.quarantined': 'Data failed its schema',
  'webhooks.forged': 'Forged webhooks',
  'budget.exhausted': 'Upstream budget spent',
};

export async function renderAlerts(main, { me }) {
  const orgInput = h('input', { id: 'alerts-organization', type: 'text', required: true, autocomplete: 'off', value: me.organization_id || '',
    placeholder: 'organization id' });
  const status = h('div', { id: 'alerts-status', 'aria-live': 'polite' });
  const list = h('div', { id: 'alerts-open' });
  const url = h('input', { id: 'alerting-url', type: 'url', required: true, placeholder: 'https://ops.example.com/hollerith' });
  const secret = h('input', { id: 'alerting-secret', type: 'password', required: true, autocomplete: 'off', placeholder: 'whsec_…' });
  const failures = h('input', { id: 'alerting-failures', type: 'number', min: 1, value: 3 });
  const forged = h('input', { id: 'alerting-forged', type: 'number', min: 1, value: 50 });
  // #/alerts/{organization}: an address per organization, as for the other views (admins have no organization of their own)
  const fromHash = decodeURIComponent(location.hash.split('/')[2] || '');
  if (fromHash) orgInput.value = fromHash;
  const org = () => enc(orgInput.value.trim());

  const show = (tone, text) => clear(status).append(message(tone, text));
  const failed = (error) => show('error', error instanceof ApiError ? error.describe() : String(error));

  async function load() {
    if (!orgInput.value.trim()) return;
    try {
      const alerts = await api.data(`/dashboard/organizations/${org()}/alerts?state=open`);
      clear(list).append(table('Open alerts', [
        { label: 'Type', value: (a) => h('span', { dataset: { type: a.type } }, TYPES[a.type] ? `${TYPES[a.type]} (${a.type})` : a.type) },
        { label: 'Detail', value: (a) => a.detail },
        { label: 'Widget config', value: (a) => a.widget_config_id || '' },
        { label: 'Integration', value: (a) => (a.integration_id ? String(a.integration_id) : '') },
        { label: 'Opened', value: (a) => time(a.opened_at) },
      ], alerts, 'No open alerts.'));
      try {
        const endpoint = await api.data(`/dashboard/organizations/${org()}/alerting`);
        url.value = endpoint.url;
        failures.value = endpoint.failures_before_alert;
        forged.value = endpoint.forged_per_hour;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    } catch (error) {
      failed(error);
    }
  }

  const form = h('form', { id: 'alerting-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api.put(`/dashboard/organizations/${org()}/alerting`, {
        url: url.value.trim(), secret: secret.value, failures_before_alert: Number(failures.value), forged_per_hour: Number(forged.value),
      });
      secret.value = '';
      show('ok', 'Alert endpoint saved.');
    } catch (error) {
      failed(error);
    }
  } },
  field('Endpoint URL', url, 'Alerts are POSTed here as signed Standard Webhooks; private addresses are refused.'),
  field('Secret', secret, 'whsec_ and at least 16 bytes in base64; stored encrypted, never shown again.'),
  field('Failed pulls before an alert', failures),
  field('Forged webhooks per hour before an alert', forged),
  h('button', { type: 'submit', class: 'button' }, 'Save'));

  append(main, [h('h1', {}, 'Alerts'),
    section('Organization', h('form', { onsubmit: (event) => { event.preventDefault(); load(); } },
      field('Organization', orgInput), h('button', { type: 'submit', class: 'button' }, 'Show')), status),
    section('Open alerts', list), section('Alert endpoint', form)]);
  await load();
}
