import { el, replace, when } from './dom.js';
import { json, sessionUrl } from './api.js';
import { follow } from './stream.js';

// One session: what ran, where and by whom, its output (live while it runs) and a kill button.

const running = new Set(['open', 'ready', 'running']);

function facts(session) {
  const pairs = [
    ['status', session.status],
    ['output status', session.output_status],
    ['exit code', session.status === 'done' ? session.exit_code : ''],
    ['connection', session.connection],
    ['user', session.user],
    ['started', when(session.start_date)],
    ['ended', when(session.end_date)],
    ['failure', session.failure_reason],
  ];
  return el('dl', { class: 'facts' }, ...pairs.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value ?? '')]));
}

/** Shows the session; while it runs, follows its output and shows the result when it comes. */
export async function showSession(container, id, signal) {
  replace(container, el('p', { class: 'muted' }, 'Loading…'));
  let session;
  try {
    ({ body: session } = await json(sessionUrl(id), { signal }));
  } catch (error) {
    replace(container, el('h1', {}, 'Session'), el('p', { class: 'error' }, error.message));
    return;
  }

  const about = el('div', {}, facts(session));
  const output = el('pre', { class: 'output' });
  const notice = el('p', { class: 'muted' });
  const kill = el('button', { type: 'button' }, 'Kill');
  kill.hidden = !running.has(session.status);
  kill.addEventListener('click', async () => {
    kill.disabled = true;
    try {
      await json(sessionUrl(id, '/kill'), { method: 'POST' });
      notice.textContent = 'Kill sent.';
    } catch (error) {
      notice.textContent = error.message;
      kill.disabled = false;
    }
  });

  replace(container,
    el('h1', {}, 'Session ', el('code', {}, session.id)),
    about,
    el('div', { class: 'actions' }, kill),
    el('h2', {}, 'Script'), el('pre', { class: 'script' }, session.script?.data ?? ''),
    el('h2', {}, 'Output'), output, notice);

  if (!running.has(session.status)) {
    output.textContent = session.output ?? '';
    if (session.truncated) {
      notice.textContent = 'The output was truncated.';
    }
    return;
  }

  // The stream starts from the first byte, so the output is the stream's alone.
  notice.textContent = 'Running…';
  try {
    await follow(id, {
      signal,
      onOutput: (text) => output.append(document.createTextNode(text)),
      onResult: () => { notice.textContent = ''; },
    });
    const { body: done } = await json(sessionUrl(id), { signal });
    replace(about, facts(done));
    kill.hidden = !running.has(done.status);
  } catch (error) {
    if (!signal.aborted) {
      notice.textContent = `Live output stopped: ${error.message}`;
    }
  }
}
