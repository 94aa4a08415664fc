import { el } from './dom.js';

// The list's filters live in the page's URL (/?connection=pg&status=done), so a filtered list can be
// bookmarked and shared, and Back returns to the previous one. They are hoop's list filters and go
// to the API as they are; the start window is entered in local time and sent as RFC 3339 UTC.

export const names = ['connection', 'status', 'user', 'review.status', 'start_date', 'end_date', 'offset', 'view'];

/** The filters in the page's URL. */
export function current() {
  const query = new URLSearchParams(window.location.search);
  return Object.fromEntries(names.filter((name) => query.get(name)).map((name) => [name, query.get(name)]));
}

/** Moves to a list with these filters, as a new history entry. */
export function navigate(filters) {
  const query = new URLSearchParams();
  for (const name of names) {
    if (filters[name]) query.set(name, filters[name]);
  }
  const search = query.toString();
  window.history.pushState(null, '', search ? `/?${search}` : '/');
  window.dispatchEvent(new PopStateEvent('popstate'));
}

function field(label, control) {
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control);
}

function choice(id, options, value) {
  const select = el('select', { id });
  for (const [optionValue, text] of options) {
    select.append(el('option', { value: optionValue, selected: optionValue === (value ?? '') }, text));
  }
  return select;
}

function localTime(value) {
  // datetime-local wants local time without a zone; the URL keeps UTC.
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function utc(value) {
  return value ? new Date(value).toISOString() : '';
}

/** The filter form; applying it navigates, so the list is drawn from the URL alone. */
export function filterForm(filters, connections) {
  const connection = el('input', { id: 'filter-connection', list: 'connection-names', value: filters.connection ?? '', spellcheck: 'false', autocomplete: 'off' });
  const status = choice('filter-status', [['', 'any'], ['open', 'open (waiting for review)'], ['ready', 'ready (approved)'], ['running', 'running'], ['done', 'done']], filters.status);
  const user = el('input', { id: 'filter-user', value: filters.user ?? '', spellcheck: 'false', autocomplete: 'off' });
  const review = choice('filter-review', [['', 'any'], ['PENDING', 'pending'], ['APPROVED', 'approved'], ['REJECTED', 'rejected']], filters['review.status']);
  const after = el('input', { id: 'filter-after', type: 'datetime-local', value: localTime(filters.start_date) });
  const before = el('input', { id: 'filter-before', type: 'datetime-local', value: localTime(filters.end_date) });
  const names = el('datalist', { id: 'connection-names' }, ...connections.map((name) => el('option', { value: name })));
  const clear = el('button', { type: 'button' }, 'Clear');
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter sessions' },
    field('Connection', connection), field('Status', status), field('User', user), field('Review', review),
    field('Started after', after), field('Started before', before),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Filter'), clear), names);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate({
      view: filters.view,
      connection: connection.value.trim(),
      status: status.value,
      user: user.value.trim(),
      'review.status': review.value,
      start_date: utc(after.value),
      end_date: utc(before.value),
    });
  });
  clear.addEventListener('click', () => navigate({ view: filters.view }));
  return form;
}
