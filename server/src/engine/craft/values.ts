// Values that satisfy (or avoid) a search-clause pattern, for crafting events. The rules are the
// matcher's (search/match.ts): `*` matches any run (we fill it with "x", or keep the event's own
// text when it already matches), CIDR needs an IP inside the range, numbers compare as numbers.
import * as ipaddr from 'ipaddr.js';
import { isNumericText } from '../eval/values';
import { valueMatcher } from '../search/match';

/** A value matching `pattern` (search-clause `field=pattern` semantics). */
export function valueMatching(pattern: string): string | undefined {
  if (pattern === '*') return 'x';
  const p = pattern.trim();
  if (p.includes('/') && ipaddr.isValidCIDR(p)) {
    const [addr, bits] = ipaddr.parseCIDR(p);
    const bytes = addr.toByteArray();
    const total = bytes.length * 8;
    // The network address plus one when the range has room for it (10.0.0.0/8 → 10.0.0.1).
    if (bits < total) bytes[bytes.length - 1] |= 1;
    const ip = ipaddr.fromByteArray(bytes).toString();
    return valueMatcher(p)(ip) ? ip : undefined;
  }
  return pattern.replace(/\*+/g, 'x');
}

const AVOID = ['dw-crafted-value', 'detection-workbench', 'zz-crafted'];
const AVOID_IPS = ['203.0.113.10', '198.51.100.10', '192.0.2.10', '8.8.8.8'];

/** A value that does not match `pattern` (for `!=` and `NOT field=…`). */
export function valueNotMatching(pattern: string, like?: string): string | undefined {
  const m = valueMatcher(pattern);
  const p = pattern.trim();
  const ipLike = (p.includes('/') && ipaddr.isValidCIDR(p)) || (like !== undefined && ipaddr.isValid(like));
  const numeric = isNumericText(p);
  const candidates = ipLike ? AVOID_IPS : numeric ? [String(Number(p) + 1), '999999'] : AVOID;
  return candidates.find((c) => !m(c));
}

/** A value satisfying `<`, `<=`, `>`, `>=` against `pattern`. */
export function valueOrdered(op: '<' | '<=' | '>' | '>=', pattern: string): string {
  if (isNumericText(pattern)) {
    const n = Number(pattern);
    return String(op === '<' ? n - 1 : op === '>' ? n + 1 : n);
  }
  return op === '<' ? '' : op === '>' ? `${pattern}z` : pattern;
}
