// `extract|kv [pairdelim=<chars>] [kvdelim=<chars>]`: key/value extraction from _raw. Without
// delimiters, `key=value` / `key="quoted value"` pairs; with them, _raw is split on any pairdelim
// character and each pair on the first kvdelim character. Existing fields are not overwritten.
import type { Row } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { copyRow, option } from './args';
import type { CommandExecutor } from './types';

const AUTO_KV = /([A-Za-z_][\w.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s,;"']*))/g;

export const extract: CommandExecutor = (cmd) => {
  const pairdelim = option(cmd, 'pairdelim');
  const kvdelim = option(cmd, 'kvdelim');
  const apply = (row: Row): Row => {
    const raw = row._raw;
    if (raw === undefined) return row;
    const text = valuesOf(raw).map(scalarText).join('\n');
    const found: [string, string][] = [];
    if (pairdelim !== undefined || kvdelim !== undefined) {
      const pd = pairdelim ?? ' ';
      const kd = kvdelim ?? '=';
      const pairs = text.split(new RegExp(`[${pd.replace(/[\]\\^-]/g, '\\$&')}]`));
      for (const p of pairs) {
        const at = [...p].findIndex((c) => kd.includes(c));
        if (at <= 0) continue;
        const k = p.slice(0, at).trim();
        const v = p.slice(at + 1).trim();
        if (k) found.push([k, v]);
      }
    } else {
      AUTO_KV.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = AUTO_KV.exec(text))) found.push([m[1], m[2] ?? m[3] ?? m[4] ?? '']);
    }
    if (found.length === 0) return row;
    const out = copyRow(row);
    for (const [k, v] of found) if (out[k] === undefined && v !== '') out[k] = v;
    return out;
  };
  return { stream: (batch) => batch.map(apply) };
};
