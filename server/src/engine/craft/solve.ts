// Field edits that make a row satisfy (or fail) a condition: the deciding condition of a search,
// solved leaf by leaf on the row the engine extracted. Verdicts come from the engine's compilers
// (compileSearch / compileEval per node), so an edit is only proposed for a leaf that really
// fails. For OR (and a negated AND) the alternative needing the fewest edits is chosen.
import type { EvalExpr, SearchExpr } from '../../spl/ast';
import type { Row } from '../types';
import { compileEval, isTruthy } from '../eval/compile';
import type { EvalOptions } from '../eval/context';
import { scalarText, valuesOf } from '../eval/values';
import { compileSearch } from '../search/compile';
import { valueMatcher } from '../search/match';
import { regexExample } from './regexExample';
import { compilePcre } from '../eval/regex';
import { valueMatching, valueNotMatching, valueOrdered } from './values';

/** Set `field` to `value`, or remove it (`value` undefined); `term`: the text must occur in _raw. */
export type Edit = { field: string; value: string | undefined; patterns?: string[]; regexes?: string[] } | { term: string };

/** Edits, or the reason the condition cannot be met by editing one event. */
export type Solution = { edits: Edit[] } | { impossible: string };

const TIME_MODIFIERS = new Set(['earliest', 'latest', '_index_earliest', '_index_latest', 'starttime', 'endtime']);

function combineAll(parts: Solution[]): Solution {
  const edits: Edit[] = [];
  for (const p of parts) {
    if ('impossible' in p) return p;
    edits.push(...p.edits);
  }
  // The same edit from several leaves (dest_ip!=A dest_ip!=B both set dest_ip to C) once.
  const seen = new Set<string>();
  return { edits: mergeSameField(edits).filter((e) => { const k = JSON.stringify(e); return !seen.has(k) && (seen.add(k), true); }) };
}

/** Several `field=pattern` edits on one field (`process="*whoami*" process="*group*"`) become one value that matches every pattern (valueForPatterns). */
function mergeSameField(edits: Edit[]): Edit[] {
  const byField = new Map<string, { field: string; value: string | undefined; patterns?: string[]; regexes?: string[] }[]>();
  for (const e of edits) if ('field' in e && e.patterns !== undefined) byField.set(e.field, [...(byField.get(e.field) ?? []), e]);
  const out: Edit[] = [];
  const done = new Set<string>();
  for (const e of edits) {
    if (!('field' in e) || e.patterns === undefined || (byField.get(e.field)?.length ?? 0) < 2) { out.push(e); continue; }
    if (done.has(e.field)) continue;
    done.add(e.field);
    const group = byField.get(e.field)!;
    const patterns = group.flatMap((g) => g.patterns!);
    const regexes = group.flatMap((g) => g.regexes ?? []);
    const candidate = valueForPatterns(patterns);
    if (candidate !== undefined && regexes.every((r) => regexAccepts(r, candidate))) out.push({ field: e.field, value: candidate, patterns, ...(regexes.length ? { regexes } : {}) });
    else out.push(...group);
  }
  return out;
}

/**
 * One value that matches every `field=pattern` pattern (`*whoami*` and `*groups*`): the anchored
 * prefix, all inner literal pieces, the anchored suffix, with "x" between them; undefined when
 * the matcher does not accept it for every pattern.
 */
export function valueForPatterns(patterns: string[]): string | undefined {
  let prefix = '';
  let suffix = '';
  const inner: string[] = [];
  for (const p of patterns) {
    const pieces = p.split('*');
    if (pieces.length === 1) { inner.push(p); continue; }
    if (pieces[0]) prefix = prefix.length >= pieces[0].length ? prefix : pieces[0];
    if (pieces[pieces.length - 1]) suffix = suffix.length >= pieces[pieces.length - 1].length ? suffix : pieces[pieces.length - 1];
    inner.push(...pieces.slice(1, -1).filter(Boolean));
  }
  const value = [prefix, ...inner, suffix].filter(Boolean).join('x');
  const candidate = `${prefix ? '' : 'x'}${value}${suffix ? '' : 'x'}`;
  return patterns.every((p) => valueMatcher(p)(candidate)) ? candidate : undefined;
}

/** match()'s verdict for a value (the engine's PCRE conversion). */
function regexAccepts(pattern: string, value: string): boolean {
  const re = compilePcre(pattern);
  return !(re instanceof Error) && re.test(value);
}

function cheapest(parts: Solution[]): Solution {
  let best: Solution | undefined;
  for (const p of parts) {
    if ('impossible' in p) { best ??= p; continue; }
    if (!best || 'impossible' in best || p.edits.length < best.edits.length) best = p;
  }
  return best ?? { impossible: 'an empty OR' };
}

function searchVerdict(e: SearchExpr, row: Row): boolean {
  const c = compileSearch(e);
  return c.ok && c.fn(row);
}

/** Edits that give `expr` the verdict `want` on `row`. */
export function solveSearch(expr: SearchExpr, row: Row, want = true): Solution {
  if (searchVerdict(expr, row) === want) return { edits: [] };
  switch (expr.kind) {
    case 'and':
      return want ? combineAll(expr.items.map((i) => solveSearch(i, row, true))) : cheapest(expr.items.map((i) => solveSearch(i, row, false)));
    case 'or':
      return want ? cheapest(expr.items.map((i) => solveSearch(i, row, true))) : combineAll(expr.items.map((i) => solveSearch(i, row, false)));
    case 'not':
      return solveSearch(expr.item, row, !want);
    case 'compare': {
      const f = expr.field;
      const p = expr.value.text;
      if (TIME_MODIFIERS.has(f.toLowerCase())) return { edits: [] };
      const current = row[f] === undefined ? undefined : scalarText(valuesOf(row[f])[0]);
      let value: string | undefined;
      if (expr.op === '=') value = want ? valueMatching(p) : undefined;
      else if (expr.op === '!=') value = want ? valueNotMatching(p, current) : valueMatching(p);
      else {
        const flip = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as const;
        value = valueOrdered(want ? expr.op : flip[expr.op], p);
      }
      if (value === undefined && !(expr.op === '=' && !want)) return { impossible: `no value satisfies ${f}${expr.op}${p}` };
      // `NOT f=v`: removing the field satisfies it (NOT keeps events without the field).
      return { edits: [{ field: f, value, patterns: expr.op === '=' && want ? [p] : undefined }] };
    }
    case 'in': {
      const f = expr.field;
      if (want) {
        const v = expr.values.length ? valueMatching(expr.values[0].text) : undefined;
        return v === undefined ? { impossible: `no value satisfies ${f} IN (…)` } : { edits: [{ field: f, value: v, patterns: [expr.values[0].text] }] };
      }
      return { edits: [{ field: f, value: undefined }] };
    }
    case 'term':
      if (!want) return { impossible: `the event text contains "${expr.value.text}"; removing a term from the raw event is not supported` };
      return { edits: [{ term: expr.value.text.replace(/\*+/g, '') }] };
    case 'subsearch':
      return { impossible: 'a subsearch decides; craft does not run subsearches' };
    default:
      return { impossible: 'part of the condition could not be evaluated' };
  }
}

function evalVerdict(e: EvalExpr, row: Row, opts: EvalOptions): boolean {
  const c = compileEval(e, opts);
  if (!c.ok) return false;
  const v = c.fn(row);
  return v !== undefined && isTruthy(v);
}

function literal(e: EvalExpr): string | undefined {
  return e.kind === 'string' ? e.value : e.kind === 'number' ? e.raw : undefined;
}

/** Like solveSearch for a `where` expression: comparisons of a field with a literal, like(), cidrmatch(), isnull()/isnotnull(), IN, AND/OR/NOT. */
export function solveEval(expr: EvalExpr, row: Row, opts: EvalOptions, want = true): Solution {
  if (evalVerdict(expr, row, opts) === want) return { edits: [] };
  if (expr.kind === 'binary' && (expr.op === 'AND' || expr.op === 'OR')) {
    const parts = [solveEval(expr.left, row, opts, want), solveEval(expr.right, row, opts, want)];
    return (expr.op === 'AND') === want ? combineAll(parts) : cheapest(parts);
  }
  if (expr.kind === 'unary' && expr.op === 'NOT') return solveEval(expr.operand, row, opts, !want);
  const cannot: Solution = { impossible: `cannot craft a value for the where condition ${describe(expr)}` };
  if (expr.kind === 'binary' && ['=', '==', '!=', '<', '<=', '>', '>='].includes(expr.op)) {
    const [fieldSide, litSide, swapped] = expr.left.kind === 'field' ? [expr.left, expr.right, false] : [expr.right, expr.left, true];
    const lit = literal(litSide);
    if (fieldSide.kind !== 'field' || lit === undefined) return cannot;
    let op: string = expr.op === '==' ? '=' : expr.op;
    if (swapped) op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
    if (!want) op = ({ '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as Record<string, string>)[op];
    // eval compares text case-sensitively and exactly: the literal itself, or something else.
    const value = op === '=' ? lit : op === '!=' ? `${lit}-other` : valueOrdered(op as '<', lit);
    return { edits: [{ field: fieldSide.name, value }] };
  }
  if (expr.kind === 'call' && want) {
    const [a, b] = expr.args;
    if ((expr.name === 'like') && a?.kind === 'field' && b && literal(b) !== undefined) {
      // As a search pattern (% and _ → *) so that several like() on one field merge into one value.
      const pattern = literal(b)!.replace(/[%_]+/g, '*');
      return { edits: [{ field: a.name, value: literal(b)!.replace(/%/g, 'x').replace(/_/g, 'x'), patterns: [pattern] }] };
    }
    if (expr.name === 'cidrmatch' && b?.kind === 'field' && a && literal(a) !== undefined) {
      const v = valueMatching(literal(a)!);
      return v ? { edits: [{ field: b.name, value: v }] } : cannot;
    }
    if (expr.name === 'match' && a?.kind === 'field' && b && literal(b) !== undefined) {
      const v = regexExample(literal(b)!);
      // The example as a contains-pattern, so several match() (and field=pattern) on one field merge
      // into one value; the merged value is checked against each regex.
      if (v !== undefined) return { edits: [{ field: a.name, value: v, patterns: v.includes('*') ? undefined : [`*${v}*`], regexes: [literal(b)!] }] };
    }
    if (expr.name === 'isnotnull' && a?.kind === 'field') return { edits: [{ field: a.name, value: 'x' }] };
    if (expr.name === 'isnull' && a?.kind === 'field') return { edits: [{ field: a.name, value: undefined }] };
  }
  if (expr.kind === 'call' && !want && (expr.name === 'isnull' || expr.name === 'isnotnull') && expr.args[0]?.kind === 'field') {
    const f = (expr.args[0] as { name: string }).name;
    return { edits: [{ field: f, value: expr.name === 'isnull' ? 'x' : undefined }] };
  }
  if (expr.kind === 'in' && expr.operand.kind === 'field' && (want !== expr.negated)) {
    const v = expr.values.map(literal).find((x) => x !== undefined);
    if (v !== undefined) return { edits: [{ field: expr.operand.name, value: v }] };
  }
  return cannot;
}

function describe(e: EvalExpr): string {
  return e.kind === 'call' ? `${e.name}(…)` : e.kind === 'binary' ? `… ${e.op} …` : e.kind;
}
