// `stats <aggregations> [BY fields]`: blocking; output columns are the by-fields then the aggregations.
import { type CommandExecutor, errorAt } from './types';
import { compileAggregations, GroupedStats } from './statsCore';
import { evalOptions } from './util';

export const stats: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'stats' || cmd.body.aggregations.length === 0) return errorAt(cmd, 'stats: expected at least one statistical function');
  const specs = compileAggregations(cmd.body.aggregations, evalOptions(ctx), ctx.sourceText);
  if ('severity' in specs) return specs;
  const by = cmd.body.by.map((b) => b.name);
  const fields = [...by, ...specs.map((s) => s.name)];
  return {
    run: (rows) => {
      const g = new GroupedStats(specs, by);
      for (let i = 0; i < rows.length; i++) {
        if ((i & 4095) === 0) ctx.checkpoint();
        g.add(rows[i]);
      }
      return g.results();
    },
    reduce: () => {
      const g = new GroupedStats(specs, by);
      return { add: (row) => g.add(row), finish: () => g.results() };
    },
    fields: () => fields,
    rowPolicy: 'fresh',
  };
};
