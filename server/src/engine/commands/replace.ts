// `replace <old> WITH <new> [, <old> WITH <new>]… [IN <field>, …]`: replaces whole field values
// equal to <old> (case-sensitive; `*` in <old> is a wildcard whose matches fill the `*`s of <new>,
// in order). Without IN, all fields except internal `_` fields are considered. First matching pair wins.
import type { Row } from '../types';
import { fromValues, scalarText, valuesOf } from '../eval/values';
import { copyRow, fieldPattern, positionals } from './args';
import { type CommandExecutor, errorAt } from './types';

export const replace: CommandExecutor = (cmd) => {
  const pos = positionals(cmd).map((p) => p.text);
  const pairs: { re: RegExp; to: string }[] = [];
  let i = 0;
  while (i + 2 < pos.length && /^with$/i.test(pos[i + 1] ?? '')) {
    pairs.push({ re: fieldPattern(pos[i]), to: pos[i + 2] });
    i += 3;
  }
  let fields: string[] | undefined;
  if (i < pos.length && /^in$/i.test(pos[i])) fields = pos.slice(i + 1);
  else if (i < pos.length) return errorAt(cmd, `replace: expected <old> WITH <new> … [IN fields], found "${pos[i]}"`);
  if (pairs.length === 0) return errorAt(cmd, 'replace: expected <old> WITH <new>');
  const one = (s: string): string => {
    for (const p of pairs) {
      const m = p.re.exec(s);
      if (!m) continue;
      let k = 1;
      return p.to.includes('*') ? p.to.replace(/\*/g, () => m[k++] ?? '') : p.to;
    }
    return s;
  };
  return {
    stream: (batch) => batch.map((row: Row) => {
      const out = copyRow(row);
      for (const f of fields ?? Object.keys(row).filter((k) => !k.startsWith('_'))) {
        const v = row[f];
        if (v === undefined) continue;
        out[f] = fromValues(valuesOf(v).map((x) => one(scalarText(x))));
      }
      return out;
    }),
  };
};
