// `bin|bucket [span=<span>] [bins=N] <field> [AS newfield]`: _time (or any time field with a time
// span) is floored to the span (aligned to the epoch; day-or-longer spans to midnight in the run's
// timezone); a numeric span on another field gives Splunk's range text "lo-hi". Without span, _time
// gets the smallest of 1s…1d giving at most `bins` (default 100) buckets.
import type { Row } from '../types';
import { floorToSpan, parseSpan } from '../eval/time';
import { formatNumber, toNumber } from '../eval/values';
import { copyRow, numOption, option, optionRange, positionals } from './args';
import { type CommandExecutor, errorAt } from './types';

const AUTO_SPANS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400, 7 * 86400];

export const bin: CommandExecutor = (cmd, ctx) => {
  const pos = positionals(cmd);
  let field: string | undefined;
  let as: string | undefined;
  for (let i = 0; i < pos.length; i++) {
    if (/^as$/i.test(pos[i].text) && pos[i + 1]) { as = pos[i + 1].text; i++; continue; }
    if (!field) field = pos[i].text;
  }
  if (!field) return errorAt(cmd, `${cmd.name}: expected a field name`);
  const spanText = option(cmd, 'span');
  const span = spanText ? parseSpan(spanText) : undefined;
  if (spanText && !span) return errorAt(cmd, `${cmd.name}: invalid span "${spanText}"`, optionRange(cmd, 'span'));
  const bins = numOption(cmd, 'bins') ?? 100;
  const target = as ?? field;
  const f = field;
  const isTime = f === '_time' || (span !== undefined && span.unit !== 'num');
  return {
    run: (rows: Row[]) => {
      let sp = span;
      if (!sp) {
        if (!isTime) {
          const nums = rows.map((r) => toNumber(r[f] as never)).filter((n): n is number => n !== undefined);
          if (nums.length === 0) return rows;
          const range = Math.max(...nums) - Math.min(...nums);
          let step = 1;
          while (range / step > bins) step *= 10;
          sp = { value: step, unit: 'num' };
        } else {
          const ts = rows.map((r) => toNumber(r[f] as never)).filter((n): n is number => n !== undefined);
          const range = ts.length ? Math.max(...ts) - Math.min(...ts) : 0;
          sp = { value: AUTO_SPANS.find((s) => range / s <= bins) ?? 30 * 86400, unit: 's' };
        }
      }
      const s = sp;
      return rows.map((row) => {
        const n = toNumber(row[f] as never);
        if (n === undefined) return row;
        const out = copyRow(row);
        if (isTime) out[target] = floorToSpan(n, s, ctx.tz);
        else {
          const lo = Math.floor(n / s.value) * s.value;
          out[target] = `${formatNumber(lo)}-${formatNumber(lo + s.value)}`;
        }
        return out;
      });
    },
    fields: (input) => (input && !input.includes(target) ? [...input, target] : input),
  };
};
