import { h, clear, field, fieldError } from './dom.js';

// Forms built from the field schemas of seed 002 (credential_schema, config_schema): each field has
// a type (string, number, integer, boolean) and may have required, sensitive, label, help, default,
// enum, min, max (lengths for strings) and pattern (a Java regular expression, matched in full).

const TYPES = ['string', 'number', 'integer', 'boolean'];

/** The config_schema fields of several integrations merged (a widget config feeds all of them). */
export function mergeSchemas(schemas) {
  const merged = {};
  for (const schema of schemas) {
    for (const [name, spec] of Object.entries(schema || {})) {
      merged[name] = { ...(merged[name] || {}), ...spec };
    }
  }
  return merged;
}

/**
 * The options form: one input per schema field, filled from `values` or the field's default, checked
 * in the browser before sending (the server checks again and its errors land next to the same inputs).
 * Options no schema declares are kept as they were.
 */
export function optionsForm(schema, values = {}) {
  const inputs = Object.entries(schema).map(([name, spec]) => {
    const value = values[name] !== undefined ? values[name] : spec.default;
    let input;
    if (spec.type === 'boolean') {
      input = h('input', { type: 'checkbox', name, id: `option-${name}` });
      input.checked = value === true;
    } else if (Array.isArray(spec.enum)) {
      input = h('select', { name, id: `option-${name}` },
        spec.required ? null : h('option', { value: '' }, '—'),
        spec.enum.map((allowed) => h('option', { value: String(allowed) }, String(allowed))));
      input.value = value === undefined || value === null ? '' : String(value);
    } else {
      const numeric = spec.type === 'number' || spec.type === 'integer';
      input = h('input', {
        type: numeric ? 'number' : 'text',
        name,
        id: `option-${name}`,
        step: spec.type === 'integer' ? '1' : numeric ? 'any' : undefined,
        min: numeric && spec.min !== undefined ? spec.min : undefined,
        max: numeric && spec.max !== undefined ? spec.max : undefined,
        required: spec.required === true,
        autocomplete: 'off',
      });
      input.value = value === undefined || value === null ? '' : String(value);
    }
    const help = [spec.help, describe(spec)].filter(Boolean).join(' ');
    return { name, spec, input, element: field(`${spec.label || name}${spec.required ? ' (required)' : ''}`, input, help || undefined) };
  });
  const element = h('div', { class: 'grid options-form' }, inputs.map((i) => i.element));
  const known = new Set(Object.keys(schema));
  const extra = Object.fromEntries(Object.entries(values).filter(([name]) => !known.has(name)));

  /** {values, valid}: problems are shown next to their inputs. */
  function read() {
    const result = { ...extra };
    let valid = true;
    for (const { name, spec, input } of inputs) {
      const problem = check(spec, input);
      if (problem) {
        fieldError(input, problem);
        valid = false;
        continue;
      }
      if (spec.type === 'boolean') result[name] = input.checked;
      else if (input.value === '') delete result[name];
      else if (spec.type === 'number' || spec.type === 'integer') result[name] = Number(input.value);
      else result[name] = input.value;
    }
    return { values: result, valid };
  }
  return { element, read, empty: inputs.length === 0 };
}

function describe(spec) {
  const parts = [];
  if (spec.type === 'string' && (spec.min !== undefined || spec.max !== undefined)) parts.push(`${spec.min ?? 0}–${spec.max ?? '…'} characters`);
  else if (spec.min !== undefined || spec.max !== undefined) parts.push(`from ${spec.min ?? '…'} to ${spec.max ?? '…'}`);
  if (spec.default !== undefined) parts.push(`default ${JSON.stringify(spec.default)}`);
  return parts.length ? `(${parts.join(', ')})` : '';
}

function check(spec, input) {
  if (spec.type === 'boolean') return null;
  const raw = input.value;
  if (raw === '') return spec.required && spec.default === undefined ? 'is required' : null;
  if (spec.type === 'number' || spec.type === 'integer') {
    const n = Number(raw);
    if (!Number.isFinite(n)) return 'must be a number';
    if (spec.type === 'integer' && !Number.isInteger(n)) return 'must be a whole number';
    if (spec.min !== undefined && n < spec.min) return `must be at least ${spec.min}`;
    if (spec.max !== undefined && n > spec.max) return `must be at most ${spec.max}`;
    return null;
  }
  if (spec.min !== undefined && raw.length < spec.min) return `must be at least ${spec.min} characters long`;
  if (spec.max !== undefined && raw.length > spec.max) return `must be at most ${spec.max} characters long`;
  if (spec.pattern) {
    let regex = null;
    try {
      regex = new RegExp(`^(?:${spec.pattern})$`, 'u');
    } catch {
      regex = null; // a Java-only construct: the server checks it
    }
    if (regex && !regex.test(raw)) return `must match ${spec.pattern}`;
  }
  if (Array.isArray(spec.enum) && !spec.enum.map(String).includes(raw)) return `must be one of ${spec.enum.join(', ')}`;
  return null;
}

/**
 * The schema editor of an integration definition: one row per field (name, type, label, required,
 * sensitive, default, allowed values, min, max, pattern, help) and a JSON view of the same schema.
 * `value()` throws a message when the rows or the JSON do not make a schema.
 */
export function schemaEditor(id, schema, { credential = false } = {}) {
  const rows = h('div', { class: 'schema-rows', id: `${id}-rows` });
  const json = h('textarea', { rows: 8, id, spellcheck: 'false', class: 'code', hidden: true, 'aria-label': 'Schema as JSON' });
  const rowsButton = h('button', { type: 'button', 'aria-pressed': 'true' }, 'Fields');
  const jsonButton = h('button', { type: 'button', 'aria-pressed': 'false', id: `${id}-json` }, 'JSON');
  const add = h('button', { type: 'button', class: 'button button--small', id: `${id}-add` }, 'Add field');
  let mode = 'rows';

  function row(name, spec) {
    const cell = (label, input) => h('label', { class: 'field' }, h('span', {}, label), input);
    const nameInput = h('input', { type: 'text', class: 'schema-name', value: name || '', 'aria-label': 'Field name', placeholder: 'api_key' });
    const type = h('select', { class: 'schema-type' }, TYPES.map((t) => h('option', { value: t }, t)));
    type.value = spec.type || 'string';
    const label = h('input', { type: 'text', class: 'schema-label', value: spec.label || '' });
    const required = h('input', { type: 'checkbox', class: 'schema-required' });
    required.checked = spec.required === true;
    const sensitive = h('input', { type: 'checkbox', class: 'schema-sensitive' });
    sensitive.checked = spec.sensitive === true;
    const def = h('input', { type: 'text', class: 'schema-default', value: spec.default === undefined ? '' : String(spec.default) });
    const allowed = h('input', { type: 'text', class: 'schema-enum', value: Array.isArray(spec.enum) ? spec.enum.join(', ') : '', placeholder: 'a, b, c' });
    const min = h('input', { type: 'number', class: 'schema-min', value: spec.min ?? '' });
    const max = h('input', { type: 'number', class: 'schema-max', value: spec.max ?? '' });
    const pattern = h('input', { type: 'text', class: 'schema-pattern', value: spec.pattern || '' });
    const help = h('input', { type: 'text', class: 'schema-help', value: spec.help || '' });
    const remove = h('button', { type: 'button', class: 'button button--small button--quiet', 'aria-label': `Remove field ${name || ''}` }, 'Remove');
    const element = h('div', { class: 'schema-row' },
      cell('Name', nameInput), cell('Type', type), cell('Label', label),
      h('label', { class: 'check' }, required, 'Required'),
      credential ? h('label', { class: 'check' }, sensitive, 'Sensitive') : null,
      cell('Default', def), cell('Allowed values', allowed), cell('Min', min), cell('Max', max),
      cell('Pattern', pattern), cell('Help', help), remove);
    remove.addEventListener('click', () => element.remove());
    element.read = () => {
      const fieldName = nameInput.value.trim();
      if (!fieldName) return null;
      const out = { type: type.value };
      if (label.value.trim()) out.label = label.value.trim();
      if (required.checked) out.required = true;
      if (credential && sensitive.checked) out.sensitive = true;
      const convert = (text) => (type.value === 'number' || type.value === 'integer' ? Number(text)
        : type.value === 'boolean' ? text === 'true' : text);
      if (def.value.trim() !== '') out.default = convert(def.value.trim());
      if (allowed.value.trim()) out.enum = allowed.value.split(',').map((v) => v.trim()).filter(Boolean).map(convert);
      if (min.value !== '') out.min = Number(min.value);
      if (max.value !== '') out.max = Number(max.value);
      if (pattern.value.trim()) out.pattern = pattern.value.trim();
      if (help.value.trim()) out.help = help.value.trim();
      return [fieldName, out];
    };
    return element;
  }

  function fromRows() {
    const out = {};
    for (const element of rows.children) {
      const entry = element.read();
      if (!entry) continue;
      if (out[entry[0]]) throw new Error(`The field name ${entry[0]} is used twice.`);
      out[entry[0]] = entry[1];
    }
    return out;
  }

  function fromJson() {
    let parsed;
    try {
      parsed = JSON.parse(json.value || '{}');
    } catch {
      throw new Error('The schema JSON is not valid JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('The schema must be a JSON object of fields.');
    return parsed;
  }

  function fill(value) {
    clear(rows).append(...Object.entries(value).map(([name, spec]) => row(name, spec || {})));
  }

  function switchTo(next) {
    if (next === mode) return;
    if (next === 'json') json.value = JSON.stringify(fromRows(), null, 2);
    else fill(fromJson());
    mode = next;
    rows.hidden = mode !== 'rows';
    add.hidden = mode !== 'rows';
    json.hidden = mode !== 'json';
    rowsButton.setAttribute('aria-pressed', String(mode === 'rows'));
    jsonButton.setAttribute('aria-pressed', String(mode === 'json'));
  }

  const problem = h('small', { class: 'field-error', 'aria-live': 'polite' });
  const guard = (next) => () => {
    try {
      problem.textContent = '';
      switchTo(next);
    } catch (error) {
      problem.textContent = error.message;
    }
  };
  rowsButton.addEventListener('click', guard('rows'));
  jsonButton.addEventListener('click', guard('json'));
  add.addEventListener('click', () => {
    const added = row('', {});
    rows.append(added);
    added.querySelector('.schema-name').focus();
  });
  fill(schema || {});
  const element = h('div', { class: 'schema-editor', id: `${id}-editor` },
    h('div', { class: 'schema-editor__bar' }, h('div', { class: 'tabs', role: 'group', 'aria-label': 'Edit as' }, rowsButton, jsonButton), add),
    rows, json, problem);
  return { element, value: () => (mode === 'rows' ? fromRows() : fromJson()) };
}
