// `streamstats [current=t] [window=N] [global=t] [reset_on_change=f] <aggregations> [BY fields]`:
// running aggregates in row order, per group. With window=N the aggregate covers the last N rows
// of the group (current row included unless current=f).
import type { Row } from '../types';
import { boolOption, copyRow, numOption } from './args';
import { groupKeys, keyString } from './aggregate';
import { type CommandExecutor, errorAt } from './types';
import { compileAggregations } from './statsCore';
import { evalOptions } from './util';

export const streamstats: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'stats' || cmd.body.aggregations.length === 0) return errorAt(cmd, 'streamstats: expected at least one statistical function');
  const specs = compileAggregations(cmd.body.aggregations, evalOptions(ctx), ctx.sourceText);
  if ('severity' in specs) return specs;
  const by = cmd.body.by.map((b) => b.name);
  const current = boolOption(cmd, 'current', true);
  const window = numOption(cmd, 'window') ?? 0;
  const history = new Map<string, Row[]>();
  const running = new Map<string, { accs: ReturnType<(typeof specs)[number]['create']>[]; n: number }>();
  return {
    stream: (batch) => batch.map((row) => {
      const keys = groupKeys(row, by);
      if (keys.length === 0) return row;
      const k = keyString(keys[0]);
      if (window <= 0) {
        let st = running.get(k);
        if (!st) { st = { accs: specs.map((s) => s.create()), n: 0 }; running.set(k, st); }
        const out = copyRow(row);
        if (current) { for (const a of st.accs) a.add(row); st.n++; }
        if (st.n > 0) specs.forEach((s, i) => { const v = st.accs[i].result(); if (v !== undefined) out[s.name] = v; });
        if (!current) { for (const a of st.accs) a.add(row); st.n++; }
        return out;
      }
      let h = history.get(k);
      if (!h) { h = []; history.set(k, h); }
      const prior = window > 0 ? h.slice(Math.max(0, h.length - (current ? window - 1 : window))) : h;
      const rowsFor = current ? [...prior, row] : prior;
      const out = copyRow(row);
      for (const s of specs) {
        const acc = s.create();
        for (const r of rowsFor) acc.add(r);
        const v = rowsFor.length === 0 ? undefined : acc.result();
        if (v !== undefined) out[s.name] = v;
      }
      h.push(row);
      if (window > 0 && h.length > window) h.shift();
      return out;
    }),
    fields: (input) => (input ? [...input, ...specs.map((s) => s.name).filter((n) => !input.includes(n))] : undefined),
  };
};
