// `search <clause>` (also the implicit leading search): filters rows; subsearches run first.
import { type CommandExecutor, errorAt } from './types';
import { compileSearchClause } from './util';

export const search: CommandExecutor = async (cmd, ctx) => {
  if (cmd.body.kind !== 'search') return errorAt(cmd, 'search: expected a search clause');
  const c = await compileSearchClause(cmd.body.expr, ctx);
  if (!c.ok) return c.error;
  const pred = c.fn;
  return { stream: (batch) => batch.filter(pred), rowPolicy: 'passthrough' };
};
