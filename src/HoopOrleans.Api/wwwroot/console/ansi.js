// Turns terminal output into text runs with styles: SGR colours (16, 256 and 24-bit), bold, dim,
// italic, underline and inverse; every other escape (cursor moves, titles, clears) is dropped, so
// what a script prints shows as text and never as anything the page would act on.

const plain = Object.freeze({});

// The longest escape kept across chunks; past it, a script could make every chunk reparse its tail.
const maxCarry = 4096;

// A CSI sequence, an OSC (title) sequence, or another two-byte escape.
const escape = /\x1b(?:\[([0-9;:?]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

// An escape cut at the end of a chunk: kept for the next chunk rather than shown as text.
const incomplete = /\x1b(?:\[[0-9;:?]*|\][^\x07\x1b]*|)$/;

function palette256(n) {
  if (n < 16) {
    return { index: n };
  }
  if (n < 232) {
    const c = n - 16;
    const level = (v) => (v === 0 ? 0 : 55 + v * 40);
    return { rgb: `rgb(${level(Math.floor(c / 36))}, ${level(Math.floor(c / 6) % 6)}, ${level(c % 6)})` };
  }
  const grey = 8 + (n - 232) * 10;
  return { rgb: `rgb(${grey}, ${grey}, ${grey})` };
}

function extended(codes, i) {
  // 38;5;n or 38;2;r;g;b (and the same for 48): the colour and how many codes it took.
  if (codes[i + 1] === 5 && codes.length > i + 2) {
    return [palette256(Math.min(255, codes[i + 2])), 2];
  }
  if (codes[i + 1] === 2 && codes.length > i + 4) {
    const [r, g, b] = codes.slice(i + 2, i + 5).map((v) => Math.min(255, v));
    return [{ rgb: `rgb(${r}, ${g}, ${b})` }, 4];
  }
  return [null, codes.length];
}

function apply(style, parameters) {
  const next = { ...style };
  const codes = parameters === '' ? [0] : parameters.split(/[;:]/).map((part) => Number.parseInt(part || '0', 10) || 0);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) {
      for (const name of Object.keys(next)) delete next[name];
    } else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 22) { delete next.bold; delete next.dim; }
    else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code >= 30 && code <= 37) next.fg = { index: code - 30 };
    else if (code >= 90 && code <= 97) next.fg = { index: code - 90 + 8 };
    else if (code >= 40 && code <= 47) next.bg = { index: code - 40 };
    else if (code >= 100 && code <= 107) next.bg = { index: code - 100 + 8 };
    else if (code === 39) delete next.fg;
    else if (code === 49) delete next.bg;
    else if (code === 38 || code === 48) {
      const [colour, used] = extended(codes, i);
      if (colour) next[code === 38 ? 'fg' : 'bg'] = colour;
      i += used;
    }
  }
  return Object.keys(next).length === 0 ? plain : Object.freeze(next);
}

/** A parser that keeps its style and any cut escape from one chunk to the next. */
export class AnsiParser {
  #style = plain;
  #carry = '';

  /** The chunk's text runs: [{ text, style }], with escapes removed. */
  parse(chunk) {
    let text = this.#carry + chunk;
    this.#carry = '';
    const cut = incomplete.exec(text);
    if (cut && cut[0].length <= maxCarry) {
      this.#carry = cut[0];
      text = text.slice(0, cut.index);
    } else if (cut) {
      // An escape that never ends (a title with no terminator): its ESC goes, its text shows.
      text = text.slice(0, cut.index) + cut[0].slice(1);
    }
    const runs = [];
    let at = 0;
    escape.lastIndex = 0;
    for (let match; (match = escape.exec(text)) !== null;) {
      if (match.index > at) runs.push({ text: text.slice(at, match.index), style: this.#style });
      if (match[2] === 'm') this.#style = apply(this.#style, match[1]);
      at = escape.lastIndex;
    }
    if (at < text.length) runs.push({ text: text.slice(at), style: this.#style });
    return runs;
  }
}

/** Whether a run needs a styled span at all. */
export function isPlain(style) {
  return style === plain;
}

/** Styles a span for a run: classes for the 16 colours and faces, CSSOM for the others (never a style attribute). */
export function styleSpan(span, style) {
  const fg = style.inverse ? style.bg ?? { index: 0, inverseDefault: true } : style.fg;
  const bg = style.inverse ? style.fg ?? { index: 7 } : style.bg;
  if (fg) fg.rgb ? (span.style.color = fg.rgb) : span.classList.add(`fg${fg.index}`);
  if (bg) bg.rgb ? (span.style.backgroundColor = bg.rgb) : span.classList.add(`bg${bg.index}`);
  for (const face of ['bold', 'dim', 'italic', 'underline']) {
    if (style[face]) span.classList.add(face);
  }
}
