// Compiles a search clause (search command, tstats where) to a row predicate with Splunk's
// search-command semantics:
// - field names are case-sensitive, values case-insensitive; `*` is a wildcard (quoted or not);
// - `field=v` / `field IN (…)` match when any value of a multivalue field matches;
// - `field!=v` requires the field to exist; `NOT field=v` also keeps rows without the field;
// - `field=*` means the field exists; CIDR literals (`10.0.0.0/8`, IPv6) match IP values;
// - `< <= > >=` are numeric when both sides are numbers;
// - bare terms / phrases match `_raw` (see match.ts rawMatcher); without `_raw` they match any field value;
// - `index=` is not filtered when the row has no `index` field (the local engine has no indexes), and
//   `earliest=`/`latest=` time modifiers are ignored (sample logs are not time-bounded);
// - subsearches must be run beforehand: their rows become an OR of AND-ed `field="value"` terms
//   (format command semantics); an empty result matches nothing.
import type { Range, SearchExpr, SearchValue, Subsearch } from '../../spl/ast';
import type { EngineMessage, Row, Scalar } from '../types';
import { scalarText, valuesOf } from '../eval/values';
import { inMatcher, orderMatcher, rawMatcher, type ValueMatcher, valueMatcher } from './match';

export type RowPredicate = (row: Row) => boolean;

export interface SearchCompileOptions {
  /** Results of subsearches already run, keyed by their AST node. */
  subsearchResults?: Map<Subsearch, Row[]>;
  /** Parses a search-clause string (used for a subsearch row with a `search`/`query` field). */
  parseSearchClause?: (text: string) => SearchExpr | undefined;
}

export type SearchCompileResult = { ok: true; fn: RowPredicate } | { ok: false; error: EngineMessage };

class SearchCompileError extends Error {
  constructor(message: string, readonly range: Range) {
    super(message);
  }
}

const TIME_MODIFIERS = new Set(['earliest', 'latest', '_index_earliest', '_index_latest', 'starttime', 'endtime']);

export function compileSearch(expr: SearchExpr | undefined, opts: SearchCompileOptions = {}): SearchCompileResult {
  if (!expr) return { ok: true, fn: () => true };
  try {
    return { ok: true, fn: build(expr, opts) };
  } catch (e) {
    if (e instanceof SearchCompileError) return { ok: false, error: { severity: 'error', message: e.message, range: e.range } };
    throw e;
  }
}

function anyValue(v: Row[string], m: ValueMatcher): boolean {
  if (v === undefined) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (m(x)) return true;
    return false;
  }
  return m(v);
}

function literal(v: SearchValue): string {
  return v.text;
}

function build(e: SearchExpr, opts: SearchCompileOptions): RowPredicate {
  switch (e.kind) {
    case 'and': {
      const items = e.items.map((i) => build(i, opts));
      if (items.length === 1) return items[0];
      if (items.length === 2) { const [a, b] = items; return (row) => a(row) && b(row); }
      return (row) => { for (const f of items) if (!f(row)) return false; return true; };
    }
    case 'or': {
      const items = e.items.map((i) => build(i, opts));
      if (items.length === 2) { const [a, b] = items; return (row) => a(row) || b(row); }
      return (row) => { for (const f of items) if (f(row)) return true; return false; };
    }
    case 'not': {
      const f = build(e.item, opts);
      return (row) => !f(row);
    }
    case 'compare': {
      const field = e.field;
      const text = literal(e.value);
      if (TIME_MODIFIERS.has(field.toLowerCase())) return () => true;
      if (e.op === '=' || e.op === '!=') {
        const m = valueMatcher(text);
        const noIndexPass = field === 'index';
        if (e.op === '=') {
          return (row) => {
            const v = row[field];
            if (v === undefined) return noIndexPass;
            return anyValue(v, m);
          };
        }
        return (row) => {
          const v = row[field];
          if (v === undefined) return false;
          return !anyValue(v, m);
        };
      }
      const m = orderMatcher(e.op, text);
      return (row) => anyValue(row[field], m);
    }
    case 'in': {
      const field = e.field;
      const m = inMatcher(e.values.map(literal));
      return (row) => anyValue(row[field], m);
    }
    case 'term': {
      const text = literal(e.value);
      const m = rawMatcher(text, { phrase: e.value.quoted, term: e.term });
      return (row) => {
        const raw = row._raw;
        if (raw !== undefined) return typeof raw === 'string' ? m(raw) : valuesOf(raw).some((x) => m(scalarText(x)));
        for (const k in row) {
          for (const x of valuesOf(row[k])) if (m(scalarText(x))) return true;
        }
        return false;
      };
    }
    case 'subsearch': {
      const rows = opts.subsearchResults?.get(e);
      if (!rows) throw new SearchCompileError('subsearch was not run', e.range);
      return build(formatRows(rows, e.range, opts), opts);
    }
    case 'macro':
      throw new SearchCompileError(`macro \`${e.name}\` was not expanded`, e.range);
    case 'error':
      throw new SearchCompileError('invalid search expression', e.range);
  }
}

function synthValue(text: string, range: Range): SearchValue {
  return { range, raw: JSON.stringify(text), text, quoted: true, hasWildcard: false };
}

/**
 * The `format` command's rendering of subsearch rows as a search expression:
 * `( ( f1="a" AND f2="b" ) OR ( … ) )`; a multivalue field becomes `( f="x" OR f="y" )`; fields
 * starting with `_` are skipped; a `search` or `query` field is used as search text / a raw term.
 */
export function formatRows(rows: Row[], range: Range, opts: SearchCompileOptions = {}): SearchExpr {
  const alternatives: SearchExpr[] = [];
  for (const row of rows) {
    const conj: SearchExpr[] = [];
    for (const field of Object.keys(row)) {
      const vals: Scalar[] = valuesOf(row[field]);
      if (vals.length === 0) continue;
      if (field === 'search' && opts.parseSearchClause) {
        for (const v of vals) { const p = opts.parseSearchClause(scalarText(v)); if (p) conj.push(p); }
        continue;
      }
      if (field === 'query') {
        for (const v of vals) conj.push({ kind: 'term', range, value: synthValue(scalarText(v), range), term: false });
        continue;
      }
      if (field.startsWith('_')) continue;
      const parts: SearchExpr[] = vals.map((v) => ({ kind: 'compare', range, field, fieldRange: range, op: '=', value: synthValue(scalarText(v), range) }));
      conj.push(parts.length === 1 ? parts[0] : { kind: 'or', range, items: parts });
    }
    if (conj.length > 0) alternatives.push({ kind: 'and', range, items: conj, explicit: true });
  }
  return { kind: 'or', range, items: alternatives };
}

/** All subsearch nodes inside a search expression (to run before compiling). */
export function subsearchesOf(expr: SearchExpr | undefined): Subsearch[] {
  const out: Subsearch[] = [];
  const walk = (e: SearchExpr) => {
    switch (e.kind) {
      case 'and': case 'or': e.items.forEach(walk); break;
      case 'not': walk(e.item); break;
      case 'subsearch': out.push(e); break;
      default: break;
    }
  };
  if (expr) walk(expr);
  return out;
}
