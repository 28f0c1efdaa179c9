// The synchronous heart of every reader: takes decoded text pieces, detects the format from the
// first 64 Ki characters (unless forced), checks for binary / undecodable content, and drives the
// format's framer. Both the streaming and the in-memory readers feed it.

import type { LogFormat, RawEvent } from '../types';
import { createFramer } from './createFramer';
import { detectFormatFromText } from './detectFormat';
import type { TextFramer } from './framer';
import type { MessageCollector } from './messages';
import { DETECT_SAMPLE_CHARS } from './options';
import { countNewlines } from './textUtil';

export class ReaderCore {
  private framer: TextFramer | undefined;
  private held: string[] = [];
  private heldLen = 0;
  private sawBom = false;
  private checkNul = true;
  private checkReplacement = true;
  /** The format in use, once known. */
  format: LogFormat | undefined;
  detected = false;

  constructor(
    private readonly messages: MessageCollector,
    private readonly maxEventChars: number,
    private readonly forcedFormat: LogFormat | undefined,
    private readonly prefilter?: (text: string) => boolean,
  ) {}

  /** 1-based line of the next text to be pushed (approximate while detection is pending). */
  get nextLine(): number {
    return this.framer ? this.framer.nextLine : 1;
  }

  push(text: string, out: RawEvent[]): void {
    if (text.length === 0) return;
    if (!this.sawBom) {
      this.sawBom = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.framer) {
      this.feed(text, out);
      return;
    }
    this.held.push(text);
    this.heldLen += text.length;
    if (this.heldLen >= DETECT_SAMPLE_CHARS || this.forcedFormat) this.startFramer(out);
  }

  end(out: RawEvent[]): void {
    if (!this.framer) this.startFramer(out);
    this.framer!.end(out);
  }

  private startFramer(out: RawEvent[]): void {
    const text = this.held.length === 1 ? this.held[0] : this.held.join('');
    this.held = [];
    this.heldLen = 0;
    if (this.forcedFormat) {
      this.format = this.forcedFormat;
    } else {
      this.format = detectFormatFromText(text);
      this.detected = true;
    }
    this.framer = createFramer(this.format, { messages: this.messages, maxEventChars: this.maxEventChars, prefilter: this.prefilter });
    if (text.length > 0) this.feed(text, out);
  }

  private feed(text: string, out: RawEvent[]): void {
    if (this.checkNul) {
      const k = text.indexOf('\0');
      if (k !== -1) {
        this.checkNul = false;
        const line = this.framer!.nextLine + countNewlines(text, 0, k);
        this.messages.warn(
          'binary',
          `the input contains NUL bytes (first at line ${line}): it looks binary, or UTF-16 without a byte-order mark; read as text`,
          line,
        );
      }
    }
    if (this.checkReplacement) {
      const k = text.indexOf('\ufffd');
      if (k !== -1) {
        this.checkReplacement = false;
        const line = this.framer!.nextLine + countNewlines(text, 0, k);
        this.messages.warn(
          'encoding',
          `the input is not valid in its encoding (first at line ${line}); invalid bytes were replaced by U+FFFD`,
          line,
        );
      }
    }
    this.framer!.push(text, out);
  }
}
