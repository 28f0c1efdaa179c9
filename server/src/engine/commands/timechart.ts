// `timechart [span=<span>] <aggregation> [by <field>]` (one aggregation with BY, or several without):
// rows per _time bucket from the first to the last bucket (empty buckets included; count/dc give 0
// there, other functions null); with BY, one column per BY value (sorted by code units; limit/useother
// are not applied). Default span: the smallest of 1s…1d giving at most 100 buckets.
import type { Row } from '../types';
import { newRow } from '../types';
import { floorToSpan, parseSpan } from '../eval/time';
import { scalarText, toNumber, valuesOf } from '../eval/values';
import { option, optionRange } from './args';
import { type CommandExecutor, errorAt } from './types';
import { compileAggregations } from './statsCore';
import { evalOptions } from './util';

const AUTO = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400];

export const timechart: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'stats' || cmd.body.aggregations.length === 0) return errorAt(cmd, 'timechart: expected a statistical function');
  const specs = compileAggregations(cmd.body.aggregations, evalOptions(ctx), ctx.sourceText);
  if ('severity' in specs) return specs;
  const by = cmd.body.by[0]?.name;
  if (by && specs.length > 1) return errorAt(cmd, 'timechart: with BY, only one aggregation is supported locally');
  const spanText = option(cmd, 'span');
  const fixed = spanText ? parseSpan(spanText) : undefined;
  if (spanText && !fixed) return errorAt(cmd, `timechart: invalid span "${spanText}"`, optionRange(cmd, 'span'));
  let columns: string[] = [];
  return {
    rowPolicy: 'fresh',
    run: (rows: Row[]) => {
      const times = rows.map((r) => toNumber(r._time as never)).filter((t): t is number => t !== undefined);
      if (times.length === 0) return [];
      const lo = Math.min(...times);
      const hi = Math.max(...times);
      const span = fixed ?? { value: AUTO.find((s) => (hi - lo) / s <= 100) ?? 7 * 86400, unit: 's' as const };
      const buckets = new Map<number, Map<string, ReturnType<(typeof specs)[number]['create']>[]>>();
      const series = new Set<string>();
      for (const r of rows) {
        const t = toNumber(r._time as never);
        if (t === undefined) continue;
        const b = floorToSpan(t, span, ctx.tz);
        let m = buckets.get(b);
        if (!m) { m = new Map(); buckets.set(b, m); }
        const keys = by ? valuesOf(r[by]).map(scalarText) : [''];
        for (const k of keys) {
          series.add(k);
          let accs = m.get(k);
          if (!accs) { accs = specs.map((s) => s.create()); m.set(k, accs); }
          for (const a of accs) a.add(r);
        }
      }
      const names = by ? [...series].sort() : specs.map((s) => s.name);
      columns = ['_time', ...names];
      const first = floorToSpan(lo, span, ctx.tz);
      const last = floorToSpan(hi, span, ctx.tz);
      const out: Row[] = [];
      const zeroFor = specs.map((s) => s.create().result());
      for (let t = first, guard = 0; t <= last && guard < 100000; guard++) {
        const row = newRow();
        row._time = t;
        const m = buckets.get(t);
        if (by) {
          for (const k of names) {
            const v = m?.get(k)?.[0].result() ?? zeroFor[0];
            if (v !== undefined) row[k] = v;
          }
        } else {
          specs.forEach((s, i) => { const v = m?.get('')?.[i].result() ?? zeroFor[i]; if (v !== undefined) row[s.name] = v; });
        }
        out.push(row);
        const next = span.unit === 'mon' ? floorToSpan(t + 32 * 86400 * span.value, span, ctx.tz) : floorToSpan(t + span.value, span, ctx.tz);
        if (next <= t) break;
        t = next;
      }
      return out;
    },
    fields: () => columns,
  };
};
