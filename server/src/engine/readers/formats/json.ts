// JSON events: JSON lines (one value per line), a top-level array of values (possibly
// pretty-printed over many lines, possibly minified on one huge line), one or more pretty-printed
// top-level objects, and CloudTrail's `{"Records": [ … ]}` wrapper (each record is an event).
//
// The text is scanned incrementally: the scanner tracks strings, escapes and bracket depth to find
// each element's extent, and `JSON.parse`s only that element, so arrays of any size stream with
// bounded memory. A line that is a complete object takes a fast path (one `JSON.parse`, no scan).
// `raw` is the element's source text (for JSON lines: the line without surrounding whitespace).
//
// Errors: an element that does not parse is reported (with its first line) and skipped; text at top
// level that is not JSON is reported and skipped to the end of its line; an element longer than the
// event cap is reported and skipped (truncated JSON would not parse); an element still open at end
// of input is reported and dropped. In a JSON-lines file (its first object fits on one line), an
// object not closed on its own line is reported and reading resumes on the next line.

import type { RawEvent } from '../../types';
import type { FramerContext, TextFramer } from '../framer';
import { countNewlines, skipWhitespace } from '../textUtil';

const enum Wrapper {
  None,
  Array,
  Records,
  /** After the Records array closed: skipping the rest of the wrapper object. */
  RecordsTail,
}

const MAYBE = -1;
const NO = 0;
const RECORDS_KEY = '"Records"';
/** How much text we hold back while deciding whether `{` opens a Records wrapper. */
const MAX_PENDING = 4096;

export class JsonFramer implements TextFramer {
  private line = 1;
  private depth = 0;
  private inStr = false;
  private esc = false;
  /** Depth at which elements start: 0 top level, 1 in an array, 2 in a Records array, -1 none. */
  private container = 0;
  private wrapper = Wrapper.None;
  private wrapperLine = 0;
  private inElem = false;
  private scalar = false;
  private elemLine = 0;
  private parts: string[] = [];
  private partsLen = 0;
  private dropping = false;
  private skipLine = false;
  /** Whether the current line had a significant character before the current position. */
  private lineHasContent = false;
  /** Last significant (non-whitespace, outside strings) character code. */
  private lastSig = 0;
  /** null until the first top-level object ends: true if it ended on its first line. */
  private linesMode: boolean | null = null;
  private pending = '';

  constructor(private readonly ctx: FramerContext) {}

  get nextLine(): number {
    return this.line;
  }

  push(text: string, out: RawEvent[]): void {
    if (this.pending.length > 0) {
      text = this.pending + text;
      this.pending = '';
    }
    this.scan(text, out, false);
  }

  end(out: RawEvent[]): void {
    if (this.pending.length > 0) {
      const text = this.pending;
      this.pending = '';
      this.scan(text, out, true);
    }
    if (this.inElem) {
      this.ctx.messages.warn(
        'unterminated',
        `JSON value starting at line ${this.elemLine} is not terminated (input truncated?); dropped`,
        this.elemLine,
      );
      this.resetElement();
    } else if (this.wrapper === Wrapper.Array || this.wrapper === Wrapper.Records) {
      this.ctx.messages.warn(
        'unterminated',
        `JSON array starting at line ${this.wrapperLine} is not closed (input truncated?)`,
        this.wrapperLine,
      );
    }
  }

  private scan(text: string, out: RawEvent[], final: boolean): void {
    const n = text.length;
    let i = 0;
    let elemStart = this.inElem ? 0 : -1;
    let nextBackslash = -1;
    let nextNewline = -1;
    if (this.skipLine) {
      const nl = text.indexOf('\n');
      if (nl === -1) return;
      this.skipLine = false;
      i = nl;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.inStr) {
        if (this.esc) this.esc = false;
        else if (c === 92) this.esc = true;
        else if (c === 34) this.inStr = false;
        else if (c === 10) {
          this.line++;
          this.lineHasContent = false;
          if (this.inElem && this.container === 0 && this.linesMode === true) {
            this.abortLineElement();
            elemStart = -1;
          }
        } else {
          // An ordinary string character: jump to the next `"`, `\` or newline.
          if (nextBackslash < i) nextBackslash = indexOrEnd(text, '\\', i);
          if (nextNewline < i) nextNewline = indexOrEnd(text, '\n', i);
          const quote = indexOrEnd(text, '"', i);
          i = Math.min(quote, nextBackslash, nextNewline) - 1;
        }
        continue;
      }
      if (c === 10) {
        this.line++;
        this.lineHasContent = false;
        if (this.inElem && this.container === 0 && this.linesMode === true) {
          this.abortLineElement();
          elemStart = -1;
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      const startsLine = !this.lineHasContent;
      this.lineHasContent = true;
      const lastSig = this.lastSig;
      this.lastSig = c;

      if (c === 123 || c === 91) {
        // `{` on a new line inside a top-level object (not after `:`) cannot be valid: the
        // previous object was cut off. Report it and start over with this line.
        if (this.inElem && this.container === 0 && this.depth === 1 && startsLine && c === 123 && lastSig !== 58) {
          this.abortLineElement();
          elemStart = -1;
        }
        if (!this.inElem && this.depth === this.container) {
          if (this.wrapper === Wrapper.None) {
            if (c === 91) {
              this.wrapper = Wrapper.Array;
              this.wrapperLine = this.line;
              this.container = 1;
              this.depth = 1;
              continue;
            }
            const rec = recordsWrapperEnd(text, i);
            if (rec === MAYBE && !final && n - i < MAX_PENDING) {
              this.pending = text.slice(i);
              this.lineHasContent = !startsLine;
              this.lastSig = lastSig;
              return;
            }
            if (rec > 0) {
              this.wrapper = Wrapper.Records;
              this.wrapperLine = this.line;
              this.line += countNewlines(text, i, rec);
              this.container = 2;
              this.depth = 2;
              this.lastSig = 91;
              i = rec - 1;
              continue;
            }
            const nl = this.tryWholeLine(text, i, out);
            if (nl !== -1) {
              i = nl - 1;
              this.lastSig = 125;
              continue;
            }
          }
          this.startElement(false);
          elemStart = i;
        }
        this.depth++;
        continue;
      }
      if (c === 125 || c === 93) {
        if (this.depth === this.container) {
          if (this.inElem) {
            this.finishElement(text, elemStart, i, out);
            elemStart = -1;
          }
          if (this.wrapper === Wrapper.None) {
            i = this.invalidText(text, i);
            continue;
          }
          this.depth--;
          if (this.wrapper === Wrapper.Array) {
            this.wrapper = Wrapper.None;
            this.container = 0;
          } else {
            this.wrapper = Wrapper.RecordsTail;
            this.container = -1;
          }
          continue;
        }
        this.depth--;
        if (this.depth < 0) {
          this.depth = 0;
          i = this.invalidText(text, i);
          continue;
        }
        if (this.wrapper === Wrapper.RecordsTail && this.depth === 0) {
          this.wrapper = Wrapper.None;
          this.container = 0;
        } else if (this.inElem && !this.scalar && this.depth === this.container) {
          this.finishElement(text, elemStart, i + 1, out);
          elemStart = -1;
        }
        continue;
      }
      if (c === 44) {
        if (this.inElem && this.scalar && this.depth === this.container) {
          this.finishElement(text, elemStart, i, out);
          elemStart = -1;
        }
        continue; // commas between top-level values are tolerated
      }
      if (!this.inElem && this.depth === this.container) {
        if (this.container === 0) {
          i = this.invalidText(text, i);
          continue;
        }
        this.startElement(true);
        elemStart = i;
      }
      if (c === 34) this.inStr = true;
    }
    if (this.inElem && elemStart !== -1 && elemStart < n) this.keep(text.slice(elemStart));
  }

  /** JSON-lines fast path: the rest of the line from `i` is one object. Returns the `\n` index. */
  private tryWholeLine(text: string, i: number, out: RawEvent[]): number {
    const nl = text.indexOf('\n', i);
    if (nl === -1) return -1;
    let end = nl;
    for (;;) {
      const c = text.charCodeAt(end - 1);
      if (c === 13 || c === 32 || c === 9) end--;
      else break;
    }
    if (text.charCodeAt(end - 1) !== 125 || end - i > this.ctx.maxEventChars) return -1;
    const raw = text.slice(i, end);
    // Once the input is known to be JSON lines, a line is self-contained: one the caller's
    // prefilter rejects can hold no wanted event, so it is not parsed at all.
    if (this.linesMode === true && this.ctx.prefilter !== undefined && !this.ctx.prefilter(raw)) return nl;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return -1;
    }
    out.push({ raw, format: 'json', line: this.line, json: value });
    if (this.linesMode === null) this.linesMode = true;
    return nl;
  }

  private startElement(scalar: boolean): void {
    this.inElem = true;
    this.scalar = scalar;
    this.elemLine = this.line;
    this.parts = [];
    this.partsLen = 0;
    this.dropping = false;
  }

  private keep(piece: string): void {
    if (this.dropping) return;
    this.partsLen += piece.length;
    if (this.partsLen > this.ctx.maxEventChars) {
      this.reportTooLong();
      this.dropping = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private finishElement(text: string, elemStart: number, end: number, out: RawEvent[]): void {
    const dropping = this.dropping;
    const parts = this.parts;
    const line = this.elemLine;
    const scalar = this.scalar;
    this.resetElement();
    if (this.container === 0 && this.linesMode === null) this.linesMode = line === this.line;
    if (dropping) return;
    const piece = elemStart >= 0 && end > elemStart ? text.slice(elemStart, end) : '';
    let raw = parts.length > 0 ? parts.join('') + piece : piece;
    if (raw.length > this.ctx.maxEventChars) {
      this.reportTooLong(line);
      return;
    }
    if (scalar) raw = raw.trim();
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.ctx.messages.warn('invalid-json', `line ${line}: invalid JSON (${why}); skipped`, line);
      return;
    }
    out.push({ raw, format: 'json', line, json: value });
  }

  private reportTooLong(line = this.elemLine): void {
    this.ctx.messages.warn(
      'truncated',
      `JSON value starting at line ${line} is longer than ${this.ctx.maxEventChars} characters; skipped`,
      line,
    );
  }

  /** In a JSON-lines file, an object that did not close on its own line. */
  private abortLineElement(): void {
    const line = this.elemLine;
    if (!this.dropping) {
      this.ctx.messages.warn('invalid-json', `line ${line}: JSON object is not closed on its line; skipped`, line);
    }
    this.resetElement();
    this.depth = 0;
    this.inStr = false;
    this.esc = false;
  }

  /** Text at top level that is not JSON: report it, skip to the end of the line. */
  private invalidText(text: string, i: number): number {
    this.ctx.messages.warn('invalid-json', `line ${this.line}: text is not JSON; line skipped`, this.line);
    const nl = text.indexOf('\n', i);
    if (nl !== -1) return nl - 1;
    this.skipLine = true;
    return text.length;
  }

  private resetElement(): void {
    this.inElem = false;
    this.scalar = false;
    this.parts = [];
    this.partsLen = 0;
    this.dropping = false;
  }
}

/** Index of `ch` in `text` at or after `from`, or `text.length`. */
function indexOrEnd(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i === -1 ? text.length : i;
}

/**
 * Whether the `{` at `i` opens `{"Records": [`. Returns the index after `[`, NO, or MAYBE when the
 * text ends before that can be decided.
 */
function recordsWrapperEnd(text: string, i: number): number {
  const n = text.length;
  let j = skipWhitespace(text, i + 1);
  for (let k = 0; k < RECORDS_KEY.length; k++, j++) {
    if (j >= n) return MAYBE;
    if (text.charCodeAt(j) !== RECORDS_KEY.charCodeAt(k)) return NO;
  }
  j = skipWhitespace(text, j);
  if (j >= n) return MAYBE;
  if (text.charCodeAt(j) !== 58) return NO;
  j = skipWhitespace(text, j + 1);
  if (j >= n) return MAYBE;
  return text.charCodeAt(j) === 91 ? j + 1 : NO;
}
