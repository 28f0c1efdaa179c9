// `_time` of an event: TIMESTAMP_FIELDS, TIME_PREFIX/TIME_FORMAT from props.conf, or automatic
// recognition of the timestamps security logs carry (XML SystemTime, auditd msg=audit(epoch:serial),
// JSON eventTime/timestamp/CreationTime/createdDateTime/published/time, a leading date on the line).

import { Row } from '../../types';
import { compilePcre } from '../regex';
import { valuesOf } from '../row-fields';
import { parseTimestamp, parseWithFormat } from './time';

export interface TimeSpec {
  prefix?: RegExp;
  format?: string;
  lookahead: number;
  fields: string[];
}

export function compileTimeSpec(get: (k: string) => string | undefined, problems: { message: string }[]): TimeSpec {
  const spec: TimeSpec = { lookahead: 128, fields: [] };
  const prefix = get('TIME_PREFIX');
  if (prefix) {
    const r = compilePcre(prefix);
    if ('error' in r) problems.push({ message: `TIME_PREFIX: ${r.error}` });
    else spec.prefix = r.regex;
  }
  const fmt = get('TIME_FORMAT');
  if (fmt) spec.format = fmt;
  const la = Number(get('MAX_TIMESTAMP_LOOKAHEAD'));
  if (Number.isFinite(la) && la > 0) spec.lookahead = la;
  const tf = get('TIMESTAMP_FIELDS');
  if (tf) spec.fields = tf.split(',').map((s) => s.trim()).filter(Boolean);
  return spec;
}

function parseText(text: string, spec: TimeSpec): number | undefined {
  if (spec.format) {
    const t = parseWithFormat(text, spec.format);
    if (t !== undefined) return t;
  }
  return parseTimestamp(text.slice(0, spec.lookahead));
}

const JSON_TIME_KEY = /"(eventTime|timestamp|@timestamp|CreationTime|createdDateTime|published|time|EventTime|TimeGenerated|date)"\s*:\s*"?([^",}]+)/;
const AUDIT = /msg=audit\((\d+(?:\.\d+)?):/;

/** Finds the event time in epoch seconds, or undefined. */
export function eventTime(raw: string, row: Row, spec: TimeSpec): number | undefined {
  for (const f of spec.fields) {
    const v = valuesOf(row[f])[0];
    if (v !== undefined) {
      const t = parseText(String(v), spec);
      if (t !== undefined) return t;
    }
  }
  if (spec.prefix) {
    // When the configured prefix/format finds nothing, fall through to automatic recognition.
    const m = spec.prefix.exec(raw);
    if (m) {
      const t = parseText(raw.slice(m.index + m[0].length), spec);
      if (t !== undefined) return t;
    }
  }
  if (spec.format) {
    const t = parseWithFormat(raw, spec.format);
    if (t !== undefined) return t;
  }
  const st = raw.indexOf('SystemTime=');
  if (st >= 0) {
    const q = raw[st + 11];
    const end = raw.indexOf(q, st + 12);
    if (end > 0) {
      const t = parseTimestamp(raw.slice(st + 12, end));
      if (t !== undefined) return t;
    }
  }
  const a = AUDIT.exec(raw);
  if (a) return Number(a[1]);
  const c0 = raw.charCodeAt(0);
  if (c0 === 123 || c0 === 91) {
    const j = JSON_TIME_KEY.exec(raw);
    if (j) {
      const t = parseTimestamp(j[2]);
      if (t !== undefined) return t;
    }
  }
  const lead = parseTimestamp(raw.slice(0, 64));
  if (lead !== undefined) return lead;
  // A syslog line carrying an ISO timestamp after its priority/host prefix.
  const iso = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/.exec(raw.slice(0, 256));
  if (iso) return parseTimestamp(iso[0]);
  return undefined;
}
