// The eval function table. Each entry receives its compiled arguments (closures evaluated lazily,
// so if/case/coalesce short-circuit) and returns a closure. Null (undefined) propagates through
// almost every function; functions on multivalue fields apply per value where Splunk does.
import { createHash } from 'node:crypto';
import * as ipaddr from 'ipaddr.js';
import type { EvalExpr } from '../../spl/ast';
import type { Row, Scalar } from '../types';
import type { EvalFn, EvalOptions } from './context';
import { jsonPathValues, tryParseJson } from './json';
import { compilePcre, pcreReplaceAll } from './regex';
import { relativeTime, strftime, strptime } from './time';
import {
  compareScalars, compareText, type EvalValue, formatNumber, fromValues, isNumericText, scalarText, toNumber, toText, valuesOf,
} from './values';

export interface FnSpec {
  min: number;
  max: number;
  /** Builds the closure; returns a string for a compile-time error. */
  make(args: EvalFn[], exprs: EvalExpr[], opts: EvalOptions, compileSub: (e: EvalExpr) => EvalFn | string): EvalFn | string;
}

const INF = Infinity;

function isTrue(v: EvalValue): boolean {
  return v === true;
}

/** Applies a string function to each value (multivalue in → multivalue out). */
function perValue(v: EvalValue, f: (s: string) => Scalar | undefined): EvalValue {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    const out: Scalar[] = [];
    for (const x of v) {
      const r = f(scalarText(x));
      if (r !== undefined) out.push(r);
    }
    return fromValues(out);
  }
  const t = toText(v);
  return t === undefined ? undefined : f(t);
}

function num1(f: (n: number) => number): FnSpec {
  return {
    min: 1, max: 1,
    make: ([a]) => (row) => {
      const n = toNumber(a(row));
      if (n === undefined) return undefined;
      const r = f(n);
      return Number.isFinite(r) ? r : undefined;
    },
  };
}

function likeToRegex(pattern: string): RegExp {
  let src = '';
  for (const c of pattern) {
    if (c === '%') src += '.*';
    else if (c === '_') src += '.';
    else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp('^' + src + '$', 's');
}

const likeCache = new Map<string, RegExp>();
/** SQL-style LIKE: `%` any run, `_` one character; case-sensitive. */
export function like(text: string, pattern: string): boolean {
  let re = likeCache.get(pattern);
  if (!re) {
    re = likeToRegex(pattern);
    if (likeCache.size > 2000) likeCache.clear();
    likeCache.set(pattern, re);
  }
  return re.test(text);
}

/** Splunk cidrmatch(): IPv4/IPv6 subnet test; false for non-IPs. */
export function cidrMatch(cidr: string, ip: string): boolean {
  try {
    const trimmed = ip.trim();
    if (!ipaddr.isValid(trimmed)) return false;
    let addr = ipaddr.parse(trimmed);
    const c = cidr.includes('/') ? cidr.trim() : cidr.includes(':') ? `${cidr.trim()}/128` : `${cidr.trim()}/32`;
    if (!ipaddr.isValidCIDR(c)) return false;
    const [range, bits] = ipaddr.parseCIDR(c);
    if (addr.kind() !== range.kind()) {
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
      else return false;
    }
    return addr.match(range, bits);
  } catch {
    return false;
  }
}

/** Canonical dotted-decimal IPv4 (no leading zeros): ipaddr.js reads these as their four octets. */
const DOTTED_IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * `cidrMatch` with the CIDR parsed once: the same answers (a property test compares them), with a
 * fast path for IPv4 ranges and canonical dotted-decimal values — the common case in searches such
 * as `dest_ip!=10.0.0.0/8` — and `cidrMatch` for everything else (IPv6, mapped and unusual forms).
 */
export function cidrMatcher(cidr: string): (ip: string) => boolean {
  const c = cidr.includes('/') ? cidr.trim() : cidr.includes(':') ? `${cidr.trim()}/128` : `${cidr.trim()}/32`;
  let v4: { net: number; mask: number } | undefined;
  try {
    if (ipaddr.isValidCIDR(c)) {
      const [range, bits] = ipaddr.parseCIDR(c);
      if (range.kind() === 'ipv4') {
        const o = range.toByteArray();
        const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
        v4 = { net: ((((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0) & mask) >>> 0, mask };
      }
    }
  } catch {
    v4 = undefined;
  }
  return (ip) => {
    const t = ip.trim();
    if (v4 && DOTTED_IPV4.test(t)) {
      const p = t.split('.');
      const n = ((Number(p[0]) << 24) | (Number(p[1]) << 16) | (Number(p[2]) << 8) | Number(p[3])) >>> 0;
      return ((n & v4.mask) >>> 0) === v4.net;
    }
    return cidrMatch(cidr, ip);
  };
}

const cidrMatchers = new Map<string, (ip: string) => boolean>();
/** A matcher per CIDR text, kept for the few distinct ranges a search or lookup table uses. */
export function cachedCidrMatcher(cidr: string): (ip: string) => boolean {
  let m = cidrMatchers.get(cidr);
  if (!m) {
    if (cidrMatchers.size > 1000) cidrMatchers.clear();
    m = cidrMatcher(cidr);
    cidrMatchers.set(cidr, m);
  }
  return m;
}

function trimChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const set = chars ?? ' \t';
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a])) a++;
  if (right) while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function trimFn(left: boolean, right: boolean): FnSpec {
  return {
    min: 1, max: 2,
    make: ([a, c], exprs) => (row) => {
      const hasC = exprs.length > 1;
      const chars = hasC ? toText(c(row)) : undefined;
      if (hasC && chars === undefined) return undefined;
      return perValue(a(row), (s) => trimChars(s, chars, left, right));
    },
  };
}

function duration(n: number): string {
  const neg = n < 0;
  let s = Math.abs(n);
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${neg ? '-' : ''}${days > 0 ? days + '+' : ''}${p(h)}:${p(m)}:${p(sec)}`;
}

function commas(n: number): string {
  const r = Number.isInteger(n) ? n : Math.round(n * 100) / 100;
  const [int, frac] = String(Math.abs(r)).split('.');
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (r < 0 ? '-' : '') + withCommas + (frac ? '.' + frac : '');
}

/** printf/C-style formatting: %s %d %i %u %f %e %g %x %X %o %c %% with flags, width, precision. */
export function printf(format: string, args: EvalValue[]): string {
  let ai = 0;
  return format.replace(/%([-+ 0#']*)(\d+|\*)?(?:\.(\d+|\*))?([sdiufFeEgGxXocb%])/g, (_m, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let w = width === '*' ? toNumber(args[ai++]) : width !== undefined ? Number(width) : undefined;
    const p = prec === '*' ? toNumber(args[ai++]) : prec !== undefined ? Number(prec) : undefined;
    const v = args[ai++];
    let s: string;
    const n = toNumber(v);
    switch (conv) {
      case 's': s = toText(v) ?? (Array.isArray(v) ? v.map(scalarText).join(',') : ''); if (p !== undefined) s = s.slice(0, p); break;
      case 'd': case 'i': case 'u': s = n === undefined ? '0' : String(Math.trunc(n)); if (flags.includes("'")) s = commas(Math.trunc(n ?? 0)); break;
      case 'f': case 'F': s = (n ?? 0).toFixed(p ?? 6); break;
      case 'e': case 'E': s = (n ?? 0).toExponential(p ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
      case 'g': case 'G': s = String(Number((n ?? 0).toPrecision(p || 6))); if (conv === 'G') s = s.toUpperCase(); break;
      case 'x': s = Math.trunc(n ?? 0).toString(16); if (flags.includes('#')) s = '0x' + s; break;
      case 'X': s = Math.trunc(n ?? 0).toString(16).toUpperCase(); if (flags.includes('#')) s = '0X' + s; break;
      case 'o': s = Math.trunc(n ?? 0).toString(8); break;
      case 'b': s = Math.trunc(n ?? 0).toString(2); break;
      case 'c': s = n === undefined ? (toText(v) ?? '').slice(0, 1) : String.fromCharCode(n); break;
      default: s = '';
    }
    if ('dfFeEgGi'.includes(conv) && n !== undefined && n >= 0) {
      if (flags.includes('+')) s = '+' + s;
      else if (flags.includes(' ')) s = ' ' + s;
    }
    if (w !== undefined && s.length < w) {
      if (flags.includes('-')) s = s.padEnd(w);
      else if (flags.includes('0') && conv !== 's') {
        const sign = /^[+-]/.test(s) ? s[0] : '';
        s = sign + s.slice(sign.length).padStart(w - sign.length, '0');
      } else s = s.padStart(w);
    }
    w = undefined;
    return s;
  });
}

function hashFn(alg: string): FnSpec {
  return { min: 1, max: 1, make: ([a]) => (row) => perValue(a(row), (s) => createHash(alg).update(s, 'utf8').digest('hex')) };
}

/** The first field name referenced in an expression (mvfilter/mvmap iterate over it). */
function firstField(e: EvalExpr): string | undefined {
  switch (e.kind) {
    case 'field': return e.name;
    case 'call': for (const a of e.args) { const f = firstField(a); if (f) return f; } return undefined;
    case 'binary': return firstField(e.left) ?? firstField(e.right);
    case 'unary': return firstField(e.operand);
    case 'in': return firstField(e.operand) ?? e.values.map(firstField).find((x) => x);
    default: return undefined;
  }
}

function withValue(row: Row, field: string, v: Scalar): Row {
  // A shallow copy: using rows as prototypes (Object.create(row)) deoptimizes V8 badly.
  const r = Object.create(null) as Row;
  for (const k in row) r[k] = row[k];
  r[field] = v;
  return r;
}

function minMax(sign: 1 | -1): FnSpec {
  return {
    min: 1, max: INF,
    make: (args) => (row) => {
      let best: Scalar | undefined;
      for (const a of args) {
        for (const v of valuesOf(a(row))) {
          if (best === undefined) { best = v; continue; }
          const nb = toNumber(best);
          const nv = toNumber(v);
          let cmp: number;
          if (nb !== undefined && nv !== undefined) cmp = nv - nb;
          else if (nb !== undefined) cmp = 1; // strings are greater than numbers
          else if (nv !== undefined) cmp = -1;
          else cmp = compareText(v, best);
          if (cmp * sign > 0) best = v;
        }
      }
      if (best === undefined) return undefined;
      const n = toNumber(best);
      return n !== undefined ? n : best;
    },
  };
}

export const EVAL_FUNCTIONS: Record<string, FnSpec> = {
  // ---- conditionals and null handling
  if: { min: 3, max: 3, make: ([c, a, b]) => (row) => (isTrue(c(row)) ? a(row) : b(row)) },
  case: {
    min: 2, max: INF,
    make: (args) => (args.length % 2 !== 0 ? 'case() takes pairs of condition, value' : (row) => {
      for (let i = 0; i < args.length; i += 2) if (isTrue(args[i](row))) return args[i + 1](row);
      return undefined;
    }),
  },
  validate: {
    min: 2, max: INF,
    make: (args) => (args.length % 2 !== 0 ? 'validate() takes pairs of condition, value' : (row) => {
      for (let i = 0; i < args.length; i += 2) if (!isTrue(args[i](row))) return args[i + 1](row);
      return undefined;
    }),
  },
  coalesce: {
    min: 1, max: INF,
    make: (args) => (row) => {
      for (const a of args) { const v = a(row); if (v !== undefined) return v; }
      return undefined;
    },
  },
  nullif: {
    min: 2, max: 2,
    make: ([a, b]) => (row) => {
      const x = a(row);
      const y = b(row);
      if (x === undefined) return undefined;
      if (y !== undefined && !Array.isArray(x) && !Array.isArray(y) && typeof x !== 'boolean' && typeof y !== 'boolean' && compareScalars(x, y) === 0 && scalarText(x) === scalarText(y)) return undefined;
      return x;
    },
  },
  isnull: { min: 1, max: 1, make: ([a]) => (row) => a(row) === undefined },
  isnotnull: { min: 1, max: 1, make: ([a]) => (row) => a(row) !== undefined },
  isnum: { min: 1, max: 1, make: ([a]) => (row) => { const v = a(row); return typeof v === 'number' || (typeof v === 'string' && isNumericText(v)); } },
  isint: { min: 1, max: 1, make: ([a]) => (row) => { const v = a(row); const n = typeof v === 'boolean' || Array.isArray(v) ? undefined : toNumber(v); return n !== undefined && Number.isInteger(n); } },
  isstr: { min: 1, max: 1, make: ([a]) => (row) => { const v = a(row); return typeof v === 'string' && !isNumericText(v); } },
  isbool: { min: 1, max: 1, make: ([a]) => (row) => typeof a(row) === 'boolean' },
  null: { min: 0, max: 0, make: () => () => undefined },
  true: { min: 0, max: 0, make: () => () => true },
  false: { min: 0, max: 0, make: () => () => false },
  typeof: {
    min: 1, max: 1,
    make: ([a]) => (row) => {
      const v = a(row);
      if (v === undefined) return 'Invalid';
      if (typeof v === 'boolean') return 'Boolean';
      if (Array.isArray(v)) return 'Multivalue';
      if (typeof v === 'number' || isNumericText(v)) return 'Number';
      return 'String';
    },
  },
  exact: { min: 1, max: 1, make: ([a]) => (row) => a(row) },
  // ---- text
  lower: { min: 1, max: 1, make: ([a]) => (row) => perValue(a(row), (s) => s.toLowerCase()) },
  upper: { min: 1, max: 1, make: ([a]) => (row) => perValue(a(row), (s) => s.toUpperCase()) },
  len: { min: 1, max: 1, make: ([a]) => (row) => perValue(a(row), (s) => [...s].length) },
  substr: {
    min: 2, max: 3,
    make: ([a, b, c], exprs) => (row) => {
      const hasC = exprs.length > 2;
      const start = toNumber(b(row));
      const len = hasC ? toNumber(c(row)) : undefined;
      if (start === undefined || (hasC && len === undefined)) return undefined;
      return perValue(a(row), (s) => {
        const chars = [...s];
        let from = Math.trunc(start);
        if (from < 0) from = chars.length + from;
        else if (from > 0) from -= 1;
        if (from < 0) from = 0;
        const to = len === undefined ? chars.length : from + Math.max(0, Math.trunc(len));
        return chars.slice(from, to).join('');
      });
    },
  },
  trim: trimFn(true, true),
  ltrim: trimFn(true, false),
  rtrim: trimFn(false, true),
  replace: {
    min: 3, max: 3,
    make: ([a, re, rep]) => (row) => {
      const pat = toText(re(row));
      const r = toText(rep(row));
      if (pat === undefined || r === undefined) return undefined;
      const rx = compilePcre(pat);
      if (rx instanceof Error) return undefined;
      return perValue(a(row), (s) => pcreReplaceAll(s, rx, r));
    },
  },
  match: {
    min: 2, max: 2,
    make: ([a, re]) => (row) => {
      const v = a(row);
      const pat = toText(re(row));
      if (v === undefined || pat === undefined) return undefined;
      const rx = compilePcre(pat);
      if (rx instanceof Error) return undefined;
      for (const x of valuesOf(v)) if (rx.test(scalarText(x))) return true;
      return false;
    },
  },
  like: {
    min: 2, max: 2,
    make: ([a, p]) => (row) => {
      const v = a(row);
      const pat = toText(p(row));
      if (v === undefined || pat === undefined) return undefined;
      for (const x of valuesOf(v)) if (like(scalarText(x), pat)) return true;
      return false;
    },
  },
  split: {
    min: 2, max: 2,
    make: ([a, d]) => (row) => {
      const s = toText(a(row));
      const delim = toText(d(row));
      if (s === undefined || delim === undefined) return undefined;
      const parts = delim === '' ? [...s] : s.split(delim);
      return fromValues(parts);
    },
  },
  urldecode: {
    min: 1, max: 1,
    make: ([a]) => (row) => perValue(a(row), (s) => {
      const plus = s.replace(/\+/g, ' ');
      try { return decodeURIComponent(plus); } catch {
        return plus.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      }
    }),
  },
  printf: {
    min: 1, max: INF,
    make: ([f, ...rest]) => (row) => {
      const fmt = toText(f(row));
      if (fmt === undefined) return undefined;
      return printf(fmt, rest.map((r) => r(row)));
    },
  },
  tostring: {
    min: 1, max: 2,
    make: ([a, f]) => (row) => {
      const v = a(row);
      if (v === undefined) return undefined;
      if (typeof v === 'boolean') return v ? 'True' : 'False';
      const fmt = f ? toText(f(row)) : undefined;
      return perValue(v, (s) => {
        const n = toNumber(s);
        if (fmt === undefined || n === undefined) return s;
        if (fmt === 'hex') return '0x' + Math.trunc(n).toString(16).toUpperCase();
        if (fmt === 'commas') return commas(n);
        if (fmt === 'duration') return duration(n);
        return s;
      });
    },
  },
  tonumber: {
    min: 1, max: 2,
    make: ([a, b]) => (row) => {
      const base = b ? toNumber(b(row)) ?? 10 : 10;
      return perValue(a(row), (s) => {
        const t = s.trim();
        if (base === 10) return isNumericText(t) ? Number(t) : undefined;
        const clean = base === 16 ? t.replace(/^0x/i, '') : t;
        const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
        if (!clean || ![...clean.toLowerCase()].every((c) => digits.includes(c))) return undefined;
        return parseInt(clean, base);
      });
    },
  },
  md5: hashFn('md5'),
  sha1: hashFn('sha1'),
  sha256: hashFn('sha256'),
  sha512: hashFn('sha512'),
  // ---- multivalue
  mvcount: { min: 1, max: 1, make: ([a]) => (row) => { const v = a(row); return v === undefined ? undefined : valuesOf(v).length; } },
  mvindex: {
    min: 2, max: 3,
    make: ([a, s, e]) => (row) => {
      const vals = valuesOf(a(row));
      const n = vals.length;
      let start = toNumber(s(row));
      if (start === undefined || n === 0) return undefined;
      start = start < 0 ? n + start : start;
      if (!e) return start >= 0 && start < n ? vals[start] : undefined;
      let end = toNumber(e(row));
      if (end === undefined) return undefined;
      end = end < 0 ? n + end : end;
      if (start < 0 || start >= n || end < start) return undefined;
      return fromValues(vals.slice(start, Math.min(end, n - 1) + 1));
    },
  },
  mvjoin: {
    min: 2, max: 2,
    make: ([a, d]) => (row) => {
      const v = a(row);
      const delim = toText(d(row));
      if (v === undefined || delim === undefined) return undefined;
      return valuesOf(v).map(scalarText).join(delim);
    },
  },
  mvappend: {
    min: 1, max: INF,
    make: (args) => (row) => {
      const out: Scalar[] = [];
      for (const a of args) out.push(...valuesOf(a(row)));
      return fromValues(out);
    },
  },
  mvdedup: { min: 1, max: 1, make: ([a]) => (row) => { const v = a(row); return v === undefined ? undefined : fromValues([...new Map(valuesOf(v).map((x) => [scalarText(x), x])).values()]); } },
  mvsort: { min: 1, max: 1, make: ([a]) => (row) => { const v = a(row); return v === undefined ? undefined : fromValues([...valuesOf(v)].sort(compareText)); } },
  mvfind: {
    min: 2, max: 2,
    make: ([a, re]) => (row) => {
      const pat = toText(re(row));
      const v = a(row);
      if (pat === undefined || v === undefined) return undefined;
      const rx = compilePcre(pat);
      if (rx instanceof Error) return undefined;
      const vals = valuesOf(v);
      for (let i = 0; i < vals.length; i++) if (rx.test(scalarText(vals[i]))) return i;
      return undefined;
    },
  },
  mvzip: {
    min: 2, max: 3,
    make: ([a, b, d]) => (row) => {
      const x = valuesOf(a(row));
      const y = valuesOf(b(row));
      const delim = d ? toText(d(row)) ?? ',' : ',';
      if (x.length === 0 || y.length === 0) return undefined;
      const n = Math.min(x.length, y.length);
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(scalarText(x[i]) + delim + scalarText(y[i]));
      return fromValues(out);
    },
  },
  mvrange: {
    min: 2, max: 3,
    make: ([a, b, c]) => (row) => {
      const s = toNumber(a(row));
      const e = toNumber(b(row));
      const step = c ? toNumber(c(row)) : 1;
      if (s === undefined || e === undefined || !step || step <= 0) return undefined;
      const out: number[] = [];
      for (let x = s; x < e && out.length < 100000; x += step) out.push(x);
      return fromValues(out);
    },
  },
  mvfilter: {
    min: 1, max: 1,
    make: (_args, exprs, _o, compileSub) => {
      const field = firstField(exprs[0]);
      const fn = compileSub(exprs[0]);
      if (typeof fn === 'string') return fn;
      if (!field) return 'mvfilter() needs an expression that references one field';
      return (row) => {
        const out: Scalar[] = [];
        for (const v of valuesOf(row[field])) if (fn(withValue(row, field, v)) === true) out.push(v);
        return fromValues(out);
      };
    },
  },
  mvmap: {
    min: 2, max: 2,
    make: (_args, exprs, _o, compileSub) => {
      const src = exprs[0].kind === 'field' ? exprs[0].name : undefined;
      const fn = compileSub(exprs[1]);
      if (typeof fn === 'string') return fn;
      if (!src) return 'mvmap() takes a field as its first argument';
      return (row) => {
        const out: Scalar[] = [];
        for (const v of valuesOf(row[src])) out.push(...valuesOf(fn(withValue(row, src, v))));
        return fromValues(out);
      };
    },
  },
  in: {
    min: 2, max: INF,
    make: ([a, ...list]) => (row) => {
      const v = a(row);
      if (v === undefined) return undefined;
      for (const l of list) {
        const w = l(row);
        for (const x of valuesOf(v)) for (const y of valuesOf(w)) if (compareScalars(x, y) === 0 && (toNumber(x) !== undefined || scalarText(x) === scalarText(y))) return true;
      }
      return false;
    },
  },
  cidrmatch: {
    min: 2, max: 2,
    make: ([c, ip]) => (row) => {
      const cidr = toText(c(row));
      const v = ip(row);
      if (cidr === undefined || v === undefined) return undefined;
      const match = cachedCidrMatcher(cidr);
      for (const x of valuesOf(v)) if (match(scalarText(x))) return true;
      return false;
    },
  },
  // ---- math
  abs: num1(Math.abs),
  ceil: num1(Math.ceil),
  ceiling: num1(Math.ceil),
  floor: num1(Math.floor),
  sqrt: num1(Math.sqrt),
  ln: num1(Math.log),
  exp: num1(Math.exp),
  round: {
    min: 1, max: 2,
    make: ([a, b]) => (row) => {
      const n = toNumber(a(row));
      const d = b ? toNumber(b(row)) ?? 0 : 0;
      if (n === undefined) return undefined;
      const f = 10 ** Math.trunc(d);
      const r = Math.sign(n) * Math.round(Math.abs(n) * f + 1e-9) / f;
      return d > 0 ? Number(r.toFixed(Math.trunc(d))) : r;
    },
  },
  pow: { min: 2, max: 2, make: ([a, b]) => (row) => { const x = toNumber(a(row)); const y = toNumber(b(row)); return x === undefined || y === undefined ? undefined : x ** y; } },
  log: {
    min: 1, max: 2,
    make: ([a, b]) => (row) => {
      const x = toNumber(a(row));
      const base = b ? toNumber(b(row)) : 10;
      if (x === undefined || base === undefined || x <= 0) return undefined;
      return Math.log(x) / Math.log(base);
    },
  },
  pi: { min: 0, max: 0, make: () => () => Math.PI },
  sigfig: { min: 1, max: 1, make: ([a]) => (row) => { const n = toNumber(a(row)); return n === undefined ? undefined : Number(n.toPrecision(6)); } },
  min: minMax(-1),
  max: minMax(1),
  random: { min: 0, max: 0, make: (_a, _e, opts) => () => Math.floor((opts.random ?? Math.random)() * 2147483648) },
  // ---- time
  now: { min: 0, max: 0, make: (_a, _e, opts) => { const t = opts.now ?? Math.floor(Date.now() / 1000); return () => t; } },
  time: { min: 0, max: 0, make: () => () => Date.now() / 1000 },
  relative_time: {
    min: 2, max: 2,
    make: ([a, b], _e, opts) => (row) => {
      const t = toNumber(a(row));
      const spec = toText(b(row));
      if (t === undefined || spec === undefined) return undefined;
      return relativeTime(t, spec, opts.tz);
    },
  },
  strftime: {
    min: 2, max: 2,
    make: ([a, b], _e, opts) => (row) => {
      const t = toNumber(a(row));
      const f = toText(b(row));
      if (t === undefined || f === undefined) return undefined;
      return strftime(t, f, opts.tz);
    },
  },
  strptime: {
    min: 2, max: 2,
    make: ([a, b], _e, opts) => (row) => {
      const s = toText(a(row));
      const f = toText(b(row));
      if (s === undefined || f === undefined) return undefined;
      return strptime(s, f, opts.tz);
    },
  },
  // ---- JSON
  spath: {
    min: 2, max: 2,
    make: ([a, p]) => (row) => {
      const s = toText(a(row));
      const path = toText(p(row));
      if (s === undefined || path === undefined) return undefined;
      const j = tryParseJson(s);
      if (!j.ok) return undefined;
      return fromValues(jsonPathValues(j.value, path));
    },
  },
  json_extract: {
    min: 1, max: INF,
    make: ([a, ...paths]) => (row) => {
      const s = toText(a(row));
      if (s === undefined) return undefined;
      const j = tryParseJson(s);
      if (!j.ok) return undefined;
      if (paths.length === 0) return JSON.stringify(j.value);
      const out: Scalar[] = [];
      for (const p of paths) {
        const path = toText(p(row));
        if (path === undefined) continue;
        out.push(...jsonPathValues(j.value, path));
      }
      return fromValues(out);
    },
  },
  json_object: {
    min: 0, max: INF,
    make: (args) => (args.length % 2 !== 0 ? 'json_object() takes key, value pairs' : (row) => {
      const o = Object.create(null) as Record<string, unknown>;
      for (let i = 0; i < args.length; i += 2) {
        const k = toText(args[i](row));
        if (k === undefined) continue;
        const v = args[i + 1](row);
        o[k] = v === undefined ? null : Array.isArray(v) ? v : typeof v === 'string' && tryParseJsonObj(v) !== undefined ? tryParseJsonObj(v) : v;
      }
      return JSON.stringify(o);
    }),
  },
  json_valid: { min: 1, max: 1, make: ([a]) => (row) => { const s = toText(a(row)); return s === undefined ? undefined : tryParseJson(s).ok; } },
  // ---- search
  searchmatch: {
    min: 1, max: 1,
    make: ([a], exprs, opts) => {
      const lit = exprs[0].kind === 'string' ? exprs[0].value : undefined;
      const pre = lit !== undefined && opts.compileSearchText ? opts.compileSearchText(lit) : undefined;
      return (row) => {
        if (pre) return pre(row);
        const s = toText(a(row));
        if (s === undefined || !opts.compileSearchText) return undefined;
        const p = opts.compileSearchText(s);
        return p ? p(row) : undefined;
      };
    },
  },
};

function tryParseJsonObj(s: string): unknown {
  if (!/^\s*[[{]/.test(s)) return undefined;
  const j = tryParseJson(s);
  return j.ok ? j.value : undefined;
}

export { formatNumber };
