// Formats where every non-blank line is one event: text, kv, auditd, syslog-xml.
// (Splunk's linux:audit sourcetype indexes each auditd record line on its own, so auditd records
// are not grouped by their msg=audit(...) serial here.)

import type { LogFormat, RawEvent } from '../../types';
import type { LineFramer } from '../framer';
import { isBlank } from '../textUtil';

export class SingleLineFramer implements LineFramer {
  constructor(private readonly format: LogFormat) {}

  line(text: string, lineNo: number, _truncated: boolean, out: RawEvent[]): void {
    if (text.length === 0 || isBlank(text)) return;
    out.push({ raw: text, format: this.format, line: lineNo });
  }

  end(): void {
    // Nothing is ever pending.
  }
}
