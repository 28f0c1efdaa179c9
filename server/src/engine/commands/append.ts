// `append [subsearch]` adds the subsearch's rows after the current rows; `appendpipe [pipeline]`
// runs the pipeline over the current rows and adds its output after them.
import type { Row } from '../types';
import { copyRow } from './args';
import { type CommandExecutor, errorAt } from './types';
import { runFirstSubsearch } from './util';

export const append: CommandExecutor = async (cmd, ctx) => {
  const sub = await runFirstSubsearch(cmd, ctx);
  if (!sub) return errorAt(cmd, 'append: expected a [subsearch]');
  if (sub.error) return { ...sub.error, message: `append subsearch: ${sub.error.message}` };
  return { run: (rows: Row[]) => [...rows, ...sub.rows], rowPolicy: 'passthrough' };
};

export const appendpipe: CommandExecutor = (cmd, ctx) => {
  const sub = cmd.subsearches[0];
  if (!sub) return errorAt(cmd, 'appendpipe: expected a [pipeline]');
  return {
    rowPolicy: 'passthrough',
    run: async (rows: Row[]) => {
      const r = await ctx.runSubsearch(sub.pipeline, rows.map(copyRow));
      if (r.error) throw new Error(`appendpipe: ${r.error.message}`);
      return [...rows, ...r.rows];
    },
  };
};
