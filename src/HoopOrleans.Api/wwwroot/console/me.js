import { json, ApiError } from './api.js';
import { getKey } from './key.js';

// Who the key is (GET /api/userinfo), asked once per key: the console shows only the buttons its
// roles allow. The API still decides every call itself; this only spares people buttons that fail.

let asked = { key: null, answer: null };

/** The caller, or { needsKey: true } when the node wants a key this tab does not have (or has wrong). */
export async function whoAmI() {
  const key = getKey();
  if (asked.key !== key || asked.answer === null) {
    asked = { key, answer: load() };
  }
  return asked.answer;
}

async function load() {
  try {
    const { body } = await json('/api/userinfo');
    const groups = new Set(body.groups);
    return {
      name: body.name,
      anonymous: body.is_anonymous,
      canRun: groups.has('admin') || groups.has('user'),
      canReview: groups.has('admin') || groups.has('reviewer'),
      isAdmin: groups.has('admin'),
      connections: body.connections,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { needsKey: true, message: getKey() ? 'That key was refused.' : 'This node needs an API key.' };
    }
    throw error;
  }
}

/** Whether the caller may kill or run this session: their own, or any as an admin. */
export function owns(me, session) {
  return me.isAdmin || me.anonymous || session.user === me.name;
}
