// Literal strings that must occur in `_raw` (case-insensitively) for an event to match a search
// clause, so a reader can skip events before extraction, as Splunk's index does. Sound rules only:
// - a bare term or quoted phrase (not TERM-only edge cases): its longest wildcard-free piece;
// - `field=value` only when `isRawVerbatim(field)` says the field's value is a verbatim slice of
//   `_raw` (aliases/EVALs/lookups are not), the value is not numeric (05 = 5) and not a CIDR;
//   the longest wildcard-free piece of the value is used (the predicate also sees that piece, so
//   it can refuse text the field's source format may escape);
// - AND: union of its children's terms; OR: terms common to every branch; NOT, !=, <, IN: none
//   (IN: terms common to every value, when the field is verbatim).
import type { SearchExpr } from '../../spl/ast';
import { isNumericText } from '../eval/values';

function longestPiece(text: string): string {
  let best = '';
  for (const p of text.split('*')) if (p.length > best.length) best = p;
  return best;
}

function valueTerm(text: string): string | undefined {
  if (isNumericText(text) || text.includes('/') && /^[0-9a-f:.]+\/\d+$/i.test(text)) return undefined;
  const p = longestPiece(text);
  return p.length >= 2 ? p.toLowerCase() : undefined;
}

export function requiredTerms(expr: SearchExpr | undefined, isRawVerbatim: (field: string, term: string) => boolean = () => false): string[] {
  const set = collect(expr, isRawVerbatim);
  return [...set].sort();
}

function collect(e: SearchExpr | undefined, verb: (f: string, term: string) => boolean): Set<string> {
  const out = new Set<string>();
  if (!e) return out;
  switch (e.kind) {
    case 'and':
      for (const i of e.items) for (const t of collect(i, verb)) out.add(t);
      return out;
    case 'or': {
      const sets = e.items.map((i) => collect(i, verb));
      if (sets.length === 0) return out;
      for (const t of sets[0]) if (sets.every((s) => s.has(t))) out.add(t);
      return out;
    }
    case 'term': {
      const t = valueTerm(e.value.text);
      if (t !== undefined) out.add(t);
      else if (isNumericText(e.value.text) && e.value.text.length >= 2) out.add(e.value.text.toLowerCase());
      return out;
    }
    case 'compare': {
      if (e.op !== '=') return out;
      const t = valueTerm(e.value.text);
      if (t !== undefined && verb(e.field, t)) out.add(t);
      return out;
    }
    case 'in': {
      if (e.values.length === 0) return out;
      const sets = e.values.map((v) => { const t = valueTerm(v.text); return t === undefined || !verb(e.field, t) ? new Set<string>() : new Set([t]); });
      for (const t of sets[0]) if (sets.every((s) => s.has(t))) out.add(t);
      return out;
    }
    default:
      return out;
  }
}
