import { api, enc } from '../api.js';
import { h, append, clear, table, time, field, message, section, loading, onSubmit, actionButton, notify } from '../dom.js';
import { confirmAction } from '../dialog.js';

// Seed 001's "Admin Panel": the clients, their "Disable External Widget" checkbox (confirmed in a
// dialog, then sent to the widget), and the log of what the widget answered. A client's log and its
// edit form have their own addresses: #/clients/{id}/notifications and #/clients/{id}/edit.
export async function renderClients(main) {
  const outcome = h('div', { id: 'toggle-outcome', 'aria-live': 'polite' });
  const list = h('div', { id: 'client-list' });
  const log = h('div', { id: 'client-log' });
  const editor = h('div', { id: 'client-editor' });
  append(main, [h('h1', {}, 'Clients'), outcome, section('All clients', list), editor, log]);

  let clients = [];

  async function load() {
    await loading(list, () => api.all('/dashboard/clients'), (all) => {
      clients = all;
      list.append(table('Clients', [
        { label: 'Name', value: (c) => c.name },
        { label: 'Home Assistant URL', value: (c) => c.ha_url || '—' },
        { label: 'Token', value: (c) => (c.has_ha_token ? 'stored' : 'none') },
        { label: 'Disable External Widget', value: (c) => toggle(c) },
        { label: 'Actions', value: (c) => h('div', { class: 'row-actions' },
            h('a', { class: 'button button--quiet', href: `#/clients/${enc(c.id)}/edit` }, 'Edit'),
            h('a', { class: 'button button--quiet', href: `#/clients/${enc(c.id)}/notifications` }, 'Notifications'),
            actionButton('Delete', () => deleteClient(c), { 'data-delete-client': c.id })) },
      ], clients, 'No clients yet. Add the first one below.'));
    });
  }

  async function deleteClient(client) {
    const confirmed = await confirmAction({
      heading: `Delete ${client.name}?`,
      question: `Delete the client "${client.name}"?`,
      consequences: ['Its stored Home Assistant token is deleted.', 'Its notification log is deleted.',
        'The external widget is not told: disable it first if it should stop showing.'],
      confirmLabel: 'Delete client',
      danger: true,
    });
    if (!confirmed) return;
    await api.delete(`/dashboard/clients/${enc(client.id)}`);
    notify('ok', `Deleted ${client.name}.`);
    if (log.dataset.clientId === client.id) clear(log);
    await load();
  }

  function toggle(client) {
    const box = h('input', {
      type: 'checkbox',
      class: 'widget-toggle',
      'aria-label': `Disable external widget for ${client.name}`,
      dataset: { clientId: client.id },
    });
    box.checked = client.external_widget_disabled;
    box.addEventListener('click', async (event) => {
      // The checkbox changes only once the server has stored the change.
      event.preventDefault();
      const disable = !client.external_widget_disabled;
      const confirmed = await confirmAction({
        heading: disable ? 'Disable the external widget?' : 'Enable the external widget?',
        question: `${disable ? 'Disable' : 'Enable'} the external widget for "${client.name}"? The widget is told at once.`,
        confirmLabel: disable ? 'Disable widget' : 'Enable widget',
      });
      if (!confirmed) return;
      box.disabled = true;
      try {
        const answer = (await api.put(`/dashboard/clients/${enc(client.id)}/external-widget`, { disabled: disable })).body.data;
        client.external_widget_disabled = answer.external_widget_disabled;
        box.checked = answer.external_widget_disabled;
        showOutcome(client, answer);
        if (log.dataset.clientId === client.id) showLog(client);
      } catch (error) {
        notify('error', `Not changed: ${error.describe()}`);
      } finally {
        box.disabled = false;
      }
    });
    return box;
  }

  function showOutcome(client, answer) {
    const n = answer.notification || {};
    const state = answer.external_widget_disabled ? 'disabled' : 'enabled';
    const line = n.delivered
      ? message('ok', `Widget ${state} for ${client.name}; the widget was notified (HTTP ${n.status_code})${n.message ? `: ${n.message}` : ''}.`)
      : message('warn', `Widget ${state} for ${client.name} (saved), but the widget was not notified: ${n.error || 'no answer'}${n.status_code ? ` (HTTP ${n.status_code})` : ''}.`);
    line.id = 'notification-result';
    line.dataset.delivered = String(Boolean(n.delivered));
    clear(outcome).append(line);
  }

  async function showLog(client) {
    log.dataset.clientId = client.id;
    clear(log);
    try {
      const entries = await api.data(`/dashboard/clients/${enc(client.id)}/notifications?limit=50`);
      log.append(section(`Notifications to ${client.name}'s widget`, table('Notification log', [
        { label: 'Sent', value: (n) => time(n.sent_at) },
        { label: 'Request', value: (n) => (n.disabled ? 'disable' : 'enable') },
        { label: 'URL', value: (n) => n.url },
        { label: 'Delivered', value: (n) => (n.delivered ? 'yes' : 'no') },
        { label: 'HTTP', value: (n) => n.status_code ?? '—' },
        { label: 'Answer', value: (n) => n.error || n.message || '—' },
        { label: 'Took', value: (n) => `${n.duration_ms} ms` },
      ], entries, 'No notifications sent yet.')));
    } catch (error) {
      log.append(message('error', error.message));
    }
  }

  function showEditor(client) {
    const editing = Boolean(client);
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, id: 'client-name' });
    const url = h('input', { type: 'url', name: 'ha_url', required: true, placeholder: 'https://homeassistant.local:8123', id: 'client-url' });
    // Write-only: the stored token is never sent back, so the field always starts empty.
    const token = h('input', { type: 'password', name: 'ha_token', autocomplete: 'new-password', id: 'client-token' });
    if (editing) {
      name.value = client.name;
      url.value = client.ha_url || '';
    }
    const feedback = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'form', id: 'client-form' },
      field('Name', name),
      field('Home Assistant URL', url),
      field('Home Assistant token', token, editing ? 'Leave empty to keep the stored token.' : 'Sent to the widget with every notification; never shown again.'),
      feedback,
      h('div', { class: 'actions' },
        editing ? h('a', { class: 'button button--quiet', href: '#/clients' }, 'Cancel') : null,
        h('button', { type: 'submit', class: 'button button--primary' }, editing ? 'Save client' : 'Add client')));
    onSubmit(form, async (key) => {
      const body = { name: name.value.trim(), ha_url: url.value.trim() };
      if (token.value) body.ha_token = token.value;
      if (editing) await api.patch(`/dashboard/clients/${enc(client.id)}`, body);
      else await api.post('/dashboard/clients', body, key);
      token.value = '';
      notify('ok', `${editing ? 'Saved' : 'Added'} ${body.name}.`);
      showEditor(null);
      if (location.hash !== '#/clients') location.hash = '#/clients';
      await load();
    });
    if (editing) editor.dataset.clientId = client.id;
    else delete editor.dataset.clientId;
    clear(editor).append(section(editing ? `Edit ${client.name}` : 'Add a client', form));
    if (editing) name.focus();
  }

  /** Opens what the address names; a client that no longer exists just shows the list. */
  async function show([id, sub]) {
    const client = id ? clients.find((c) => c.id === id) : null;
    if (!client) {
      if (log.dataset.clientId) {
        delete log.dataset.clientId;
        clear(log);
      }
      if (editor.dataset.clientId) showEditor(null);
      return;
    }
    if (sub === 'notifications') await showLog(client);
    else if (sub === 'edit') showEditor(client);
  }

  showEditor(null);
  await load();
  return { show };
}
