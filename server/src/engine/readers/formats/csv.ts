// CSV with a header row. Each later record becomes one event: `raw` is the record's original text
// (a quoted field may span lines; they are joined with `\n`), `columns` maps header names to
// values. The header itself is not an event. Blank lines between records are skipped.
// A record whose quotes never balance is cut at the event cap (warning) and reading resumes on
// the next line; an unbalanced record at end of input is reported and dropped.

import type { RawEvent } from '../../types';
import type { FramerContext, LineFramer } from '../framer';
import { countChar, isBlank } from '../textUtil';
import { parseCsvRecord } from './csvRecord';

export class CsvFramer implements LineFramer {
  private header: string[] | null = null;
  private parts: string[] = [];
  private partsLen = 0;
  private quotes = 0;
  private startLine = 0;

  constructor(private readonly ctx: FramerContext) {}

  line(text: string, lineNo: number, _truncated: boolean, out: RawEvent[]): void {
    if (this.parts.length === 0) {
      if (isBlank(text)) return;
      this.startLine = lineNo;
    }
    this.parts.push(text);
    this.partsLen += text.length + (this.parts.length > 1 ? 1 : 0);
    this.quotes += countChar(text, '"');
    if ((this.quotes & 1) === 0) {
      this.finishRecord(out);
    } else if (this.partsLen > this.ctx.maxEventChars) {
      this.ctx.messages.warn(
        'truncated',
        `CSV record starting at line ${this.startLine} has an unbalanced quote and exceeds ${this.ctx.maxEventChars} characters; dropped`,
        this.startLine,
      );
      this.reset();
    }
  }

  end(): void {
    if (this.parts.length > 0) {
      this.ctx.messages.warn(
        'unterminated',
        `CSV record starting at line ${this.startLine} has an unclosed quote (input truncated?); dropped`,
        this.startLine,
      );
      this.reset();
    }
  }

  private finishRecord(out: RawEvent[]): void {
    const raw = this.parts.length === 1 ? this.parts[0] : this.parts.join('\n');
    const line = this.startLine;
    this.reset();
    const fields = parseCsvRecord(raw);
    if (this.header === null) {
      this.header = fields.map((name, i) => name.trim() || `column${i + 1}`);
      return;
    }
    const header = this.header;
    if (fields.length !== header.length) {
      this.ctx.messages.warn(
        'csv-shape',
        `CSV record at line ${line} has ${fields.length} fields, the header has ${header.length}`,
        line,
      );
    }
    const columns = Object.create(null) as Record<string, string>;
    const n = Math.min(fields.length, header.length);
    // A duplicated header name keeps its first column.
    for (let i = 0; i < n; i++) if (!(header[i] in columns)) columns[header[i]] = fields[i];
    out.push({ raw, format: 'csv', line, columns });
  }

  private reset(): void {
    this.parts = [];
    this.partsLen = 0;
    this.quotes = 0;
  }
}
