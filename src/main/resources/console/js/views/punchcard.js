import { api, call } from '../api.js';
import { h, append, svg, clear, light, table, time, field, message, section, onSubmit, notify } from '../dom.js';
import { confirmAction } from '../dialog.js';

export const ROWS = ['12', '11', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const COLUMNS = 80;
const POLL_MS = 1500;
const LEFT = 24;
const TOP = 34;
const PITCH_X = 9;
const PITCH_Y = 22;

const TONES = {
  api: { running: 'ok', stopped: 'bad' },
  display: { idle: 'off', displaying: 'ok', fault: 'bad' },
  hardware: { gpio: 'ok', mock: 'warn' },
};

// The punch card as it is now: 12 rows × 80 columns drawn from the status endpoint's bits,
// polled every 1.5 s (with If-None-Match whenever the server sends an ETag).
export async function renderPunchcard(main, { me }) {
  const admin = me.role === 'admin';
  const maySend = admin || me.role === 'punchcard';
  const lights = h('div', { class: 'lights', id: 'punchcard-lights' });
  const switchArea = h('div', { id: 'api-switch-area' });
  const caption = h('p', { class: 'muted', id: 'card-caption', 'aria-live': 'polite' });
  const { card, holes, printed } = drawCard();
  const queue = h('div', { id: 'punchcard-queue' });
  const history = h('div', { id: 'punchcard-history' });
  const feedback = h('div', { 'aria-live': 'polite', id: 'send-feedback' });
  append(main, [h('h1', {}, 'Punch card'),
    section('Status', lights, switchArea),
    section('Current card', h('div', { class: 'card-frame' }, card), caption),
    maySend ? section('Send a message', sendForm(feedback)) : null,
    section('Queue', queue),
    section('History', history)]);

  let last = '';
  let etag = null;
  let historyKey = '';
  let stopped = false;
  let timer = null;

  async function poll() {
    try {
      const answer = await call('GET', '/api/punchcard/status', undefined, etag ? { 'If-None-Match': etag } : {});
      etag = answer.headers.get('ETag') || null;
      if (answer.status !== 304) {
        const text = JSON.stringify(answer.body.data);
        if (text !== last) {
          last = text;
          show(answer.body.data);
        }
      }
    } catch (error) {
      clear(lights).append(message('error', `Status unavailable: ${error.message}`));
      last = '';
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  function show(status) {
    clear(lights).append(
      light('Message API', status.api, TONES.api[status.api] || 'warn', 'light-api'),
      light('Display', status.display, TONES.display[status.display] || 'warn', 'light-display'),
      light('Hardware', status.hardware, TONES.hardware[status.hardware] || 'warn', 'light-hardware'),
      h('p', { class: 'muted' }, `${status.queue_length} queued · ${status.messages_total} messages in all`));
    if (status.fault) lights.append(message('error', `Fault: ${status.fault}`));
    apiRunning = status.api === 'running';
    if (admin) showSwitch(apiRunning);
    paint(status.card, status.current_message);
    const key = `${status.messages_total}|${status.queue_length}|${status.api}|${status.current_message ? `${status.current_message.id}:${status.current_message.status}` : ''}`;
    if (key !== historyKey) {
      historyKey = key;
      loadHistory();
    }
  }

  function showSwitch(running) {
    const button = h('button', {
      type: 'button',
      role: 'switch',
      'aria-checked': String(running),
      class: `switch ${running ? 'switch--on' : ''}`,
      id: 'api-switch',
    }, h('span', { class: 'switch__track', 'aria-hidden': 'true' }), running ? 'Message API on — stop it' : 'Message API off — start it');
    button.addEventListener('click', async () => {
      if (running) {
        const confirmed = await confirmAction({
          heading: 'Stop the message API?',
          question: 'Stop the punch-card message API?',
          consequences: ['Senders get 503 until it is started again; nothing they send meanwhile is kept.',
            'The card being punched and the queue stay as they are; queue and history stay visible here.'],
          confirmLabel: 'Stop the API',
          danger: true,
        });
        if (!confirmed) return;
      }
      button.disabled = true;
      try {
        await api.put('/dashboard/punchcard/api', { enabled: !running });
        etag = null;
        await refreshNow();
        document.getElementById('api-switch')?.focus();
      } catch (error) {
        notify('error', error.describe ? error.describe() : error.message);
        button.disabled = false;
      }
    });
    clear(switchArea).append(button);
  }

  function paint(cardBits, current) {
    const rows = cardBits && cardBits.rows ? cardBits.rows : [];
    for (let r = 0; r < ROWS.length; r += 1) {
      const bits = rows[r] || '';
      for (let c = 0; c < COLUMNS; c += 1) {
        const hole = holes[r][c];
        const punched = bits.charAt(c) === '1';
        if ((hole.dataset.punched === 'true') !== punched) {
          hole.dataset.punched = String(punched);
          hole.setAttribute('class', punched ? 'hole hole--punched' : 'hole');
        }
      }
    }
    const number = cardBits ? cardBits.number : 0;
    const text = current && number > 0 ? current.text.slice((number - 1) * COLUMNS, number * COLUMNS) : '';
    const punchedColumns = cardBits ? cardBits.columns : 0;
    printed.forEach((cell, c) => {
      cell.textContent = c < punchedColumns ? text.charAt(c) : '';
    });
    caption.textContent = current
      ? `Card ${number} of ${cardBits.of} · message #${current.id} (${current.status}) · ${punchedColumns} of ${COLUMNS} columns punched`
      : 'No message yet: the card is blank.';
  }

  // Operators read queue and history from the dashboard, which answers while the message API is
  // stopped; a punch-card sender reads them from the message API itself.
  const operator = me.role === 'admin' || me.role === 'member';
  let apiRunning = true;

  async function loadHistory() {
    try {
      const messages = await api.data(operator ? '/dashboard/console/punchcard-messages' : '/api/punchcard/messages?limit=30');
      const columns = [
        { label: '#', value: (m) => String(m.id) },
        { label: 'Text', value: (m) => h('span', { class: 'message-text' }, m.text) },
        { label: 'Source', value: (m) => m.source || '—' },
        { label: 'Status', value: (m) => m.status },
        { label: 'Sent', value: (m) => time(m.created_at) },
        { label: 'Shown', value: (m) => time(m.displayed_at) },
      ];
      append(clear(queue), [stoppedNotice(), table('Queue', columns, messages.filter((m) => m.status === 'queued').reverse(), 'The queue is empty.')]);
      clear(history).append(table('History', columns, messages));
    } catch (error) {
      if (error.status === 503) {
        // kept as they were: the last queue and history stay on screen
        queue.querySelector('.stopped-notice')?.remove();
        queue.prepend(stoppedNotice(true));
      } else {
        notify('error', error.message);
      }
    }
  }

  /** While stopped, the queue says so and points to the switch that starts the API again. */
  function stoppedNotice(force = false) {
    if (apiRunning && !force) return null;
    const goTo = admin
      ? h('button', { type: 'button', class: 'button button--small', id: 'go-to-switch',
        onclick: () => document.getElementById('api-switch')?.focus() }, 'Go to the switch')
      : null;
    return h('p', { class: 'notice notice--warn stopped-notice', role: 'status' },
      'The message API is stopped: nothing new is queued. ',
      admin ? 'Start it with the “Message API” switch under Status. ' : 'An admin can start it in the console (Punch card › Status). ',
      goTo);
  }

  function sendForm(target) {
    const text = h('input', { type: 'text', id: 'punchcard-text', required: true, maxlength: 800, autocomplete: 'off' });
    const form = h('form', { class: 'form form--inline', id: 'punchcard-form' },
      field('Message', text, 'Letters are punched in upper case (IBM 029 code); 80 characters fill one card.'),
      h('button', { type: 'submit', class: 'button button--primary' }, 'Punch it'));
    onSubmit(form, async (key) => {
      try {
        const sent = (await api.post('/api/punchcard/messages', { text: text.value }, key)).body.data;
        clear(target).append(message('ok', `Queued message #${sent.id}: ${sent.text}`));
        text.value = '';
        await refreshNow();
      } catch (error) {
        if (error.status === 503) {
          throw Object.assign(new Error(admin ? 'Not sent: the message API is stopped. Start it with the “Message API” switch under Status.'
            : 'Not sent: the message API is stopped; an admin can start it.'), { fields: {} });
        }
        throw error;
      }
    });
    return [form, target];
  }

  async function refreshNow() {
    clearTimeout(timer);
    await poll();
  }

  await poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function drawCard() {
  const width = LEFT * 2 + COLUMNS * PITCH_X;
  const height = TOP + ROWS.length * PITCH_Y + 10;
  const card = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'card',
    id: 'punch-card',
    role: 'img',
    'aria-label': 'The punch card: 12 rows by 80 columns of holes',
  });
  // The clipped top-left corner of a real card shows which way round it is.
  card.append(svg('path', { class: 'card__body', d: `M14 0 H${width} V${height} H0 V14 Z` }));
  const printed = [];
  for (let c = 0; c < COLUMNS; c += 1) {
    const cell = svg('text', { class: 'card__print', x: LEFT + c * PITCH_X + 2.5, y: 18, 'text-anchor': 'middle', 'data-column': c + 1 });
    printed.push(cell);
    card.append(cell);
  }
  const holes = ROWS.map((row, r) => {
    card.append(svg('text', { class: 'card__row', x: 4, y: TOP + r * PITCH_Y + 11 }, row));
    const cells = [];
    for (let c = 0; c < COLUMNS; c += 1) {
      const hole = svg('rect', {
        class: 'hole',
        x: LEFT + c * PITCH_X,
        y: TOP + r * PITCH_Y,
        width: 5,
        height: 13,
        rx: 1,
        'data-row': row,
        'data-column': c + 1,
        'data-punched': 'false',
      });
      cells.push(hole);
      card.append(hole);
    }
    return cells;
  });
  return { card, holes, printed };
}
