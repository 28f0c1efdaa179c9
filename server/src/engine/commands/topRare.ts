// `top|rare [limit=10] [countfield=count] [percentfield=percent] [showcount=t] [showperc=t] <fields> [by <fields>]`:
// counts value combinations (a row with a missing field is skipped), most (top) or least (rare)
// frequent first, ties in first-seen order; percent of the rows counted in the same by-group.
import type { Row } from '../types';
import { newRow } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { boolOption, numOption, option, positionals } from './args';
import { type CommandExecutor, errorAt } from './types';

function make(rare: boolean): CommandExecutor {
  return (cmd) => {
    const pos = positionals(cmd).map((p) => p.text);
    const byAt = pos.findIndex((p) => /^by$/i.test(p));
    const fields = byAt >= 0 ? pos.slice(0, byAt) : pos;
    const by = byAt >= 0 ? pos.slice(byAt + 1) : [];
    if (fields.length === 0) return errorAt(cmd, `${cmd.name}: expected at least one field`);
    const limit = numOption(cmd, 'limit') ?? 10;
    const countfield = option(cmd, 'countfield') ?? 'count';
    const percentfield = option(cmd, 'percentfield') ?? 'percent';
    const showcount = boolOption(cmd, 'showcount', true);
    const showperc = boolOption(cmd, 'showperc', true);
    return {
      rowPolicy: 'fresh',
      run: (rows: Row[]) => {
        const groups = new Map<string, { byVals: string[]; total: number; counts: Map<string, { vals: string[]; n: number }> }>();
        for (const r of rows) {
          const byVals: string[] = [];
          let skip = false;
          for (const f of by) { const v = valuesOf(r[f]); if (!v.length) { skip = true; break; } byVals.push(scalarText(v[0])); }
          const vals: string[] = [];
          for (const f of fields) { const v = valuesOf(r[f]); if (!v.length) { skip = true; break; } vals.push(valuesOf(r[f]).map(scalarText).join('\n')); }
          if (skip) continue;
          const gk = byVals.join('\u0001');
          let g = groups.get(gk);
          if (!g) { g = { byVals, total: 0, counts: new Map() }; groups.set(gk, g); }
          g.total++;
          const k = vals.join('\u0001');
          const c = g.counts.get(k);
          if (c) c.n++;
          else g.counts.set(k, { vals, n: 1 });
        }
        const out: Row[] = [];
        for (const g of groups.values()) {
          const list = [...g.counts.values()];
          list.sort((a, b) => (rare ? a.n - b.n : b.n - a.n));
          for (const c of limit > 0 ? list.slice(0, limit) : list) {
            const row = newRow();
            by.forEach((f, i) => { row[f] = g.byVals[i]; });
            fields.forEach((f, i) => { row[f] = c.vals[i]; });
            if (showcount) row[countfield] = c.n;
            if (showperc) row[percentfield] = Math.round((c.n / g.total) * 100 * 1e6) / 1e6;
            out.push(row);
          }
        }
        return out;
      },
      fields: () => [...by, ...fields, ...(showcount ? [countfield] : []), ...(showperc ? [percentfield] : [])],
    };
  };
}

export const top = make(false);
export const rare = make(true);
