// The API key lives in this tab's sessionStorage only: gone when the tab closes, never in
// localStorage, a cookie or a URL (where history, logs and Referer headers would keep it).

const name = 'hoop.apiKey';

export function getKey() {
  return sessionStorage.getItem(name) || '';
}

export function setKey(key) {
  if (key) {
    sessionStorage.setItem(name, key);
  } else {
    sessionStorage.removeItem(name);
  }
}

export function forgetKey() {
  sessionStorage.removeItem(name);
}

/** Wires the header's key box: the key is never shown back, only whether one is set. */
export function bindKeyBox(onChange) {
  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  const state = document.getElementById('key-state');
  const show = () => { state.textContent = getKey() ? 'key set for this tab' : 'no key'; };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setKey(input.value.trim());
    input.value = '';
    show();
    onChange();
  });
  document.getElementById('key-forget').addEventListener('click', () => {
    forgetKey();
    input.value = '';
    show();
    onChange();
  });
  show();
}

/** Puts the cursor in the key box, for a page that cannot go on without a key. */
export function focusKey() {
  document.getElementById('key-input').focus();
}
