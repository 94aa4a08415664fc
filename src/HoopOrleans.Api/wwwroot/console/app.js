import { el, replace } from './dom.js';
import { bindKeyBox } from './key.js';
import { showList } from './list.js';
import { runForm } from './run.js';
import { showSession } from './session.js';

// The console's one entry: the path picks the view (/ or /sessions/{id}); links are ordinary
// page loads, so the server serves the same page at both and every URL can be bookmarked.

const main = document.getElementById('main');
let current = new AbortController();

function sessionId() {
  const match = /^\/sessions\/([^/]+)$/.exec(window.location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function render() {
  current.abort();
  current = new AbortController();
  const id = sessionId();
  if (id !== null) {
    const view = el('section');
    replace(main, el('p', {}, el('a', { href: '/' }, '← all sessions')), view);
    showSession(view, id, current.signal);
    return;
  }

  const list = el('section');
  replace(main, el('h1', {}, 'Run a script'), runForm(), el('h1', {}, 'Sessions'), list);
  showList(list);
}

// A new key may see other sessions: draw the view again with it.
bindKeyBox(render);
render();
