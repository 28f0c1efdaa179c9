// `rename a AS b, x* AS y*`: wildcard patterns rename every matching field, the `*` parts carried
// over; an existing target field is replaced; a missing source field changes nothing.
import type { Row } from '../types';
import { newRow } from '../types';
import { fieldPattern } from './args';
import { type CommandExecutor, errorAt } from './types';

interface Renamer { match(name: string): string | undefined }

function renamer(from: string, to: string): Renamer {
  if (!from.includes('*')) return { match: (n) => (n === from ? to : undefined) };
  const re = fieldPattern(from);
  return {
    match(n) {
      const m = re.exec(n);
      if (!m) return undefined;
      let i = 1;
      return to.includes('*') ? to.replace(/\*/g, () => m[i++] ?? '') : to;
    },
  };
}

export function renameField(name: string, pairs: Renamer[]): string {
  for (const p of pairs) { const t = p.match(name); if (t !== undefined) return t; }
  return name;
}

export const rename: CommandExecutor = (cmd) => {
  if (cmd.body.kind !== 'rename' || cmd.body.pairs.length === 0) return errorAt(cmd, 'rename: expected <field> AS <newname>');
  const pairs = cmd.body.pairs.map((p) => renamer(p.from.name, p.to.name));
  const apply = (row: Row): Row => {
    const out = newRow();
    const renamed: [string, Row[string]][] = [];
    for (const k in row) {
      const v = row[k];
      if (v === undefined) continue;
      const t = renameField(k, pairs);
      if (t === k) { if (out[k] === undefined) out[k] = v; } else renamed.push([t, v]);
    }
    for (const [t, v] of renamed) out[t] = v;
    return out;
  };
  return {
    rowPolicy: 'fresh',
    stream: (batch) => batch.map(apply),
    fields: (input) => {
      if (!input) return undefined;
      const out: string[] = [];
      for (const f of input) { const t = renameField(f, pairs); if (!out.includes(t)) out.push(t); }
      return out;
    },
  };
};
