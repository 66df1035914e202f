// The console's only way to the server: the public HTTP API with the session token.
// The token lives in sessionStorage, so it dies with the tab and is never sent as a cookie.

const TOKEN = 'hollerith.token';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `Request failed (HTTP ${status})`);
    this.status = status;
    this.fields = (body && body.errors) || {};
  }

  /** The message with its field errors, as one line a person can act on. */
  describe() {
    const details = Object.entries(this.fields).map(([name, problems]) => `${name} ${[].concat(problems).join(', ')}`);
    return details.length ? `${this.message}: ${details.join('; ')}` : this.message;
  }
}

/** The server could not be reached at all (the browser is offline or the network is down). */
export class OfflineError extends Error {
  constructor() {
    super('The server cannot be reached: check the network connection.');
    this.status = 0;
    this.offline = true;
    this.fields = {};
  }

  describe() {
    return this.message;
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  keep: (token) => sessionStorage.setItem(TOKEN, token),
  forget: () => sessionStorage.removeItem(TOKEN),
};

let onUnauthenticated = () => {};
export function whenUnauthenticated(callback) {
  onUnauthenticated = callback;
}

let onReachability = () => {};
/** Told true/false whenever a request reaches the server or fails to. */
export function whenReachabilityChanges(callback) {
  onReachability = callback;
}

/** A random Idempotency-Key; getRandomValues works on plain-HTTP installations too (randomUUID does not). */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Answers {status, body, headers}; throws ApiError for 4xx/5xx, OfflineError when nothing answers; a 401 also ends the session. */
export async function call(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json', ...extraHeaders };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    onReachability(false);
    throw new OfflineError();
  }
  onReachability(true);
  const text = response.status === 204 || response.status === 304 ? '' : await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: text.slice(0, 200) };
    }
  }
  if (response.status === 401 && path !== '/dashboard/sessions') {
    session.forget();
    onUnauthenticated();
  }
  if (!response.ok && response.status !== 304) throw new ApiError(response.status, parsed);
  return { status: response.status, body: parsed, headers: response.headers };
}

export const api = {
  get: (path, headers) => call('GET', path, undefined, headers),
  /** Every POST carries an Idempotency-Key: a retried request is answered, never carried out twice. */
  post: (path, body, key = newIdempotencyKey()) => call('POST', path, body === undefined ? {} : body, { 'Idempotency-Key': key }),
  put: (path, body) => call('PUT', path, body),
  patch: (path, body) => call('PATCH', path, body),
  delete: (path) => call('DELETE', path),
  data: async (path) => (await call('GET', path)).body.data,
  /** Every page of a list endpoint (limit/offset, at most 200 a page), up to `max` rows. */
  all: async (path, max = 5000) => {
    const rows = [];
    const joiner = path.includes('?') ? '&' : '?';
    for (let offset = 0; offset < max; offset += 200) {
      const page = (await call('GET', `${path}${joiner}limit=200&offset=${offset}`)).body.data;
      rows.push(...page);
      if (page.length < 200) break;
    }
    return rows;
  },
};

export const enc = encodeURIComponent;
