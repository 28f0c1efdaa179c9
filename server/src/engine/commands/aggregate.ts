// Statistical functions shared by stats, eventstats, streamstats, tstats and chart-like commands.
// Semantics (Splunk "Statistical and charting functions"):
// - count counts rows; count(f) counts values of f (each value of a multivalue field);
// - dc, values, list, mode, first/last, earliest/latest treat values as strings;
//   values() is distinct and sorted by code units (ASCII; "10" < "9"); list() keeps order, max 100;
// - min/max are numeric when every value is numeric, otherwise lexicographic;
// - avg/sum/stdev/var/range/median/percentiles ignore non-numeric values, null when none;
// - percentiles (perc/p/exactperc) interpolate linearly between closest ranks; upperperc takes the upper rank;
//   median is the 50th percentile, interpolated (mean of the two middle values for even counts);
// - earliest/latest pick the value at the smallest/largest _time (ties: first seen).
// - A `func(eval(expr))` argument: true → counted as "1", false/null → not counted; other results as values.
import type { Aggregation } from '../../spl/ast';
import type { FieldValue, Row, Scalar } from '../types';
import { compileEval, type EvalOptions } from '../eval/compile';
import type { EvalFn } from '../eval/context';
import { compareText, fromValues, isNumericText, scalarText, toNumber, valuesOf } from '../eval/values';
import type { EngineMessage } from '../types';

export interface AggAccumulator {
  add(row: Row): void;
  result(): FieldValue | undefined;
}

export interface AggSpec {
  /** Output field name. */
  name: string;
  /** Creates a fresh accumulator. */
  create(): AggAccumulator;
  /** Field read (for tstats prefix checks); undefined for count / eval. */
  field?: string;
}

type ValueGetter = (row: Row) => Scalar | Scalar[] | undefined;

function each(v: Scalar | Scalar[] | undefined, f: (x: Scalar) => void): void {
  if (v === undefined) return;
  if (Array.isArray(v)) { for (const x of v) f(x); return; }
  f(v);
}

function countOf(v: Scalar | Scalar[] | undefined): number {
  return v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
}

function getter(agg: Aggregation, opts: EvalOptions): ValueGetter | EngineMessage | undefined {
  if (!agg.arg) return undefined;
  if (agg.arg.kind === 'field') {
    const name = agg.arg.field.name;
    return (row) => row[name];
  }
  const c = compileEval(agg.arg.expr, opts);
  if (!c.ok) return c.error;
  const fn: EvalFn = c.fn;
  return (row) => {
    const v = fn(row);
    if (v === true) return '1';
    if (v === false || v === undefined) return undefined;
    return v;
  };
}

function numbers(vals: Scalar | Scalar[] | undefined, out: number[]): void {
  if (vals === undefined) return;
  for (const v of Array.isArray(vals) ? vals : [vals]) {
    const n = typeof v === 'number' ? v : isNumericText(v) ? Number(v) : undefined;
    if (n !== undefined && !Number.isNaN(n)) out.push(n);
  }
}

function percentile(sorted: number[], p: number, mode: 'interp' | 'upper'): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = (p / 100) * (sorted.length - 1);
  if (mode === 'upper') return sorted[Math.min(sorted.length - 1, Math.ceil(rank))];
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

const PERC = /^(perc|p|exactperc|upperperc)(\d+(?:\.\d+)?)$/;

/** Known function names (for validation messages). */
export const AGG_FUNCTIONS = [
  'count', 'c', 'dc', 'distinct_count', 'estdc', 'values', 'list', 'min', 'max', 'avg', 'mean', 'sum', 'sumsq',
  'stdev', 'stdevp', 'var', 'varp', 'range', 'median', 'mode', 'first', 'last', 'earliest', 'latest',
  'earliest_time', 'latest_time', 'sparkline',
];

export function isAggFunction(name: string): boolean {
  return AGG_FUNCTIONS.includes(name) || PERC.test(name);
}

/** Compiles one aggregation; `sourceText` (the SPL) names eval(...) aggregations without AS. */
export function compileAggregation(agg: Aggregation, opts: EvalOptions, sourceText?: string): AggSpec | EngineMessage {
  const func = agg.func.toLowerCase();
  const g = getter(agg, opts);
  if (g && 'severity' in g) return g;
  let defaultName: string;
  if (!agg.arg) defaultName = func;
  else if (agg.arg.kind === 'field') defaultName = `${agg.func}(${agg.arg.field.name})`;
  else {
    // The column is named after the aggregation as written; `sourceText` must be the text the
    // ranges refer to (map/foreach templates are parsed separately, hence the check).
    const written = sourceText?.slice(agg.range.start, agg.range.end).replace(/\s+as\s+.*$/is, '');
    defaultName = written && written.toLowerCase().startsWith(agg.func.toLowerCase()) ? written : `${agg.func}(eval)`;
  }
  const name = agg.as?.name ?? defaultName;
  const field = agg.arg?.kind === 'field' ? agg.arg.field.name : undefined;
  const get: ValueGetter = (g as ValueGetter | undefined) ?? (() => undefined);
  const noArg = !agg.arg;
  const mk = (create: () => AggAccumulator): AggSpec => ({ name, create, field });

  const pm = PERC.exec(func);
  if (pm) {
    const p = Number(pm[2]);
    const mode = pm[1] === 'upperperc' ? 'upper' : 'interp';
    return mk(() => numericAcc(get, (ns) => percentile(ns.sort((a, b) => a - b), p, mode)));
  }
  switch (func) {
    case 'count': case 'c':
      if (noArg) return mk(() => { let n = 0; return { add: () => { n++; }, result: () => n }; });
      return mk(() => { let n = 0; return { add: (r) => { n += countOf(get(r)); }, result: () => n }; });
    case 'dc': case 'distinct_count': case 'estdc':
      return mk(() => { const s = new Set<string>(); return { add: (r) => { each(get(r), (v) => s.add(scalarText(v))); }, result: () => s.size }; });
    case 'values':
      return mk(() => {
        const s = new Set<string>();
        return { add: (r) => { each(get(r), (v) => s.add(scalarText(v))); }, result: () => fromValues([...s].sort(compareText)) };
      });
    case 'list':
      return mk(() => {
        const l: Scalar[] = [];
        return { add: (r) => { each(get(r), (v) => { if (l.length < 100) l.push(v); }); }, result: () => fromValues(l) };
      });
    case 'min': case 'max': {
      const sign = func === 'max' ? 1 : -1;
      return mk(() => {
        let bestNum: number | undefined;
        let bestStr: string | undefined;
        let allNumeric = true;
        return {
          add: (r) => {
            each(get(r), (v) => {
              const s = scalarText(v);
              if (bestStr === undefined || (s < bestStr ? -1 : s > bestStr ? 1 : 0) * sign > 0) bestStr = s;
              const n = typeof v === 'number' ? v : isNumericText(v) ? Number(v) : undefined;
              if (n === undefined) allNumeric = false;
              else if (bestNum === undefined || (n - bestNum) * sign > 0) bestNum = n;
            });
          },
          result: () => (bestStr === undefined ? undefined : allNumeric && bestNum !== undefined ? bestNum : bestStr),
        };
      });
    }
    case 'avg': case 'mean':
      return mk(() => numericAcc(get, (ns) => (ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : undefined)));
    case 'sum':
      return mk(() => numericAcc(get, (ns) => (ns.length ? ns.reduce((a, b) => a + b, 0) : undefined)));
    case 'sumsq':
      return mk(() => numericAcc(get, (ns) => (ns.length ? ns.reduce((a, b) => a + b * b, 0) : undefined)));
    case 'stdev': case 'stdevp': case 'var': case 'varp': {
      const pop = func.endsWith('p');
      const sq = func.startsWith('stdev');
      return mk(() => numericAcc(get, (ns) => {
        const n = ns.length;
        if (n === 0 || (!pop && n < 2)) return pop || n === 0 ? (n === 0 ? undefined : 0) : undefined;
        const mean = ns.reduce((a, b) => a + b, 0) / n;
        const v = ns.reduce((a, b) => a + (b - mean) ** 2, 0) / (pop ? n : n - 1);
        return sq ? Math.sqrt(v) : v;
      }));
    }
    case 'range':
      return mk(() => numericAcc(get, (ns) => (ns.length ? Math.max(...ns) - Math.min(...ns) : undefined)));
    case 'median':
      return mk(() => numericAcc(get, (ns) => percentile(ns.sort((a, b) => a - b), 50, 'interp')));
    case 'mode':
      return mk(() => {
        const counts = new Map<string, number>();
        return {
          add: (r) => { each(get(r), (v) => { const s = scalarText(v); counts.set(s, (counts.get(s) ?? 0) + 1); }); },
          result: () => {
            let best: string | undefined;
            let bc = 0;
            for (const [k, c] of counts) if (c > bc) { best = k; bc = c; }
            return best;
          },
        };
      });
    case 'first': case 'last': {
      const last = func === 'last';
      return mk(() => {
        let val: Scalar | Scalar[] | undefined;
        return { add: (r) => { const v = get(r); if (countOf(v) > 0 && (last || val === undefined)) val = v; }, result: () => val };
      });
    }
    case 'earliest': case 'latest': case 'earliest_time': case 'latest_time': {
      const late = func.startsWith('latest');
      const timeOut = func.endsWith('_time');
      return mk(() => {
        let bestT: number | undefined;
        let val: Scalar | Scalar[] | undefined;
        return {
          add: (r) => {
            const v = get(r);
            if (countOf(v) === 0) return;
            const t = toNumber(r._time) ?? 0;
            if (bestT === undefined || (late ? t > bestT : t < bestT)) { bestT = t; val = v; }
          },
          result: () => (timeOut ? bestT : val),
        };
      });
    }
    case 'sparkline':
      return mk(() => { let n = 0; return { add: () => { n++; }, result: () => `sparkline(${n})` }; });
  }
  return { severity: 'error', message: `unknown statistical function ${agg.func}()`, range: agg.funcRange };
}

function numericAcc(get: ValueGetter, finish: (ns: number[]) => number | undefined): AggAccumulator {
  const ns: number[] = [];
  return {
    add: (r) => numbers(get(r), ns),
    result: () => {
      const v = finish(ns.slice());
      return v === undefined || Number.isNaN(v) ? undefined : v;
    },
  };
}

/** Group keys for a row: the cross product of by-field values; empty when a by-field is null. */
export function groupKeys(row: Row, by: string[], fillNull?: string): Scalar[][] {
  let combos: Scalar[][] = [[]];
  for (const f of by) {
    let vals = valuesOf(row[f]);
    if (vals.length === 0) {
      if (fillNull === undefined) return [];
      vals = [fillNull];
    }
    if (vals.length === 1) { for (const c of combos) c.push(vals[0]); continue; }
    const next: Scalar[][] = [];
    for (const c of combos) for (const v of vals) next.push([...c, v]);
    combos = next;
  }
  return combos;
}

export function keyString(vals: Scalar[]): string {
  return vals.map((v) => scalarText(v)).join('\u0001');
}
