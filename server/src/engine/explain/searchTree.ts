// Explains a search clause (search command, tstats where, data-model constraint) on one row: the
// boolean tree with each node's verdict, and for each leaf why it held or failed. Verdicts come
// from the engine's own compiler (`compileSearch` on each node), so they are the run's verdicts;
// this module only adds the reasons. The rules quoted in the reasons are those compile.ts
// implements, from Splunk's Search Reference ("search" command; "Difference between NOT and !=";
// "Use CIDR notation in searches"): field names are case-sensitive and values are not, `*` is a
// wildcard, `!=` needs the field, `NOT f=v` also keeps events without it.
import * as ipaddr from 'ipaddr.js';
import type { SearchCompare, SearchExpr, SearchIn, SearchTerm } from '../../spl/ast';
import type { Row } from '../types';
import { isNumericText, valuesOf } from '../eval/values';
import { compileSearch, type SearchCompileOptions } from '../search/compile';
import { nodeRange, nodeText, quoteValues, shownValues, type TreeContext } from './context';
import type { ConditionNode, LeafReason } from './types';

const TIME_MODIFIERS = new Set(['earliest', 'latest', '_index_earliest', '_index_latest', 'starttime', 'endtime']);

const NO_OPTIONS: SearchCompileOptions = {};

/** The verdict tree of `expr` on `row`. */
export function explainSearchExpr(expr: SearchExpr, row: Row, ctx: TreeContext, opts: SearchCompileOptions = NO_OPTIONS): ConditionNode {
  const base = { text: nodeText(ctx, expr.range), range: nodeRange(ctx, expr.range) };
  switch (expr.kind) {
    case 'and':
    case 'or': {
      const children = expr.items.map((i) => explainSearchExpr(i, row, ctx, opts));
      return { kind: expr.kind, verdict: verdictOf(expr, row, opts), ...base, children };
    }
    case 'not':
      return { kind: 'not', verdict: verdictOf(expr, row, opts), ...base, children: [explainSearchExpr(expr.item, row, ctx, opts)] };
    default: {
      const verdict = verdictOf(expr, row, opts);
      return { kind: 'leaf', verdict, ...base, reason: leafReason(expr, row, verdict === true) };
    }
  }
}

// Compiled nodes, per options object (near misses explain many rows with the same nodes).
const compiled = new WeakMap<SearchCompileOptions, WeakMap<SearchExpr, ((row: Row) => boolean) | null>>();

function verdictOf(expr: SearchExpr, row: Row, opts: SearchCompileOptions): boolean | null {
  let byNode = compiled.get(opts);
  if (!byNode) compiled.set(opts, (byNode = new WeakMap()));
  let fn = byNode.get(expr);
  if (fn === undefined) {
    const c = compileSearch(expr, opts);
    fn = c.ok ? c.fn : null;
    byNode.set(expr, fn);
  }
  return fn ? fn(row) : null;
}

/** The leaves of a verdict tree. */
export function leavesOf(node: ConditionNode, out: ConditionNode[] = []): ConditionNode[] {
  if (node.kind === 'leaf') out.push(node);
  else for (const c of node.children ?? []) leavesOf(c, out);
  return out;
}

/**
 * The leaves that stand in the way of `node` having the verdict `want` (true by default): for a
 * false AND its false children's blockers, for a false OR every child's, under NOT the child's
 * blockers of the opposite verdict. Empty when the node already has that verdict. Null counts as
 * false (where drops the row).
 */
export function blockers(node: ConditionNode, want = true): ConditionNode[] {
  if ((node.verdict === true) === want) return [];
  switch (node.kind) {
    case 'leaf':
    case 'xor':
      return [node];
    case 'not':
      return blockers(node.children![0], !want);
    case 'and':
    case 'or': {
      const kids = node.children ?? [];
      // AND wanted true / OR wanted false: every child that disagrees; otherwise: all children.
      return kids.flatMap((c) => blockers(c, want));
    }
  }
}

/**
 * The leaves with whether each one, as it stands, helps the whole condition hold: a leaf under an
 * odd number of NOTs helps when it is false. (XOR leaves count as helping when true.)
 */
export function leavesWithPolarity(node: ConditionNode, negated = false, out: { leaf: ConditionNode; helps: boolean }[] = []): { leaf: ConditionNode; helps: boolean }[] {
  if (node.kind === 'leaf') out.push({ leaf: node, helps: negated ? node.verdict === false : node.verdict === true });
  else for (const c of node.children ?? []) leavesWithPolarity(c, node.kind === 'not' ? !negated : negated, out);
  return out;
}

export function patternRule(pattern: string): { rule: string; kind: 'any' | 'wildcard' | 'cidr' | 'number' | 'text' } {
  if (pattern === '*') return { kind: 'any', rule: '`*` alone: the field exists with any value' };
  if (pattern.includes('*')) return { kind: 'wildcard', rule: 'case-insensitive; `*` matches any run of characters; the whole value must match' };
  if (pattern.includes('/') && ipaddr.isValidCIDR(pattern.trim())) return { kind: 'cidr', rule: 'CIDR: the value must be an IP address inside the range' };
  if (isNumericText(pattern)) return { kind: 'number', rule: 'numeric: equal as numbers (05 = 5.0), or equal as case-insensitive text' };
  return { kind: 'text', rule: 'case-insensitive; the whole value must be equal (no substring match: add `*` for that)' };
}

function leafReason(e: SearchExpr, row: Row, held: boolean): LeafReason {
  switch (e.kind) {
    case 'compare': return compareReason(e, row, held);
    case 'in': return inReason(e, row, held);
    case 'term': return termReason(e, held);
    case 'subsearch': return { code: held ? 'match' : 'value-mismatch', message: held ? 'a row of the subsearch matches the event' : 'no row of the subsearch matches the event (its rows become field="value" conditions)' };
    default: return { code: 'false', message: 'this part of the search could not be evaluated' };
  }
}

function isIp(s: string): boolean {
  return ipaddr.isValid(s.trim());
}

function compareReason(e: SearchCompare, row: Row, held: boolean): LeafReason {
  const field = e.field;
  const pattern = e.value.text;
  if (TIME_MODIFIERS.has(field.toLowerCase())) return { code: 'ignored', message: `${field}= is a time modifier: the local engine does not bound sample logs by time`, field };
  const v = row[field];
  const all = valuesOf(v);
  const values = shownValues(v);
  if (v === undefined) {
    if (field === 'index' && e.op === '=') return { code: 'ignored', field, message: 'index= is not filtered: the event has no index field (the local engine has no indexes)' };
    const note = e.op === '!=' ? ' (`!=` requires the field to exist; `NOT ' + field + '=' + pattern + '` would keep the event)' : '';
    return { code: 'field-absent', field, pattern, message: `the event has no field ${field}${note}`, rule: 'field names are case-sensitive' };
  }
  if (e.op === '=' || e.op === '!=') {
    const { rule, kind } = patternRule(pattern);
    const shown = quoteValues(values, all.length);
    if (e.op === '=') {
      if (held) return { code: 'match', field, values, pattern, rule, message: `${field} = ${shown} matches ${JSON.stringify(pattern)}` };
      if (kind === 'cidr') {
        const ips = all.filter((x) => isIp(String(x)));
        if (ips.length === 0) return { code: 'type-mismatch', field, values, pattern, rule, message: `${field} = ${shown} is not an IP address, so it cannot be in ${pattern}` };
        return { code: 'cidr-not-contained', field, values, pattern, rule, message: `${field} = ${shown} is not inside ${pattern}` };
      }
      const many = all.length > 1 ? 'none of the values of a multivalue field matches' : 'no match';
      return { code: 'value-mismatch', field, values, pattern, rule, message: `${field} = ${shown}: ${many} for ${JSON.stringify(pattern)} (${rule})` };
    }
    if (held) return { code: 'match', field, values, pattern, rule, message: `${field} = ${shown} exists and differs from ${JSON.stringify(pattern)}` };
    const which = all.length > 1 ? 'one of its values matches' : 'its value matches';
    return { code: 'value-mismatch', field, values, pattern, rule, message: `${field} = ${shown}: ${which} ${JSON.stringify(pattern)}, so ${field}!=${pattern} is false (${rule})` };
  }
  const numeric = isNumericText(pattern);
  const nonNumeric = numeric ? all.filter((x) => typeof x !== 'number' && !isNumericText(x)) : [];
  const rule = numeric ? 'numeric when both sides are numbers, otherwise case-insensitive text order' : 'case-insensitive text order (the literal is not a number)';
  const shown = quoteValues(values, all.length);
  if (held) return { code: 'match', field, values, pattern, rule, message: `${field} = ${shown} satisfies ${e.op} ${pattern}` };
  if (numeric && nonNumeric.length === all.length) return { code: 'type-mismatch', field, values, pattern, rule, message: `${field} = ${shown} is not a number, so it was compared with ${pattern} as text` };
  return { code: 'value-mismatch', field, values, pattern, rule, message: `${field} = ${shown} does not satisfy ${e.op} ${pattern}` };
}

function inReason(e: SearchIn, row: Row, held: boolean): LeafReason {
  const field = e.field;
  const v = row[field];
  const list = e.values.map((x) => x.text);
  const pattern = `(${list.map((x) => JSON.stringify(x)).join(', ')})`;
  const rule = 'matches when any value equals any list item (case-insensitive; `*` wildcards and CIDR allowed)';
  if (v === undefined) return { code: 'field-absent', field, pattern, rule, message: `the event has no field ${field}` };
  const values = shownValues(v);
  const shown = quoteValues(values, valuesOf(v).length);
  if (held) return { code: 'match', field, values, pattern, rule, message: `${field} = ${shown} is in the list` };
  return { code: 'value-mismatch', field, values, pattern, rule, message: `${field} = ${shown} matches none of ${pattern}` };
}

function termReason(e: SearchTerm, held: boolean): LeafReason {
  const what = e.term ? `TERM(${e.value.text})` : e.value.quoted ? `phrase ${JSON.stringify(e.value.text)}` : `term ${e.value.text}`;
  const rule = e.term
    ? 'case-insensitive; must be bounded by major breakers (space, quotes, brackets, ; , | …) in _raw'
    : 'case-insensitive occurrence in _raw bounded by breakers (space, punctuation such as . : = / -); `*` matches any run';
  if (held) return { code: 'match', pattern: e.value.text, rule, message: `${what} occurs in _raw` };
  return { code: 'term-absent', pattern: e.value.text, rule, message: `${what} does not occur in _raw as a whole term` };
}
