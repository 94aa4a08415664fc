// Builds elements without ever parsing markup: every text from the API (scripts, output, names)
// goes in as a text node, so none of it can become a tag, an attribute or a script.

/** An element with attributes (set one by one, never as markup) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** Empties a node and fills it with the given children. */
export function replace(node, ...children) {
  node.replaceChildren(...children.filter((child) => child !== undefined && child !== null));
}

/** The path of a session's page; the id is encoded so a strange id cannot leave the path. */
export function sessionPath(id) {
  return `/sessions/${encodeURIComponent(id)}`;
}

/** A time as the browser's locale writes it, or an empty text when there is none. */
export function when(value) {
  return value ? new Date(value).toLocaleString() : '';
}

/** How long a session ran (or has run so far): "850 ms", "12.3 s", "4 min 5 s", "2 h 3 min". */
export function duration(session) {
  const start = Date.parse(session.start_date);
  if (Number.isNaN(start)) {
    return '';
  }
  const end = session.end_date ? Date.parse(session.end_date) : Date.now();
  const ms = Math.max(0, end - start);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor(seconds / 60) % 60} min`;
}

/** A small label: "live" for a running session, a review's state. */
export function badge(text, kind) {
  return el('span', { class: `badge badge-${kind}` }, text);
}

/** Whether a session's run may still produce output. */
export function isLive(session) {
  return session.status === 'running';
}
