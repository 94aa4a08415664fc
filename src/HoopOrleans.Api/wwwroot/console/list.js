import { badge, duration, el, isLive, replace, sessionPath, when } from './dom.js';
import { json } from './api.js';
import { navigate } from './filters.js';

// Sessions newest first, as the API lists them, a page at a time, with hoop's filters. The count is
// the API's capped one: past 10,000 it says "10000+" rather than counting every row.

const pageSize = 50;
const columns = ['session', 'status', 'connection', 'user', 'exit code', 'duration', 'started', 'review'];

function query(filters, me) {
  const query = new URLSearchParams({ limit: String(pageSize), offset: filters.offset ?? '0', count: 'capped' });
  for (const name of ['connection', 'status', 'user', 'review.status', 'start_date', 'end_date']) {
    if (filters[name]) query.set(name, filters[name]);
  }
  if (filters.view === 'review') {
    // "Waiting for me": what this key may approve and nobody has decided yet.
    query.set('review.approver', me.name);
    query.set('review.status', 'PENDING');
  }
  return query;
}

function row(session) {
  const status = el('td', { class: `status-${session.status}` }, session.status);
  if (isLive(session)) status.append(' ', badge('live', 'live'));
  const review = session.review ? badge(session.review.status.toLowerCase(), `review-${session.review.status.toLowerCase()}`) : '';
  return el('tr', {},
    el('td', {}, el('a', { href: sessionPath(session.id) }, session.id)),
    status,
    el('td', {}, session.connection),
    el('td', {}, session.user),
    el('td', {}, session.status === 'done' ? session.exit_code : ''),
    el('td', {}, session.status === 'done' || isLive(session) ? duration(session) : ''),
    el('td', {}, when(session.start_date)),
    el('td', {}, review));
}

/** Fills the container with the page of sessions the filters name. */
export async function showList(container, filters, me, signal) {
  replace(container, el('p', { class: 'muted' }, 'Loading sessions…'));
  let page;
  try {
    ({ body: page } = await json(`/api/sessions?${query(filters, me)}`, { signal }));
  } catch (error) {
    if (!signal.aborted) replace(container, el('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }

  const offset = Number(filters.offset ?? 0);
  const table = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Sessions' },
    el('table', { class: 'sessions' },
      el('thead', {}, el('tr', {}, ...columns.map((name) => el('th', { scope: 'col' }, name)))),
      el('tbody', {}, ...page.data.map(row))));

  const moves = el('nav', { class: 'actions', 'aria-label': 'Pages' });
  const go = (to) => navigate({ ...filters, offset: to > 0 ? String(to) : '' });
  if (offset > 0) {
    const newer = el('button', { type: 'button' }, 'Newer');
    newer.addEventListener('click', () => go(Math.max(0, offset - pageSize)));
    moves.append(newer);
  }
  if (page.has_next_page) {
    const older = el('button', { type: 'button' }, 'Older');
    older.addEventListener('click', () => go(offset + pageSize));
    moves.append(older);
  }

  const shown = page.data.length ? `${offset + 1}–${offset + page.data.length}` : '0';
  const total = page.total === null || page.total === undefined ? '' : ` of ${page.total}${page.total_is_capped ? '+' : ''}`;
  const empty = filters.view === 'review' ? 'Nothing waits for your review.' : 'No sessions match.';
  replace(container,
    page.data.length ? table : el('p', { class: 'muted' }, empty),
    el('p', { class: 'muted count' }, `sessions ${shown}${total}`),
    moves);
}
