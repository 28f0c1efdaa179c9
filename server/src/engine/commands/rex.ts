// `rex [field=_raw] [max_match=1] [mode=sed] "<regex>"`: named groups (`(?<n>…)` or `(?P<n>…)`)
// become fields; max_match>1 (0 = unlimited) collects a multivalue per group over successive matches;
// without a match, existing fields are left alone. mode=sed applies `s/re/repl/flags` (g or a number
// N = Nth match) or `y/abc/xyz/` to the field in place.
import { compilePcre, convertPcre, pcreReplaceAll } from '../eval/regex';
import { fromValues, scalarText, valuesOf } from '../eval/values';
import type { Row, Scalar } from '../types';
import { numOption, option, unescapeQuotedArg } from './args';
import { type CommandExecutor, errorAt } from './types';

function splitSed(expr: string): string[] | undefined {
  const cmd = expr[0];
  const sep = expr[1];
  if ((cmd !== 's' && cmd !== 'y') || !sep) return undefined;
  const parts: string[] = [];
  let cur = '';
  for (let i = 2; i < expr.length; i++) {
    const c = expr[i];
    if (c === '\\' && expr[i + 1] === sep) { cur += sep; i++; continue; }
    if (c === '\\' && i + 1 < expr.length) { cur += c + expr[i + 1]; i++; continue; }
    if (c === sep) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  parts.push(cur);
  return [cmd, ...parts];
}

export const rex: CommandExecutor = (cmd) => {
  if (cmd.body.kind !== 'rex' || !cmd.body.regex) return errorAt(cmd, 'rex: expected a regular expression');
  const field = cmd.body.field ?? option(cmd, 'field') ?? '_raw';
  const pattern = unescapeQuotedArg(cmd.body.regex.value);
  const range = cmd.body.regex.range;
  if ((option(cmd, 'mode') ?? '').toLowerCase() === 'sed') {
    const parts = splitSed(pattern);
    if (!parts || parts.length < 3) return errorAt(cmd, 'rex mode=sed: expected s/<regex>/<replacement>/[flags] or y/<from>/<to>/', range);
    let apply: (s: string) => string;
    if (parts[0] === 'y') {
      const from = [...parts[1]];
      const to = [...parts[2]];
      apply = (s) => [...s].map((c) => { const i = from.indexOf(c); return i >= 0 && i < to.length ? to[i] : c; }).join('');
    } else {
      const flags = parts[3] ?? '';
      const re = compilePcre(parts[1], flags.includes('i') ? 'i' : '');
      if (re instanceof Error) return errorAt(cmd, `rex: ${re.message}`, range);
      const nth = /\d+/.exec(flags);
      const global = flags.includes('g');
      const repl = parts[2];
      apply = (s) => pcreReplaceAll(s, re, repl, global, nth ? Number(nth[0]) : undefined);
    }
    return {
      stream: (batch) => batch.map((row) => {
        const v = row[field];
        if (v === undefined) return row;
        row[field] = fromValues(valuesOf(v).map((x) => apply(scalarText(x))));
        return row;
      }),
    };
  }
  const maxMatch = numOption(cmd, 'max_match') ?? 1;
  const re = compilePcre(pattern, 'g');
  if (re instanceof Error) return errorAt(cmd, `rex: ${re.message}`, range);
  const names = convertPcre(pattern).groupNames;
  if (names.length === 0) return errorAt(cmd, 'rex: the regular expression has no named capture group (?<name>…)', range);
  const limit = maxMatch <= 0 ? Infinity : maxMatch;
  const extract = (row: Row): Row => {
    const v = row[field];
    if (v === undefined) return row;
    const found = new Map<string, Scalar[]>();
    let matches = 0;
    for (const x of valuesOf(v)) {
      const s = scalarText(x);
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while (matches < limit && (m = re.exec(s))) {
        matches++;
        if (m[0] === '') re.lastIndex++;
        for (const n of names) {
          const g = m.groups?.[n];
          if (g === undefined) continue;
          const list = found.get(n);
          if (list) list.push(g);
          else found.set(n, [g]);
        }
      }
      if (matches >= limit) break;
    }
    if (found.size === 0) return row;
    for (const [n, vals] of found) row[n] = fromValues(vals);
    return row;
  };
  return {
    stream: (batch) => batch.map(extract),
    fields: (input) => (input ? [...input, ...names.filter((n) => !input.includes(n))] : undefined),
  };
};
