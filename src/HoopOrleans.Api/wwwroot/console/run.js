import { el, replace, sessionPath } from './dom.js';
import { json } from './api.js';
import { OutputView } from './output.js';

// Starts a run: connection, script and arguments (one per line, each a separate argv entry, never
// shell text). The POST waits a little: a quick script's answer is shown here; a longer one comes
// back 202 and the page opens the session, which follows its output live. The wait is short
// because nothing shows while it lasts: at 2 s, a script that printed at once and ended at 2 s
// showed its first line only when it had finished (the browser tests caught it).

const wait = 1;

export function runForm(known) {
  const connection = el('input', { id: 'run-connection', required: true, list: 'run-connections', spellcheck: 'false', autocomplete: 'off',
    value: known.length === 1 ? known[0].name : '' });
  const names = el('datalist', { id: 'run-connections' },
    ...known.map((item) => el('option', { value: item.name }, item.status === 'online' ? item.name : `${item.name} (${item.status})`)));
  const script = el('textarea', { id: 'run-script', spellcheck: 'false' });
  const args = el('textarea', { id: 'run-args', spellcheck: 'false', rows: '2', 'aria-describedby': 'run-args-help' });
  const submit = el('button', { type: 'submit' }, 'Run');
  const answer = el('div', { class: 'answer', 'aria-live': 'polite' });
  const form = el('form', { class: 'run', 'aria-label': 'Run a script' },
    el('label', { for: 'run-connection' }, 'Connection'), connection, names,
    el('label', { for: 'run-script' }, 'Script'), script,
    el('label', { for: 'run-args' }, 'Arguments'), args,
    el('p', { id: 'run-args-help', class: 'muted hint' }, 'One argument per line, passed to the connection\'s command as they are.'),
    el('div', { class: 'actions' }, submit),
    answer);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(answer, el('p', { class: 'muted' }, 'Running…'));
    const body = { connection: connection.value.trim(), script: script.value };
    const argv = args.value.split('\n').filter((line) => line !== '');
    if (argv.length) body.client_args = argv;
    try {
      const { status, body: result } = await json(`/api/sessions?wait=${wait}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (status === 202) {
        // Still running (or waiting for a review): its page follows it. The Location is the API's.
        window.location.assign(sessionPath(result.session_id));
        return;
      }
      const output = new OutputView();
      output.set(result.output);
      replace(answer,
        el('p', {}, 'Session ', el('a', { href: sessionPath(result.session_id) }, result.session_id),
          `: ${result.output_status}, exit code ${result.exit_code}${result.truncated ? ' (output truncated)' : ''}`),
        output.toolbar, output.pre);
    } catch (error) {
      replace(answer, el('p', { class: 'error', role: 'alert' }, error.message));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
