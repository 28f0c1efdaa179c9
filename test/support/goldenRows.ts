// How golden cases compare rows: values as text (numbers as Splunk prints them), a one-value list as
// the value, fields in name order, absent fields dropped.
import { scalarText } from '../../server/src/engine/eval/values';

export function norm(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length === 1 ? norm(v[0]) : v.map((x) => norm(x));
  if (typeof v === 'number') return scalarText(v);
  return String(v);
}

export function normRow(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) { const v = norm(o[k]); if (v !== undefined) out[k] = v; }
  return out;
}
