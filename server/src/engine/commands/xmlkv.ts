// `xmlkv [field=_raw] [maxinputs=N]`: `<tag>value</tag>` pairs in the text become fields (tag names,
// first value wins; values are not entity-decoded, like Splunk's extractions).
import type { Row } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { copyRow, option, positionals } from './args';
import type { CommandExecutor } from './types';

const PAIR = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]*)<\/\1>/g;

export const xmlkv: CommandExecutor = (cmd) => {
  const field = option(cmd, 'field') ?? positionals(cmd)[0]?.text ?? '_raw';
  const apply = (row: Row): Row => {
    const v = row[field];
    if (v === undefined) return row;
    let out: Row | undefined;
    for (const x of valuesOf(v)) {
      const s = scalarText(x);
      PAIR.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PAIR.exec(s))) {
        out ??= copyRow(row);
        if (out[m[1]] === undefined && m[2] !== '') out[m[1]] = m[2];
      }
    }
    return out ?? row;
  };
  return { stream: (batch) => batch.map(apply) };
};
