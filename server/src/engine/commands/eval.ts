// `eval f=expr, g=expr`: assignments run left to right (later ones see earlier results);
// a null result removes the field; a boolean result cannot be stored (Splunk: "Fields cannot be
// assigned a boolean result") — the field is left null and a warning is reported.
import { compileEval } from '../eval/compile';
import { toFieldValue } from '../eval/values';
import type { EvalFn } from '../eval/context';
import { type CommandExecutor, errorAt } from './types';
import { evalOptions, onceWarner } from './util';

export const evalCommand: CommandExecutor = (cmd, ctx) => {
  if (cmd.body.kind !== 'eval' || cmd.body.assignments.length === 0) return errorAt(cmd, 'eval: expected field=expression');
  const opts = evalOptions(ctx);
  const steps: { field: string; fn: EvalFn }[] = [];
  for (const a of cmd.body.assignments) {
    const c = compileEval(a.expr, opts);
    if (!c.ok) return c.error;
    steps.push({ field: a.field.name, fn: c.fn });
  }
  const warn = onceWarner(ctx, cmd);
  const newFields = steps.map((s) => s.field);
  return {
    stream: (batch) => batch.map((row) => {
      const out = row;
      for (const s of steps) {
        const v = s.fn(out);
        if (typeof v === 'boolean') warn(`eval: fields cannot be assigned a boolean result (${s.field}); use if(<condition>, <true value>, <false value>)`);
        const fv = toFieldValue(v);
        if (fv === undefined) delete out[s.field];
        else out[s.field] = fv;
      }
      return out;
    }),
    fields: (input) => (input ? [...input, ...newFields.filter((f) => !input.includes(f))] : undefined),
  };
};
