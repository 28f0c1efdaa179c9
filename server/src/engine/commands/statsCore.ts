// Grouped aggregation shared by stats and tstats: group rows by the by-fields (a multivalue
// by-field puts the row in one group per value; a null by-field drops the row unless `fillNull`),
// then emit one row per group sorted by the by-field values (numeric when both numeric, else by
// code units), columns = by-fields then aggregations.
import type { Aggregation } from '../../spl/ast';
import type { EngineMessage, Row, Scalar } from '../types';
import { newRow } from '../types';
import type { EvalOptions } from '../eval/context';
import { compareScalars, scalarText } from '../eval/values';
import { type AggAccumulator, type AggSpec, compileAggregation, groupKeys, keyString } from './aggregate';

export function compileAggregations(aggs: Aggregation[], opts: EvalOptions, sourceText?: string): AggSpec[] | EngineMessage {
  const out: AggSpec[] = [];
  for (const a of aggs) {
    const s = compileAggregation(a, opts, sourceText);
    if ('severity' in s) return s;
    out.push(s);
  }
  return out;
}

interface Group {
  key: Scalar[];
  accs: AggAccumulator[];
}

export class GroupedStats {
  private groups = new Map<string, Group>();
  constructor(private readonly specs: AggSpec[], private readonly by: string[], private readonly fillNull?: string) {}

  add(row: Row): void {
    // Fast path: every BY value is a single value (the common case): no per-row arrays.
    let k = '';
    let simple = true;
    for (let i = 0; i < this.by.length; i++) {
      const v = row[this.by[i]];
      if (Array.isArray(v)) { simple = false; break; }
      if (i > 0) k += '\u0001';
      if (v === undefined) {
        if (this.fillNull === undefined) return;
        k += this.fillNull;
      } else k += typeof v === 'number' ? scalarText(v) : v;
    }
    if (simple) {
      let g = this.groups.get(k);
      if (!g) {
        g = { key: this.by.map((f) => { const v = row[f]; return v === undefined ? (this.fillNull as string) : (v as Scalar); }), accs: this.specs.map((s) => s.create()) };
        this.groups.set(k, g);
      }
      for (const a of g.accs) a.add(row);
      return;
    }
    for (const key of groupKeys(row, this.by, this.fillNull)) {
      const k = keyString(key);
      let g = this.groups.get(k);
      if (!g) {
        g = { key, accs: this.specs.map((s) => s.create()) };
        this.groups.set(k, g);
      }
      for (const a of g.accs) a.add(row);
    }
  }

  results(): Row[] {
    if (this.by.length === 0 && this.groups.size === 0) {
      // No input rows: one row; count-like functions give 0, others null.
      const row = newRow();
      this.specs.forEach((s) => {
        const v = s.create().result();
        if (v !== undefined) row[s.name] = v;
      });
      return [row];
    }
    const groups = [...this.groups.values()];
    groups.sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        const c = compareScalars(a.key[i], b.key[i]);
        if (c !== 0) return c;
      }
      return 0;
    });
    return groups.map((g) => {
      const row = newRow();
      this.by.forEach((f, i) => { row[f] = g.key[i]; });
      g.accs.forEach((a, i) => {
        const v = a.result();
        if (v !== undefined) row[this.specs[i].name] = v;
      });
      return row;
    });
  }
}
