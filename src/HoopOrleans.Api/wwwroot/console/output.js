import { el } from './dom.js';
import { AnsiParser, isPlain, styleSpan } from './ansi.js';

// A session's output as lines, ANSI colours rendered. All lines stay in memory (the API caps output
// at a few MiB), but at most `windowSize` are in the DOM: while a big output streams, the window
// follows the end and drops its oldest lines; "Earlier" and "Later" move it. Appends are batched
// per animation frame, so a fast stream costs one layout per frame and the page keeps answering.

export const windowSize = 5000;

export class OutputView {
  #lines = [[]]; // each line: [{ text, style }]; the last one is still open
  #parser = new AnsiParser();
  #first = 0; // index of the window's first line
  #shown = 0; // lines of the window in the DOM
  #following = true;
  #scheduled = false;
  #openNode = null; // the DOM node of the open last line, rewritten as it grows

  constructor() {
    this.pre = el('pre', { class: 'output', tabindex: '0', role: 'region', 'aria-label': 'Output' });
    this.range = el('span', { class: 'muted range', 'aria-live': 'off' });
    this.earlier = el('button', { type: 'button' }, 'Earlier lines');
    this.later = el('button', { type: 'button' }, 'Later lines');
    this.latest = el('button', { type: 'button' }, 'Latest');
    this.earlier.addEventListener('click', () => this.#move(this.#first - windowSize));
    this.later.addEventListener('click', () => this.#move(this.#first + windowSize));
    this.latest.addEventListener('click', () => this.#move(Infinity));
    this.toolbar = el('div', { class: 'actions output-bar' }, this.earlier, this.later, this.latest, this.range);
    this.#update();
  }

  /** Adds output as it comes; the DOM catches up on the next frame. */
  append(text) {
    for (const run of this.#parser.parse(text)) {
      const parts = run.text.replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((part, index) => {
        if (index > 0) this.#lines.push([]);
        if (part) this.#lines[this.#lines.length - 1].push({ text: part, style: run.style });
      });
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      requestAnimationFrame(() => { this.#scheduled = false; this.#render(); });
    }
  }

  /** Replaces everything with a finished session's output. */
  set(text) {
    this.#lines = [[]];
    this.#parser = new AnsiParser();
    this.pre.replaceChildren();
    this.#first = this.#shown = 0;
    this.#openNode = null;
    this.#following = true;
    this.append(text);
  }

  get lineCount() {
    const last = this.#lines[this.#lines.length - 1];
    return this.#lines.length - (last.length === 0 ? 1 : 0);
  }

  /** A line's node; a finished line ends with its newline, so the output's text is exactly what ran printed. */
  #lineNode(index) {
    const line = this.#lines[index];
    const node = el('div', { class: 'line' });
    for (const run of line) {
      if (isPlain(run.style)) {
        node.append(run.text);
      } else {
        const span = el('span', {}, run.text);
        styleSpan(span, run.style);
        node.append(span);
      }
    }
    if (index < this.#lines.length - 1) node.append('\n');
    return node;
  }

  #render() {
    if (!this.#following) {
      this.#update();
      return;
    }
    const atBottom = this.pre.scrollTop + this.pre.clientHeight >= this.pre.scrollHeight - 4;
    const total = this.lineCount;
    // The open line's node is redrawn: it may have grown since the last frame.
    if (this.#openNode && this.#shown > 0) {
      this.#openNode.remove();
      this.#shown--;
    }
    const next = this.#first + this.#shown;
    const fragment = document.createDocumentFragment();
    const start = Math.max(next, total - windowSize);
    if (start > next) {
      // More new lines than the window holds: start the window afresh.
      this.pre.replaceChildren();
      this.#first = start;
      this.#shown = 0;
    }
    for (let i = start; i < total; i++) {
      fragment.append(this.#lineNode(i));
    }
    const openNode = fragment.lastChild;
    this.pre.append(fragment);
    this.#shown += total - start;
    this.#openNode = this.#lines.length === total ? openNode : null; // the last line has no newline yet
    while (this.#shown > windowSize) {
      this.pre.firstChild.remove();
      this.#first++;
      this.#shown--;
    }
    if (atBottom) this.pre.scrollTop = this.pre.scrollHeight;
    this.#update();
  }

  #move(first) {
    const total = this.lineCount;
    const last = Math.max(0, total - windowSize);
    const target = Math.max(0, Math.min(first, last));
    this.#following = target >= last;
    this.#first = target;
    this.#openNode = null;
    const end = Math.min(total, target + windowSize);
    const fragment = document.createDocumentFragment();
    for (let i = target; i < end; i++) fragment.append(this.#lineNode(i));
    this.pre.replaceChildren(fragment);
    this.#shown = end - target;
    if (this.#following && this.#lines.length === total && this.#shown > 0) this.#openNode = this.pre.lastChild;
    this.pre.scrollTop = this.#following ? this.pre.scrollHeight : 0;
    this.#update();
  }

  #update() {
    const total = this.lineCount;
    this.earlier.disabled = this.#first === 0;
    this.later.disabled = this.#following || this.#first + this.#shown >= total;
    this.latest.disabled = this.#following;
    this.toolbar.hidden = total <= windowSize;
    this.range.textContent = total === 0 ? '' : `lines ${this.#first + 1}–${this.#first + this.#shown} of ${total}`;
  }
}
