// Turns engine results into what people and programs read: JSON (the CLI's documented shape),
// CSV, and a plain-text table. `_time` is shown in the configured time zone.
import { strftime } from './eval/time';
import type { RunResult } from './pipeline/run';
import type { EngineMessage, FieldValue, Row } from './types';

export interface ResultJson {
  fields: string[];
  rows: Record<string, string | string[]>[];
  /** `matched`: tstats/datamodel/from only — events the data model's constraints kept (before `where`). */
  stages: { command: string; rowsIn: number; rowsOut: number; ms: number; matched?: number }[];
  eventsRead: number;
  warnings: string[];
  error?: string;
  truncated?: boolean;
  timezone: string;
}

/**
 * A field value as text, as Splunk's JSON results show it:
 * - `_time` (an event's time, and `_time` produced by bin/timechart/stats … by _time) is rendered in
 *   Splunk's ISO form with milliseconds and the configured time zone's offset,
 *   `2024-01-01T05:02:00.250-05:00` (`%Y-%m-%dT%H:%M:%S.%3N%:z`);
 * - every other number, computed times included (`min(_time) as firstTime`, `eval t=_time`), is
 *   shown as the number: epoch seconds, with a fraction only when it has one (`1704103320.25`),
 *   which is what `security_content_ctime` / `convert ctime()` then format;
 * - multivalue fields keep their values in order.
 */
export function valueText(field: string, v: FieldValue | undefined, tz: string): string | string[] | undefined {
  if (v === undefined) return undefined;
  const one = (x: string | number): string => {
    if (field === '_time' && typeof x === 'number') return strftime(x, '%Y-%m-%dT%H:%M:%S.%3N%:z', tz);
    return typeof x === 'number' ? numberText(x) : x;
  };
  return Array.isArray(v) ? v.map(one) : one(v);
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

export function messageText(m: EngineMessage, where?: (r: { start: number; end: number }) => string): string {
  const at = m.range && where ? ` (${where(m.range)})` : m.line ? ` (log line ${m.line})` : '';
  return `${m.severity}: ${m.message}${at}`;
}

export function toResultJson(
  r: RunResult & { truncated?: boolean },
  tz: string,
  where?: (range: { start: number; end: number }) => string,
): ResultJson {
  const rows = r.rows.map((row: Row) => {
    // Field names are data: a null-prototype object keeps `__proto__`, `constructor`… as fields.
    const out = Object.create(null) as Record<string, string | string[]>;
    for (const f of r.fields) {
      const t = valueText(f, row[f], tz);
      if (t !== undefined) out[f] = t;
    }
    return out;
  });
  return {
    fields: r.fields,
    rows,
    stages: r.stages.map((s) => ({
      command: s.command, rowsIn: s.rowsIn, rowsOut: s.rowsOut, ms: Math.round(s.ms * 100) / 100,
      ...(s.matched !== undefined ? { matched: s.matched } : {}),
    })),
    eventsRead: r.eventsRead,
    warnings: r.warnings.map((w) => messageText(w, where)),
    error: r.error ? messageText(r.error, where) : undefined,
    truncated: r.truncated || undefined,
    timezone: tz,
  };
}

const cellText = (v: string | string[] | undefined) => (v === undefined ? '' : Array.isArray(v) ? v.join('\n') : v);

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(j: ResultJson): string {
  const lines = [j.fields.map(csvCell).join(',')];
  for (const row of j.rows) lines.push(j.fields.map((f) => csvCell(cellText(row[f]))).join(','));
  return lines.join('\n') + '\n';
}

/** A plain-text table; multivalue cells list their values on separate lines. */
export function toTable(j: ResultJson, maxWidth = 60): string {
  if (!j.fields.length) return '(no fields)\n';
  const clip = (s: string) => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + '…' : s);
  const cells = j.rows.map((row) => j.fields.map((f) => cellText(row[f]).split('\n').map(clip)));
  const widths = j.fields.map((f, i) => Math.max(f.length, ...cells.map((c) => Math.max(0, ...c[i].map((l) => l.length)))));
  const line = (parts: string[]) => parts.map((p, i) => p.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(j.fields), line(widths.map((w) => '-'.repeat(w)))];
  for (const c of cells) {
    const height = Math.max(...c.map((x) => x.length));
    for (let k = 0; k < height; k++) out.push(line(c.map((x) => x[k] ?? '')));
  }
  return out.join('\n') + '\n';
}

export function stagesText(j: ResultJson): string {
  const rows = j.stages.map((s, i) => {
    const line = `  ${String(i + 1).padStart(2)}. ${s.command.padEnd(12)} ${String(s.rowsIn).padStart(8)} → ${String(s.rowsOut).padEnd(8)} ${s.ms.toFixed(1).padStart(8)} ms`;
    return s.matched === undefined ? line : `${line}  (${s.matched} in the data model)`;
  });
  return [`${j.eventsRead} event(s) read; stages (rows in → out):`, ...rows].join('\n') + '\n';
}
