import { el, replace } from './dom.js';
import { bindKeyBox, focusKey } from './key.js';
import { connections } from './connections.js';
import { current, filterForm, navigate } from './filters.js';
import { showList } from './list.js';
import { whoAmI } from './me.js';
import { runForm } from './run.js';
import { showSession } from './session.js';

// The console's one entry: the path picks the view (/ or /sessions/{id}); filters are the list's
// query string. A session's link is an ordinary page load, so every URL can be bookmarked.

const main = document.getElementById('main');
let pending = new AbortController();

function sessionId() {
  const match = /^\/sessions\/([^/]+)$/.exec(window.location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function views(filters, me) {
  const link = (view, text) => {
    const active = (filters.view ?? '') === view;
    const node = el('a', { href: view ? `/?view=${view}` : '/', 'aria-current': active ? 'page' : false }, text);
    node.addEventListener('click', (event) => { event.preventDefault(); navigate({ view }); });
    return node;
  };
  return el('nav', { class: 'views', 'aria-label': 'Views' }, link('', 'All sessions'), me.canReview ? link('review', 'Waiting for me') : '');
}

async function render() {
  pending.abort();
  pending = new AbortController();
  const signal = pending.signal;
  let me;
  try {
    me = await whoAmI();
  } catch (error) {
    replace(main, el('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }
  if (signal.aborted) return;
  if (me.needsKey) {
    replace(main, el('h1', {}, 'API key needed'), el('p', { role: 'alert' }, `${me.message} Enter one above; it is kept for this tab only.`));
    focusKey();
    return;
  }

  const id = sessionId();
  if (id !== null) {
    const view = el('section');
    replace(main, el('p', {}, el('a', { href: '/' }, '← all sessions')), view);
    showSession(view, id, me, signal);
    return;
  }

  const filters = current();
  const known = await connections();
  if (signal.aborted) return;
  const list = el('section', { 'aria-label': 'Session list' });
  replace(main,
    me.canRun && filters.view !== 'review' ? el('h1', {}, 'Run a script') : '',
    me.canRun && filters.view !== 'review' ? runForm(known) : '',
    el('h1', {}, filters.view === 'review' ? 'Waiting for my review' : 'Sessions'),
    views(filters, me),
    filterForm(filters, known.map((item) => item.name)),
    list);
  showList(list, filters, me, signal);
}

window.addEventListener('popstate', render);
// A new key may see other sessions and allow other buttons: draw the view again with it.
bindKeyBox(render);
render();
