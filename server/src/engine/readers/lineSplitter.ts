// Splits decoded text pieces into lines for a LineFramer. Lines end at `\n` (a preceding `\r` is
// removed); a file that uses lone `\r` as its terminator (decided at its first terminator,
// however far into the file) is split on `\r`. A line longer than the event cap is truncated, so
// memory stays bounded even for input without any newline.

import type { RawEvent } from '../types';
import type { FramerContext, LineFramer, TextFramer } from './framer';

const LF = 10;
const CR = 13;

export class LineSplitter implements TextFramer {
  private lineNo = 1;
  /** 0 = not decided yet, else the terminator character code. */
  private terminator = 0;
  /** Pieces of the current line seen in earlier pushes (at most maxEventChars + 1 chars kept). */
  private parts: string[] = [];
  private keptLen = 0;
  private totalLen = 0;
  private lastCode = -1;

  constructor(
    private readonly framer: LineFramer,
    private readonly ctx: FramerContext,
  ) {}

  get nextLine(): number {
    return this.lineNo;
  }

  push(text: string, out: RawEvent[]): void {
    if (text.length === 0) return;
    if (this.terminator === 0 && !this.decideTerminator(text, out)) return;
    const sep = this.terminator === LF ? '\n' : '\r';
    let start = 0;
    let nl = text.indexOf(sep, start);
    while (nl !== -1) {
      if (this.totalLen > 0) {
        this.addPiece(text, start, nl);
        this.finishCarriedLine(out);
      } else {
        let end = nl;
        if (this.terminator === LF && end > start && text.charCodeAt(end - 1) === CR) end--;
        this.emitLine(text, start, end, out);
      }
      this.lineNo++;
      start = nl + 1;
      nl = text.indexOf(sep, start);
    }
    if (start < text.length) this.addPiece(text, start, text.length);
  }

  end(out: RawEvent[]): void {
    if (this.terminator === 0) this.terminator = LF;
    if (this.totalLen > 0) this.finishCarriedLine(out);
    this.framer.end(out);
  }

  /**
   * Before the first terminator: carries the line (capped, like any line) until the first `\n` or
   * `\r` and the character after it tell whether lines end in `\n` or lone `\r`. The decision
   * does not depend on how the input is cut into pieces. Returns true once decided (then `text`
   * is split as usual); false when `text` was carried.
   */
  private decideTerminator(text: string, out: RawEvent[]): boolean {
    if (this.lastCode === CR) {
      // the carried text ended with `\r`: the next character decides
      if (text.charCodeAt(0) === LF) {
        this.terminator = LF; // the carried line ends at this `\n`; its `\r` is dropped there
        return true;
      }
      this.terminator = CR;
      this.totalLen--; // the `\r` ends the carried line
      this.finishCarriedLine(out);
      this.lineNo++;
      return true;
    }
    const lf = text.indexOf('\n');
    const cr = text.indexOf('\r');
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr + 1 < text.length) {
        this.terminator = text.charCodeAt(cr + 1) === LF ? LF : CR;
        return true;
      }
    } else if (lf !== -1) {
      this.terminator = LF;
      return true;
    }
    this.addPiece(text, 0, text.length);
    return false;
  }

  private addPiece(text: string, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    this.totalLen += len;
    this.lastCode = text.charCodeAt(to - 1);
    const room = this.ctx.maxEventChars + 1 - this.keptLen;
    if (room <= 0) return;
    const piece = len <= room ? text.slice(from, to) : text.slice(from, from + room);
    this.parts.push(piece);
    this.keptLen += piece.length;
  }

  private finishCarriedLine(out: RawEvent[]): void {
    const kept = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    let contentLen = this.totalLen;
    if (this.terminator === LF && this.lastCode === CR) contentLen--;
    this.resetCarry();
    this.emitLine(kept, 0, Math.min(contentLen, kept.length), out, contentLen);
  }

  /** Emits `text[start, end)`; `fullLen` is the real line length when `text` was cut earlier. */
  private emitLine(text: string, start: number, end: number, out: RawEvent[], fullLen = end - start): void {
    const max = this.ctx.maxEventChars;
    if (fullLen > max) {
      this.ctx.messages.warn(
        'truncated',
        `line ${this.lineNo} is ${fullLen} characters long; only the first ${max} are used`,
        this.lineNo,
      );
      this.framer.line(text.slice(start, start + max), this.lineNo, true, out);
      return;
    }
    this.framer.line(start === 0 && end === text.length ? text : text.slice(start, end), this.lineNo, false, out);
  }

  private resetCarry(): void {
    this.parts = [];
    this.keptLen = 0;
    this.totalLen = 0;
    this.lastCode = -1;
  }
}
