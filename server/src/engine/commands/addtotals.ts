// `addtotals [row=t] [col=f] [fieldname=Total] [labelfield=f] [label=Total] [field …]`: adds the sum
// of the numeric fields (all, or the listed ones with wildcards) to each row; col=t appends a row of
// column sums (labelled in labelfield when given).
import type { Row } from '../types';
import { newRow } from '../types';
import { toNumber } from '../eval/values';
import { boolOption, copyRow, fieldPattern, option, positionals } from './args';
import type { CommandExecutor } from './types';

export const addtotals: CommandExecutor = (cmd) => {
  const rowTotals = boolOption(cmd, 'row', true);
  const colTotals = boolOption(cmd, 'col', false);
  const fieldname = option(cmd, 'fieldname') ?? 'Total';
  const labelfield = option(cmd, 'labelfield');
  const label = option(cmd, 'label') ?? 'Total';
  const listed = positionals(cmd).map((p) => fieldPattern(p.text));
  const included = (k: string) => !k.startsWith('_') && k !== fieldname && (listed.length === 0 || listed.some((r) => r.test(k)));
  return {
    run: (rows: Row[]) => {
      const out = rows.map((r) => {
        if (!rowTotals) return r;
        let sum = 0;
        let any = false;
        for (const k in r) {
          if (!included(k)) continue;
          const n = toNumber(r[k] as never);
          if (n !== undefined) { sum += n; any = true; }
        }
        if (!any) return r;
        const o = copyRow(r);
        o[fieldname] = sum;
        return o;
      });
      if (colTotals) {
        const totals = newRow();
        for (const r of out) {
          for (const k in r) {
            if (k.startsWith('_') || (listed.length > 0 && !listed.some((x) => x.test(k)) && k !== fieldname)) continue;
            const n = toNumber(r[k] as never);
            if (n !== undefined) totals[k] = ((totals[k] as number | undefined) ?? 0) + n;
          }
        }
        if (labelfield) totals[labelfield] = label;
        out.push(totals);
      }
      return out;
    },
    fields: (input) => (input && rowTotals && !input.includes(fieldname) ? [...input, fieldname] : input),
  };
};
