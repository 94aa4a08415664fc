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
