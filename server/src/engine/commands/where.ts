// `where <eval expression>`: keeps rows whose expression is true (null/false drop the row).
import { compileEval, isTruthy } from '../eval/compile';
import { type CommandExecutor, errorAt } from './types';
import { evalOptions } from './util';

export const where: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'where' || !cmd.body.expr) return errorAt(cmd, 'where: expected an expression');
  const c = compileEval(cmd.body.expr, evalOptions(ctx));
  if (!c.ok) return c.error;
  const fn = c.fn;
  return { stream: (batch) => batch.filter((r) => isTruthy(fn(r))), rowPolicy: 'passthrough' };
};
