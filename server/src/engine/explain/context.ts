// What the condition explainers need to describe a node: the expanded search text (to quote the
// condition as it ran) and the mapping of its offsets back to the search as written.
import type { Range } from '../../spl/ast';
import type { FieldValue } from '../types';
import { scalarText, valuesOf } from '../eval/values';

export interface TreeContext {
  /** The text the AST ranges refer to (the macro-expanded search, or a constraint's search). */
  text: string;
  /** Maps a range of `text` to the search as written (identity when there were no macros). */
  toOriginal(r: Range): Range;
  /** When set, every node gets this range instead (conditions that are not in the search, e.g. data-model constraints). */
  fixedRange?: Range;
}

export function nodeText(ctx: TreeContext, r: Range): string {
  const t = ctx.text.slice(r.start, r.end);
  return t.length > 300 ? `${t.slice(0, 297)}...` : t;
}

export function nodeRange(ctx: TreeContext, r: Range): Range {
  return ctx.fixedRange ?? ctx.toOriginal(r);
}

/** A field's values for display: at most 5, each at most 200 characters. */
export function shownValues(v: FieldValue | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  return valuesOf(v).slice(0, 5).map((x) => {
    const s = scalarText(x);
    return s.length > 200 ? `${s.slice(0, 197)}...` : s;
  });
}

/** `"a"`, or `"a", "b" (3 values)` for messages. */
export function quoteValues(vals: string[] | undefined, total: number): string {
  if (!vals || vals.length === 0) return '(none)';
  const q = vals.map((v) => JSON.stringify(v)).join(', ');
  return total > vals.length ? `${q} … (${total} values)` : q;
}
