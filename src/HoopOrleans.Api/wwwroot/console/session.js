import { badge, duration, el, isLive, replace, when } from './dom.js';
import { json, sessionUrl } from './api.js';
import { downloadOutput } from './download.js';
import { owns } from './me.js';
import { OutputView } from './output.js';
import { reviewPanel } from './review.js';
import { follow } from './stream.js';

// One session: what ran, where and by whom, its review, its output (live while it runs) and the
// actions the key may take on it. A session waiting for a review or for its exec is read again
// every few seconds, so the page moves on when someone else decides.

const waiting = new Set(['open', 'ready']);
const recheck = 5000;

function pairs(items) {
  return Object.entries(items ?? {}).map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

function list(values) {
  return values.length ? el('ul', { class: 'plain' }, ...values.map((value) => el('li', {}, value))) : '';
}

function facts(session) {
  const status = el('span', {}, session.status);
  if (isLive(session)) status.append(' ', badge('live', 'live'));
  const rows = [
    ['status', status],
    ['output status', session.output_status],
    ['exit code', session.status === 'done' ? session.exit_code : ''],
    ['connection', session.connection],
    ['user', session.user],
    ['started', when(session.start_date)],
    ['ended', when(session.end_date)],
    ['duration', session.status === 'done' || isLive(session) ? duration(session) : ''],
    ['node', session.silo],
    ['failure', session.failure_reason],
    ['arguments', list(session.client_args ?? [])],
    ['metadata', list(pairs(session.metadata))],
    ['labels', list(pairs(session.labels))],
  ];
  // Facts a session does not have (yet) are left out rather than shown empty.
  const present = rows.filter(([, value]) => value !== '' && value !== null && value !== undefined);
  return el('dl', { class: 'facts' }, ...present.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

function button(text, onClick) {
  const node = el('button', { type: 'button' }, text);
  node.addEventListener('click', onClick);
  return node;
}

/** Reads a waiting session again until its state moves, then draws it anew (not before: a reviewer may be typing). */
function watch(session, signal, onMoved) {
  const state = (s) => `${s.status}/${s.review?.status}`;
  const check = async () => {
    if (signal.aborted) return;
    try {
      const { body } = await json(sessionUrl(session.id), { signal });
      if (state(body) !== state(session)) {
        onMoved();
        return;
      }
    } catch {
      // A failed read (a restart, a dropped network) is tried again at the next turn.
    }
    if (!signal.aborted) setTimeout(check, recheck);
  };
  setTimeout(check, recheck);
}

/** Shows the session; while it runs, follows its output and shows the result when it comes. */
export async function showSession(container, id, me, signal) {
  replace(container, el('p', { class: 'muted' }, 'Loading…'));
  let session;
  try {
    ({ body: session } = await json(sessionUrl(id), { signal }));
  } catch (error) {
    if (!signal.aborted) replace(container, el('h1', {}, 'Session'), el('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }

  const again = () => showSession(container, id, me, signal);
  const about = el('div', {}, facts(session));
  const output = new OutputView();
  const notice = el('p', { class: 'muted', 'aria-live': 'polite' });
  const mayAct = me.canRun && owns(me, session);
  const kill = button('Kill', async () => {
    kill.disabled = true;
    try {
      await json(sessionUrl(id, '/kill'), { method: 'POST' });
      notice.textContent = 'Kill sent.';
    } catch (error) {
      notice.textContent = error.message;
      kill.disabled = false;
    }
  });
  kill.hidden = !(mayAct && (isLive(session) || waiting.has(session.status)));
  const exec = button('Run now', async () => {
    exec.disabled = true;
    try {
      await json(sessionUrl(id, '/exec?wait=1'), { method: 'POST' });
      again();
    } catch (error) {
      notice.textContent = error.message;
      exec.disabled = false;
    }
  });
  exec.hidden = !(mayAct && session.status === 'ready');
  const download = button('Download output', async () => {
    try {
      await downloadOutput(id);
    } catch (error) {
      notice.textContent = error.message;
    }
  });
  download.hidden = waiting.has(session.status);

  replace(container,
    el('h1', {}, 'Session ', el('code', {}, session.id)),
    about,
    session.review ? reviewPanel(session, me, again) : '',
    el('div', { class: 'actions' }, kill, exec),
    el('h2', {}, 'Script'), el('pre', { class: 'script', tabindex: '0', role: 'region', 'aria-label': 'Script' }, session.script?.data ?? ''),
    el('h2', {}, 'Output'), el('div', { class: 'actions' }, download), output.toolbar, output.pre, notice);

  if (waiting.has(session.status)) {
    notice.textContent = session.status === 'open' ? 'Waiting for a review.' : 'Approved: waiting to be run.';
    watch(session, signal, again);
    return;
  }

  if (!isLive(session)) {
    output.set(session.output ?? '');
    if (session.truncated) notice.textContent = 'The output was truncated.';
    return;
  }

  // The stream starts from the first byte, so the output is the stream's alone.
  notice.textContent = 'Running…';
  try {
    await follow(id, {
      signal,
      onOutput: (text) => output.append(text),
      onResult: () => { notice.textContent = ''; },
    });
    const { body: done } = await json(sessionUrl(id), { signal });
    replace(about, facts(done));
    kill.hidden = true;
    download.hidden = false;
    if (done.truncated) notice.textContent = 'The output was truncated.';
  } catch (error) {
    if (!signal.aborted) notice.textContent = `Live output stopped: ${error.message}`;
  }
}
