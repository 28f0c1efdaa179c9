// `fromjson <field> [prefix=<p>]`: the top-level keys of the JSON object in <field> become fields
// (arrays → multivalue of their elements' text, objects → JSON text).
import { jsonScalar, tryParseJson } from '../eval/json';
import { fromValues, scalarText, valuesOf } from '../eval/values';
import type { Row, Scalar } from '../types';
import { copyRow, option, positionals } from './args';
import { type CommandExecutor, errorAt } from './types';

export const fromjson: CommandExecutor = (cmd) => {
  const field = positionals(cmd)[0]?.text;
  if (!field) return errorAt(cmd, 'fromjson: expected a field name');
  const prefix = option(cmd, 'prefix') ?? '';
  const apply = (row: Row): Row => {
    const v = row[field];
    if (v === undefined) return row;
    const j = tryParseJson(scalarText(valuesOf(v)[0]));
    if (!j.ok || !j.value || typeof j.value !== 'object' || Array.isArray(j.value)) return row;
    const out = copyRow(row);
    for (const [k, val] of Object.entries(j.value as Record<string, unknown>)) {
      const vals: Scalar[] = [];
      if (Array.isArray(val)) { for (const e of val) { const s = jsonScalar(e); if (s !== undefined) vals.push(s); } } else { const s = jsonScalar(val); if (s !== undefined) vals.push(s); }
      const fv = fromValues(vals);
      if (fv !== undefined) out[prefix + k] = fv;
    }
    return out;
  };
  return { stream: (batch) => batch.map(apply) };
};
