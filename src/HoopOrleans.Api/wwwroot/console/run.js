import { el, replace, sessionPath } from './dom.js';
import { json } from './api.js';

// Starts a run. The POST waits a little: a quick script's answer is shown here; a longer one comes
// back 202 and the page follows its Location to the session's live output. The wait is short
// because nothing shows while it lasts: at 2 s, a script that printed at once and ended at 2 s
// showed its first line only when it had finished (the browser tests caught it).

const wait = 1;

export function runForm() {
  const connection = el('input', { id: 'run-connection', required: true, placeholder: 'bash', spellcheck: 'false' });
  const script = el('textarea', { id: 'run-script', spellcheck: 'false' });
  const submit = el('button', { type: 'submit' }, 'Run');
  const answer = el('div', { class: 'answer' });
  const form = el('form', { class: 'run' },
    el('label', { for: 'run-connection' }, 'Connection'), connection,
    el('label', { for: 'run-script' }, 'Script'), script,
    el('div', { class: 'actions' }, submit),
    answer);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(answer, el('p', { class: 'muted' }, 'Running…'));
    try {
      const { status, body } = await json(`/api/sessions?wait=${wait}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ connection: connection.value.trim(), script: script.value }),
      });
      if (status === 202) {
        // The Location is the API's (/api/sessions/{id}); the page for it is /sessions/{id}.
        window.location.assign(sessionPath(body.session_id));
        return;
      }
      replace(answer,
        el('p', {}, 'Session ', el('a', { href: sessionPath(body.session_id) }, body.session_id),
          `: ${body.output_status}, exit code ${body.exit_code}${body.truncated ? ' (output truncated)' : ''}`),
        el('pre', {}, body.output));
    } catch (error) {
      replace(answer, el('p', { class: 'error' }, error.message));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
