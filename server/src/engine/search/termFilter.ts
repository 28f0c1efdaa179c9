// A fast pre-filter for pruning: does `_raw` contain every required term (requiredTerms output,
// lower case) case-insensitively? Never stricter than `raw.toLowerCase().includes(term)`, which is
// how the search's matchers compare: for ASCII terms it runs a case-insensitive regular expression
// (several times faster than lower-casing each event), and falls back to lower-casing only when
// `_raw` holds one of the two characters whose lower case is ASCII but which `/i` does not fold
// (U+0130 → "i̇", U+212A KELVIN SIGN → "k"). Non-ASCII terms always use the lower-casing test.

const FOLDS_TO_ASCII = /[\u0130\u212a]/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The predicate for `terms` (undefined when there is nothing to test). */
export function rawTermsFilter(terms: readonly string[]): ((raw: string) => boolean) | undefined {
  if (terms.length === 0) return undefined;
  const ascii = terms.filter((t) => /^[\x00-\x7f]*$/.test(t));
  const other = terms.filter((t) => !/^[\x00-\x7f]*$/.test(t));
  // Longest first: the longest term is usually the rarest, so most events fail at the first test.
  const res = [...ascii].sort((a, b) => b.length - a.length).map((t) => new RegExp(escapeRe(t), 'i'));
  const slow = (raw: string, list: readonly string[]) => {
    const lower = raw.toLowerCase();
    for (const t of list) if (!lower.includes(t)) return false;
    return true;
  };
  return (raw) => {
    for (const re of res) {
      if (!re.test(raw)) return FOLDS_TO_ASCII.test(raw) ? slow(raw, terms) : false;
    }
    return other.length === 0 || slow(raw, other);
  };
}
