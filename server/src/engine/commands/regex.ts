// `regex [field=_raw] "<regex>"` / `regex field!="<regex>"`: keeps rows whose field matches (or,
// negated, does not match; rows without the field are kept when negated and dropped otherwise).
import { compilePcre } from '../eval/regex';
import { scalarText, valuesOf } from '../eval/values';
import { unescapeQuotedArg } from './args';
import { type CommandExecutor, errorAt } from './types';

export const regex: CommandExecutor = (cmd) => {
  if (cmd.body.kind !== 'regex' || !cmd.body.regex) return errorAt(cmd, 'regex: expected a regular expression');
  const field = cmd.body.field ?? '_raw';
  const negated = cmd.body.negated;
  const re = compilePcre(unescapeQuotedArg(cmd.body.regex.value));
  if (re instanceof Error) return errorAt(cmd, `regex: ${re.message}`, cmd.body.regex.range);
  return {
    stream: (batch) => batch.filter((row) => {
      const v = row[field];
      const hit = valuesOf(v).some((x) => re.test(scalarText(x)));
      return negated ? !hit : hit;
    }),
    rowPolicy: 'passthrough',
  };
};
