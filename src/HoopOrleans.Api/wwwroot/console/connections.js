import { json } from './api.js';

// The connections this key may use (GET /api/connections), for the run form's picker and the list's
// filter. A node that cannot list them still takes a typed name, so a failure here only empties the
// suggestions.

/** [{ name, status }] sorted by name; empty when the node does not say. */
export async function connections() {
  try {
    const { body } = await json('/api/connections');
    const items = Array.isArray(body) ? body : body?.data ?? [];
    return items
      .map((item) => ({ name: String(item.name), status: item.status ?? 'online' }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}
