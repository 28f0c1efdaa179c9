// `map search="<search with $field$ tokens>" [maxsearches=10]` (or `map [subsearch]`): runs the
// search once per input row (up to maxsearches), `$field$` replaced by the row's value, over the
// same input events; the outputs are concatenated.
import type { Row } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { numOption, option } from './args';
import { type CommandExecutor, errorAt } from './types';

export const map: CommandExecutor = (cmd, ctx) => {
  let template = option(cmd, 'search');
  if (template === undefined && cmd.subsearches[0] && ctx.sourceText) {
    const r = cmd.subsearches[0].range;
    template = ctx.sourceText.slice(r.start + 1, r.end - 1);
  }
  if (template === undefined) return errorAt(cmd, 'map: expected search="…" or a [subsearch]');
  if (!ctx.parsers) return errorAt(cmd, 'map: no SPL parser available');
  const max = numOption(cmd, 'maxsearches') ?? 10;
  const parsers = ctx.parsers;
  const text = template;
  return {
    run: async (rows: Row[]) => {
      const out: Row[] = [];
      if (rows.length > max) ctx.warn({ severity: 'warning', message: `map: only the first ${max} rows were used (maxsearches=${max})`, range: cmd.nameRange });
      for (const row of rows.slice(0, max)) {
        const q = text.replace(/\$([^$\s]+)\$/g, (_m, f: string) => valuesOf(row[f]).map(scalarText).join(' '));
        const p = parsers.parseSpl(q.trim().startsWith('|') || /^search\b/i.test(q.trim()) ? q : `search ${q}`);
        if (p.errors.length > 0) throw new Error(`map search "${q}": ${p.errors[0].message}`);
        const r = await ctx.runSubsearch(p);
        if (r.error) throw new Error(`map search "${q}": ${r.error.message}`);
        out.push(...r.rows);
      }
      return out;
    },
  };
};
