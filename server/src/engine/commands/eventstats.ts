// `eventstats <aggregations> [BY fields]`: adds each group's aggregates to every row of the group
// (rows whose by-field is null get nothing); row order is kept.
import type { Row } from '../types';
import { copyRow } from './args';
import { groupKeys, keyString } from './aggregate';
import { type CommandExecutor, errorAt } from './types';
import { compileAggregations } from './statsCore';
import { evalOptions } from './util';
import { MAX_HELD_EVENTS } from './heldEvents';

export const eventstats: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'stats' || cmd.body.aggregations.length === 0) return errorAt(cmd, 'eventstats: expected at least one statistical function');
  const specs = compileAggregations(cmd.body.aggregations, evalOptions(ctx), ctx.sourceText);
  if ('severity' in specs) return specs;
  const by = cmd.body.by.map((b) => b.name);
  return {
    maxInputRows: MAX_HELD_EVENTS,
    run: (rows: Row[]) => {
      const groups = new Map<string, ReturnType<(typeof specs)[number]['create']>[]>();
      const rowKeys: string[][] = [];
      for (const row of rows) {
        const keys = groupKeys(row, by).map(keyString);
        rowKeys.push(keys);
        for (const k of keys) {
          let accs = groups.get(k);
          if (!accs) { accs = specs.map((s) => s.create()); groups.set(k, accs); }
          for (const a of accs) a.add(row);
        }
      }
      const results = new Map<string, (ReturnType<ReturnType<(typeof specs)[number]['create']>['result']>)[]>();
      for (const [k, accs] of groups) results.set(k, accs.map((a) => a.result()));
      return rows.map((row, i) => {
        const keys = rowKeys[i];
        if (keys.length === 0) return row;
        const out = copyRow(row);
        const vals = results.get(keys[0]);
        if (vals) specs.forEach((s, j) => { const v = vals[j]; if (v !== undefined) out[s.name] = v; else delete out[s.name]; });
        return out;
      });
    },
    fields: (input) => (input ? [...input, ...specs.map((s) => s.name).filter((n) => !input.includes(n))] : undefined),
  };
};
