import { call, sessionUrl, ApiError } from './api.js';

// Live output through fetch() and a reader rather than EventSource: EventSource cannot send an
// Authorization header, and the key must never go in the URL.

/** Parses Server-Sent Events from a byte stream, calling onEvent({id, event, data}) for each. */
async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let current = { id: null, event: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      if (line === '') {
        if (current.data.length > 0) {
          onEvent({ id: current.id, event: current.event, data: current.data.join('\n') });
        }
        current = { id: current.id, event: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) {
        continue; // keep-alive comment
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') {
        current.id = text;
      } else if (field === 'event') {
        current.event = text;
      } else if (field === 'data') {
        current.data.push(text);
      }
    }
  }
}

/**
 * Follows a session's output until its result: onOutput(text) for each piece, onResult(result)
 * once. A connection that drops is opened again with Last-Event-ID, so no byte is shown twice or
 * lost; after a few drops in a row it gives up and throws.
 */
export async function follow(id, { onOutput, onResult, signal }) {
  let lastId = null;
  let failures = 0;
  while (!signal.aborted) {
    let finished = false;
    try {
      const headers = { Accept: 'text/event-stream' };
      if (lastId !== null) {
        headers['Last-Event-ID'] = lastId;
      }
      const response = await call(sessionUrl(id, '/stream'), { headers, signal });
      if (!response.ok) {
        throw new ApiError(response.status, `the stream answered ${response.status}`);
      }
      await readEvents(response.body, (event) => {
        failures = 0;
        if (event.event === 'output') {
          lastId = event.id;
          onOutput(JSON.parse(event.data).output);
        } else if (event.event === 'result') {
          finished = true;
          onResult(JSON.parse(event.data));
        }
      });
    } catch (error) {
      if (signal.aborted || error instanceof ApiError || ++failures > 3) {
        throw error;
      }
    }
    if (finished) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
