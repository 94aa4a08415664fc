import { getKey } from './key.js';

// Every call to the API goes through here, so the key is sent one way only: the Authorization header.

/** Thrown for an answer that is not a success; message is the API's own {"message": …}. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function headers(extra = {}) {
  const key = getKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

/** fetch() with the key, same-origin only, and no cookies (the API uses none). */
export function call(path, options = {}) {
  return fetch(path, {
    ...options,
    headers: headers(options.headers),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string') {
      message = `${response.status}: ${body.message}`;
    }
  } catch {
    // Not JSON (a proxy's page, say): the status says enough.
  }
  return new ApiError(response.status, message);
}

/** The JSON body of a successful answer, with the status; anything else throws an ApiError. */
export async function json(path, options = {}) {
  const response = await call(path, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  if (!response.ok) {
    throw await failure(response);
  }
  const body = response.status === 204 ? null : await response.json();
  return { status: response.status, body, location: response.headers.get('Location') };
}

export function sessionUrl(id, rest = '') {
  return `/api/sessions/${encodeURIComponent(id)}${rest}`;
}
