// Windows events, as XML (`<Event xmlns=...>…</Event>`, one per line or pretty-printed over many
// lines, optionally inside an `<Events>` wrapper or after an XML declaration) and as classic
// multi-line WinEventLog text (a timestamp line such as `01/14/2021 11:41:39 PM` followed by
// `LogName=…`, `EventCode=…`, …, `Message=…` lines, up to the next timestamp line). Both kinds may
// be interleaved in one file (seen in attack_data); each event carries its own `format`.
//
// Multi-line events are joined with `\n` (line terminators normalised, indentation kept).
// An `<Event` that never ends — because input stops or because the next `<Event` starts on a new
// line first — is reported as a warning and dropped; text outside any event is reported and ignored.

import type { LogFormat, RawEvent } from '../../types';
import type { FramerContext, LineFramer } from '../framer';
import { EVENT_END_TAG, findEventEnd, findEventStart, isBlank, skipWhitespace, WINEVENTLOG_TIMESTAMP } from '../textUtil';

const enum State {
  Outside,
  InXml,
  InClassic,
}

/** XML declarations, `<Events>` wrappers and comments that may surround events. */
const IGNORABLE_MARKUP = /<\?xml[^>]*\?>|<\/?Events\b[^>]*>|<!--[\s\S]*?-->/g;

export class WindowsEventFramer implements LineFramer {
  private state = State.Outside;
  private parts: string[] = [];
  private partsLen = 0;
  private startLine = 0;
  private overCap = false;
  /** Trailing blank lines of a classic event, held back until we know the event continues. */
  private pendingBlank = 0;

  constructor(private readonly ctx: FramerContext) {}

  line(text: string, lineNo: number, truncated: boolean, out: RawEvent[]): void {
    let pos = 0;
    if (this.state === State.InXml) {
      const first = skipWhitespace(text, 0);
      if (first < text.length && findEventStart(text, first) === first) {
        this.dropUnterminated();
      } else {
        const end = findEventEnd(text, 0);
        if (end === -1) {
          this.append(text);
          if (truncated) this.emit('xml', out); // the cut line lost the end tag: keep what we have
          return;
        }
        pos = end + EVENT_END_TAG.length;
        this.append(text.slice(0, pos));
        this.emit('xml', out);
      }
    } else if (this.state === State.InClassic) {
      if (WINEVENTLOG_TIMESTAMP.test(text)) {
        this.emit('wineventlog', out);
        this.startEvent(State.InClassic, text, lineNo);
        return;
      }
      const first = skipWhitespace(text, 0);
      if (first === text.length) {
        this.pendingBlank++;
        return;
      }
      if (findEventStart(text, first) !== first) {
        for (; this.pendingBlank > 0; this.pendingBlank--) this.append('');
        this.append(text);
        return;
      }
      this.emit('wineventlog', out);
    }
    this.scanOutside(text, pos, lineNo, truncated, out);
  }

  end(out: RawEvent[]): void {
    if (this.state === State.InXml) this.dropUnterminated();
    else if (this.state === State.InClassic) this.emit('wineventlog', out);
  }

  /** Finds complete and starting events in `text` from `pos`, outside of any event. */
  private scanOutside(text: string, pos: number, lineNo: number, truncated: boolean, out: RawEvent[]): void {
    for (;;) {
      const start = findEventStart(text, pos);
      if (start === -1) {
        if (pos < text.length) this.checkOutsideText(text, pos, text.length, lineNo);
        return;
      }
      if (start > pos) this.checkOutsideText(text, pos, start, lineNo);
      const end = findEventEnd(text, start);
      if (end === -1) {
        this.startEvent(State.InXml, start === 0 ? text : text.slice(start), lineNo);
        if (truncated) this.emit('xml', out);
        return;
      }
      pos = end + EVENT_END_TAG.length;
      const raw = start === 0 && pos === text.length ? text : text.slice(start, pos);
      out.push({ raw, format: 'xml', line: lineNo });
    }
  }

  /** Text between events: a classic event's timestamp line, ignorable markup, or stray text. */
  private checkOutsideText(text: string, from: number, to: number, lineNo: number): void {
    const piece = from === 0 && to === text.length ? text : text.slice(from, to);
    if (isBlank(piece)) return;
    if (from === 0 && to === text.length && WINEVENTLOG_TIMESTAMP.test(piece)) {
      this.startEvent(State.InClassic, piece, lineNo);
      return;
    }
    if (piece.indexOf('<') !== -1 && isBlank(piece.replace(IGNORABLE_MARKUP, ''))) return;
    const preview = piece.trim().slice(0, 40);
    this.ctx.messages.warn('outside-event', `line ${lineNo}: text outside an event ignored: "${preview}"`, lineNo);
  }

  private startEvent(state: State, text: string, lineNo: number): void {
    this.state = state;
    this.parts = [];
    this.partsLen = 0;
    this.overCap = false;
    this.pendingBlank = 0;
    this.startLine = lineNo;
    this.append(text);
  }

  private append(text: string): void {
    if (this.overCap) return;
    const sep = this.parts.length > 0 ? 1 : 0;
    const max = this.ctx.maxEventChars;
    if (this.partsLen + sep + text.length > max) {
      this.overCap = true;
      const room = max - this.partsLen - sep;
      if (room > 0) {
        this.parts.push(text.slice(0, room));
        this.partsLen += sep + room;
      }
      this.ctx.messages.warn(
        'truncated',
        `event starting at line ${this.startLine} is longer than ${max} characters; truncated`,
        this.startLine,
      );
      return;
    }
    this.parts.push(text);
    this.partsLen += sep + text.length;
  }

  private emit(format: LogFormat, out: RawEvent[]): void {
    const raw = this.parts.length === 1 ? this.parts[0] : this.parts.join('\n');
    out.push({ raw, format, line: this.startLine });
    this.reset();
  }

  private dropUnterminated(): void {
    this.ctx.messages.warn(
      'unterminated',
      `<Event> starting at line ${this.startLine} has no </Event> (input truncated?); dropped`,
      this.startLine,
    );
    this.reset();
  }

  private reset(): void {
    this.state = State.Outside;
    this.parts = [];
    this.partsLen = 0;
    this.overCap = false;
    this.pendingBlank = 0;
  }
}
