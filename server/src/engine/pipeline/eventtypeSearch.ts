// How a run's extractor compiles eventtype searches: with the search command's semantics
// (search/compile.ts), plus each search's top-level conditions on source/sourcetype/host alone,
// so that the tagger skips, for the events of one input, the eventtypes of other inputs.
import type { SearchAnd, SearchExpr } from '../../spl/ast';
import type { RowPredicate, SearchClauseCompiler } from '../extract';
import { compileSearch } from '../search/compile';
import { defaultParsers } from './parsers';

const METADATA_FIELDS = new Set(['source', 'sourcetype', 'host']);

/** A comparison that reads nothing but one metadata field, or an OR of such (`(source=A OR source=B)`). */
function isMetadataTest(e: SearchExpr): boolean {
  if (e.kind === 'or') return e.items.every(isMetadataTest);
  return (e.kind === 'compare' || e.kind === 'in') && METADATA_FIELDS.has(e.field);
}

/**
 * The conjunction of the top-level metadata comparisons of a search: the search is their AND
 * with its other terms, so a row failing them fails the search.
 */
function metadataCondition(text: string): RowPredicate | undefined {
  const expr = defaultParsers.parseSearchClause(text);
  if (!expr) return undefined;
  const items = expr.kind === 'and' ? expr.items.filter(isMetadataTest) : isMetadataTest(expr) ? [expr] : [];
  if (items.length === 0) return undefined;
  const conj: SearchAnd = { kind: 'and', range: expr.range, items, explicit: false };
  const r = compileSearch(items.length === 1 ? items[0] : conj);
  return r.ok ? r.fn : undefined;
}

export const eventtypeSearchCompiler: SearchClauseCompiler = {
  compile(text: string) {
    const r = compileSearch(defaultParsers.parseSearchClause(text));
    return r.ok ? r.fn : r.error;
  },
  metadataCondition,
};
