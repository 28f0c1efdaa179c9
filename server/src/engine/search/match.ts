// Value and raw-text matchers for search clauses (case-insensitive, `*` wildcards, CIDR, numbers).
import * as ipaddr from 'ipaddr.js';
import type { Scalar } from '../types';
import { cidrMatcher } from '../eval/functions';
import { isNumericText, scalarText } from '../eval/values';

/** Tests one field value (a scalar) against a search-clause literal. */
export type ValueMatcher = (v: Scalar) => boolean;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A pattern without wildcards or CIDR: compared as text (case-insensitive) and, when numeric, as a number. */
function isPlainPattern(pattern: string): boolean {
  return !pattern.includes('*') && !(pattern.includes('/') && ipaddr.isValidCIDR(pattern.trim()));
}

/** Builds the matcher for `field=<pattern>` (pattern as unquoted text; `*` is a wildcard). */
export function valueMatcher(pattern: string): ValueMatcher {
  if (pattern === '*') return () => true;
  if (pattern.includes('*')) {
    const re = new RegExp('^' + pattern.split('*').map(escapeRe).join('.*') + '$', 'is');
    return (v) => re.test(scalarText(v));
  }
  if (pattern.includes('/') && ipaddr.isValidCIDR(pattern.trim())) {
    const match = cidrMatcher(pattern.trim());
    return (v) => match(scalarText(v));
  }
  const lower = pattern.toLowerCase();
  if (isNumericText(pattern)) {
    const n = Number(pattern);
    return (v) => {
      if (typeof v === 'number') return v === n;
      if (v === pattern || (v.length === lower.length && v.toLowerCase() === lower)) return true;
      return isNumericText(v) && Number(v) === n;
    };
  }
  return (v) => {
    const s = typeof v === 'number' ? scalarText(v) : v;
    return s.length === lower.length && (s === pattern || s.toLowerCase() === lower);
  };
}

/**
 * The matcher for `field IN (<patterns>)`: true when any pattern's `valueMatcher` is. Plain patterns
 * are looked up in sets (the value is lower-cased and read as a number once, not once per pattern).
 */
export function inMatcher(patterns: readonly string[]): ValueMatcher {
  const others = patterns.filter((p) => !isPlainPattern(p)).map(valueMatcher);
  const plain = patterns.filter(isPlainPattern);
  // Text comparison: the lower-cased value equals a lower-cased pattern of the same length.
  const lowers = new Set(plain.map((p) => p.toLowerCase()));
  const textLowers = new Set(plain.filter((p) => !isNumericText(p)).map((p) => p.toLowerCase()));
  const numbers = new Set(plain.filter(isNumericText).map(Number));
  const sameText = (s: string, set: ReadonlySet<string>) => {
    const l = s.toLowerCase();
    return l.length === s.length && set.has(l);
  };
  const plainMatch: ValueMatcher = (v) => {
    // A number matches numeric patterns by value, the others by its text (as valueMatcher does).
    if (typeof v === 'number') return numbers.has(v) || (textLowers.size > 0 && sameText(scalarText(v), textLowers));
    return sameText(v, lowers) || (numbers.size > 0 && isNumericText(v) && numbers.has(Number(v)));
  };
  if (others.length === 0) return plainMatch;
  return (v) => {
    if (plain.length > 0 && plainMatch(v)) return true;
    for (const m of others) if (m(v)) return true;
    return false;
  };
}

/** `<`, `<=`, `>`, `>=`: numeric when both sides are numbers, else case-insensitive lexicographic. */
export function orderMatcher(op: '<' | '<=' | '>' | '>=', pattern: string): ValueMatcher {
  const pn = isNumericText(pattern) ? Number(pattern) : undefined;
  const pl = pattern.toLowerCase();
  return (v) => {
    let c: number;
    const vn = typeof v === 'number' ? v : isNumericText(v) ? Number(v) : undefined;
    if (pn !== undefined && vn !== undefined) c = vn - pn;
    else {
      const s = scalarText(v).toLowerCase();
      c = s < pl ? -1 : s > pl ? 1 : 0;
    }
    switch (op) {
      case '<': return c < 0;
      case '<=': return c <= 0;
      case '>': return c > 0;
      default: return c >= 0;
    }
  };
}

// Splunk's default segmenters.conf breakers.
export const MAJOR_BREAKERS = ' \t\n\r[]<>(){}|!;,\'"*&?+';
export const MINOR_BREAKERS = '/:=@.-$#%\\_';
const ANY_BREAKER = MAJOR_BREAKERS + MINOR_BREAKERS;
const ANY_BREAKER_CLASS = '[' + escapeRe(ANY_BREAKER) + ']';
const MAJOR_CLASS = '[' + escapeRe(MAJOR_BREAKERS) + ']';

/**
 * Matcher for a bare term, quoted phrase or TERM() against `_raw`.
 * Rule (documented approximation of Splunk's segmentation): case-insensitive occurrence of the text
 * whose edges sit on a breaker (major or minor breaker, or the start/end of `_raw`); for TERM() the
 * edges must be major breakers. A term edge that is itself a breaker character needs no boundary.
 * `*` in a bare term matches any run of non-space characters; in a quoted phrase any run.
 */
export function rawMatcher(text: string, opts: { phrase: boolean; term: boolean }): (raw: string) => boolean {
  if (text === '*' || text === '') return () => true;
  const cls = opts.term ? MAJOR_CLASS : ANY_BREAKER_CLASS;
  const breakSet = opts.term ? MAJOR_BREAKERS : ANY_BREAKER;
  const first = text[0];
  const last = text[text.length - 1];
  const needBefore = first !== '*' && !breakSet.includes(first);
  const needAfter = last !== '*' && !breakSet.includes(last);
  const body = text.split('*').map(escapeRe).join(opts.phrase ? '.*?' : '[^\\s]*?');
  const re = new RegExp((needBefore ? `(?:^|(?<=${cls}))` : '') + body + (needAfter ? `(?=${cls}|$)` : ''), 'is');
  if (!text.includes('*')) {
    const lower = text.toLowerCase();
    // Fast path: substring check first; regex only to verify the boundaries.
    return (raw) => {
      const l = raw.toLowerCase();
      const at = l.indexOf(lower);
      if (at < 0) return false;
      if (!needBefore && !needAfter) return true;
      const okAt = (i: number) => (!needBefore || i === 0 || breakSet.includes(l[i - 1])) && (!needAfter || i + lower.length === l.length || breakSet.includes(l[i + lower.length]));
      for (let i = at; i >= 0; i = l.indexOf(lower, i + 1)) if (okAt(i)) return true;
      return false;
    };
  }
  return (raw) => re.test(raw);
}
