import { el, replace, sessionPath, when } from './dom.js';
import { json } from './api.js';

// The newest sessions first, as the API lists them, one page at a time.

const pageSize = 50;

/** Fills the container with a page of sessions starting at offset, with links to move between pages. */
export async function showList(container, offset = 0) {
  replace(container, el('p', { class: 'muted' }, 'Loading sessions…'));
  let page;
  try {
    ({ body: page } = await json(`/api/sessions?limit=${pageSize}&offset=${offset}`));
  } catch (error) {
    replace(container, el('p', { class: 'error' }, error.message));
    return;
  }

  const rows = page.data.map((session) => el('tr', {},
    el('td', {}, el('a', { href: sessionPath(session.id) }, session.id)),
    el('td', { class: `status-${session.status}` }, session.status),
    el('td', {}, session.connection),
    el('td', {}, session.user),
    el('td', {}, session.status === 'done' ? session.exit_code : ''),
    el('td', {}, when(session.start_date))));
  const table = el('table', {},
    el('thead', {}, el('tr', {}, ...['session', 'status', 'connection', 'user', 'exit code', 'started'].map((name) => el('th', {}, name)))),
    el('tbody', {}, ...rows));

  const more = el('div', { class: 'actions' });
  if (offset > 0) {
    const back = el('button', { type: 'button' }, 'Newer');
    back.addEventListener('click', () => showList(container, Math.max(0, offset - pageSize)));
    more.append(back);
  }
  if (page.has_next_page) {
    const next = el('button', { type: 'button' }, 'Older');
    next.addEventListener('click', () => showList(container, offset + pageSize));
    more.append(next);
  }
  const total = page.total === null ? '' : `${page.total}${page.total_is_capped ? '+' : ''} sessions`;
  replace(container, rows.length ? table : el('p', { class: 'muted' }, 'No sessions yet.'), more, el('p', { class: 'muted' }, total));
}
