// The contract between the reader driver and the per-format event framers.

import type { RawEvent } from '../types';
import type { MessageCollector } from './messages';

/** Shared state a framer needs besides its input text. */
export interface FramerContext {
  readonly messages: MessageCollector;
  /** Longest event in UTF-16 code units; longer events are truncated (or dropped for JSON). */
  readonly maxEventChars: number;
  /** See ReadOptions.prefilter. */
  readonly prefilter?: (text: string) => boolean;
}

/**
 * Turns decoded text, fed in arbitrary pieces, into raw events. The pieces may split lines,
 * events and even surrogate pairs anywhere; the events produced must not depend on where.
 */
export interface TextFramer {
  /** 1-based line number of the next character that will be pushed. */
  readonly nextLine: number;
  /** Feeds the next piece of text; complete events are appended to `out`. */
  push(text: string, out: RawEvent[]): void;
  /** End of input: emits or reports whatever is pending. */
  end(out: RawEvent[]): void;
}

/** A framer working on whole lines (terminator and trailing `\r` removed). */
export interface LineFramer {
  /**
   * One line of input. `truncated` is true when the line was longer than the event cap and was
   * cut (the line splitter already reported it).
   */
  line(text: string, lineNo: number, truncated: boolean, out: RawEvent[]): void;
  end(out: RawEvent[]): void;
}
