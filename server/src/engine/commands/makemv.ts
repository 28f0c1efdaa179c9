// `makemv [delim=" "] [tokenizer=<regex>] [allowempty=f] [setsv=f] <field>`: splits a field into a
// multivalue by a delimiter string, or by the first capture group of each tokenizer match.
import { compilePcre } from '../eval/regex';
import { fromValues, scalarText, valuesOf } from '../eval/values';
import { boolOption, copyRow, option, positionals } from './args';
import { type CommandExecutor, errorAt } from './types';

export const makemv: CommandExecutor = (cmd) => {
  const field = positionals(cmd)[0]?.text;
  if (!field) return errorAt(cmd, 'makemv: expected a field name');
  const delim = option(cmd, 'delim') ?? ' ';
  const tok = option(cmd, 'tokenizer');
  const allowEmpty = boolOption(cmd, 'allowempty', false);
  const setsv = boolOption(cmd, 'setsv', false);
  const re = tok !== undefined ? compilePcre(tok, 'g') : undefined;
  if (re instanceof Error) return errorAt(cmd, `makemv: ${re.message}`);
  const split = (s: string): string[] => {
    if (re) {
      const out: string[] = [];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s))) { out.push(m[1] ?? m[0]); if (m[0] === '') re.lastIndex++; }
      return out;
    }
    const parts = s.split(delim);
    return allowEmpty ? parts : parts.filter((p) => p !== '');
  };
  return {
    stream: (batch) => batch.map((row) => {
      const v = row[field];
      if (v === undefined) return row;
      const out = copyRow(row);
      const vals = valuesOf(v).flatMap((x) => split(scalarText(x)));
      const fv = setsv ? vals.join(delim) : fromValues(vals);
      if (fv === undefined) delete out[field];
      else out[field] = fv;
      return out;
    }),
  };
};
