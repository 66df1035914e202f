// Every piece of text from the API enters the page through textContent or an attribute value,
// never parsed as markup: a message "<script>" is shown as the characters it is.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/** A status light: a coloured dot and, for everyone who cannot tell colours apart, the word. */
export function light(label, value, tone, id) {
  return h('div', { class: `light light--${tone}`, id, role: 'status', dataset: { state: value } },
    h('span', { class: 'light__dot', 'aria-hidden': 'true' }),
    h('span', { class: 'light__label' }, label),
    h('span', { class: 'light__value' }, value));
}

export function time(value) {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/**
 * A table from column definitions: {label, value(row) → text or Node}. Each cell carries its column's
 * label, so that on a phone (CSS) the rows become cards that still say what each value is.
 */
export function table(caption, columns, rows, empty = 'Nothing yet.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('table', { class: 'table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column.label)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((column) => h('td', { 'data-label': column.label }, column.value(row)))))));
}

/**
 * Fills `target` with what `load()` fetches. While it loads the panel shows a progress bar and keeps
 * what it showed before (only an empty panel says "Loading…"); a failure is reported in the one
 * notice area and the old content stays.
 */
export async function loading(target, load, render) {
  const bar = h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Loading' });
  target.setAttribute('aria-busy', 'true');
  if (!target.childElementCount) target.append(h('p', { class: 'muted loading-text' }, 'Loading…'));
  target.prepend(bar);
  try {
    const result = await load();
    clear(target);
    render(result);
    return result;
  } catch (error) {
    bar.remove();
    target.querySelector('.loading-text')?.remove();
    if (!target.childElementCount) target.append(h('p', { class: 'muted' }, 'Not loaded.'));
    report(error);
    return undefined;
  } finally {
    target.removeAttribute('aria-busy');
    bar.remove();
  }
}

/**
 * A form whose submit shows that it is busy and cannot be sent twice: the submit buttons are
 * disabled and relabelled until the answer is in. `handler(idempotencyKey)` gets the same key again
 * when the previous attempt never reached the server (so a retry cannot create a duplicate), and a
 * new key once an attempt was answered.
 */
export function onSubmit(form, handler) {
  let key = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy === 'true') return;
    clearFieldErrors(form);
    const buttons = [...form.querySelectorAll('button[type="submit"]')];
    const labels = buttons.map((b) => b.textContent);
    form.dataset.busy = 'true';
    form.setAttribute('aria-busy', 'true');
    buttons.forEach((b) => {
      b.disabled = true;
      b.textContent = 'Working…';
    });
    key = key || Math.random().toString(36).slice(2) + Date.now().toString(36);
    try {
      await handler(key);
      key = null;
    } catch (error) {
      if (!error.offline) key = null;
      showFieldErrors(form, error);
      report(error);
    } finally {
      form.dataset.busy = 'false';
      form.removeAttribute('aria-busy');
      buttons.forEach((b, i) => {
        b.disabled = false;
        b.textContent = labels[i];
      });
    }
  });
  return form;
}

/** A button that runs `action` once at a time, busy while it runs; errors go to the notice area. */
export function actionButton(label, action, attributes = {}) {
  const button = h('button', { type: 'button', class: 'button button--quiet', ...attributes }, label);
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await action(button);
    } catch (error) {
      report(error);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
  return button;
}

/** Server field errors ({"errors": {"options.units": [...]}}) shown under the inputs they name. */
export function showFieldErrors(form, error) {
  if (!error || !error.fields) return;
  for (const [name, problems] of Object.entries(error.fields)) {
    const short = name.replace(/^(options|credentials|body)\./, '');
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`) || form.querySelector(`[name="${CSS.escape(short)}"]`);
    if (input) fieldError(input, [].concat(problems).join(', '));
  }
}

export function fieldError(input, text) {
  input.setAttribute('aria-invalid', 'true');
  const holder = input.closest('.field') || input.parentElement;
  let line = holder.querySelector('.field-error');
  if (!line) {
    line = h('small', { class: 'field-error', id: `${input.id || input.name}-error` });
    holder.append(line);
    input.setAttribute('aria-errormessage', line.id);
  }
  line.textContent = text;
}

export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((line) => line.remove());
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

// ---- the one place where the console tells the operator what happened ----

const notices = () => document.getElementById('notices');

/** Success or failure of an action, in the notice area under the top bar (errors stay until dismissed). */
export function notify(tone, text) {
  const area = notices();
  if (!area) return null;
  const line = h('div', { class: `notice notice--${tone}`, role: tone === 'error' ? 'alert' : 'status' },
    h('span', { class: 'notice__text' }, text),
    h('button', { type: 'button', class: 'notice__close', 'aria-label': 'Dismiss', onclick: () => line.remove() }, '×'));
  area.querySelectorAll(`.notice--${tone === 'error' ? 'ok' : 'error'}`).forEach((old) => old.remove());
  if (area.childElementCount >= 3) area.firstElementChild.remove();
  area.append(line);
  if (tone !== 'error') setTimeout(() => line.remove(), 8000);
  return line;
}

export function report(error) {
  if (error && error.status === 401) return null; // the sign-in page says it
  return notify('error', error && error.describe ? error.describe() : String(error && error.message ? error.message : error));
}

export function clearNotices() {
  const area = notices();
  if (area) area.replaceChildren();
}

/** A value with a button that copies it (the clipboard API, or selecting it where that is refused). */
export function copyable(value, label, id) {
  const text = h('code', { class: 'copyable__value', id }, value);
  const status = h('span', { class: 'muted copyable__status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button button--quiet copyable__button', 'aria-label': `Copy ${label}` }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      status.textContent = 'Copied';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(text);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = document.execCommand && document.execCommand('copy') ? 'Copied' : 'Selected: press Ctrl+C to copy';
    }
  });
  return h('div', { class: 'copyable' }, text, button, status);
}

export function field(label, input, help) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  const helpId = help ? `${id}-help` : undefined;
  if (helpId) input.setAttribute('aria-describedby', helpId);
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    input,
    help ? h('small', { id: helpId, class: 'muted' }, help) : null);
}

export function message(tone, text) {
  return h('p', { class: `notice notice--${tone}`, role: tone === 'error' ? 'alert' : 'status' }, text);
}

export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), children);
}
