// `spath [input=_raw] [path=<p> | <p>] [output=<f>]`: with a path, extracts the value(s) at the
// path (multivalue for arrays, `{}`/`{n}` steps) into output (default: the path text); without a
// path, flattens the whole JSON document into fields (`a.b`, `c{}`). XML input is not parsed.
import { flattenJson, jsonPathValues, tryParseJson } from '../eval/json';
import { fromValues, scalarText, valuesOf } from '../eval/values';
import type { Row } from '../types';
import { copyRow, option, positionals } from './args';
import type { CommandExecutor } from './types';

export const spath: CommandExecutor = (cmd) => {
  const input = option(cmd, 'input') ?? '_raw';
  const pos = positionals(cmd);
  const path = option(cmd, 'path') ?? pos[0]?.text;
  const output = option(cmd, 'output') ?? path;
  const apply = (row: Row): Row => {
    const v = row[input];
    if (v === undefined) return row;
    const text = scalarText(valuesOf(v)[0]);
    const j = tryParseJson(text);
    if (!j.ok) return row;
    const out = copyRow(row);
    if (path !== undefined && output !== undefined) {
      const vals = jsonPathValues(j.value, path);
      const fv = fromValues(vals);
      if (fv !== undefined) out[output] = fv;
      return out;
    }
    const flat = new Map<string, string[]>();
    flattenJson(j.value, '', flat as Map<string, (string | number)[]>);
    for (const [k, vals] of flat) if (out[k] === undefined) out[k] = fromValues(vals);
    return out;
  };
  return {
    stream: (batch) => batch.map(apply),
    fields: (inputFields) => (inputFields && output && !inputFields.includes(output) ? [...inputFields, output] : path ? inputFields : undefined),
  };
};
