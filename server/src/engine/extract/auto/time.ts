// Timestamp recognition: strptime-style TIME_FORMAT, ISO 8601 and the formats found in security logs.
// Results are epoch seconds (fractional) in UTC unless the text carries an offset.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: number, offsetMin: number): number | undefined {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 24 && mi <= 59 && s <= 61)) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(ms)) return undefined;
  return ms / 1000 + frac - offsetMin * 60;
}

function offsetMinutes(z: string | undefined): number {
  if (!z || z === 'Z' || z === 'z' || /^(UTC|GMT)$/i.test(z)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return 0;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC|GMT)?/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:\s*([AaPp][Mm]))?/;
const SYSLOG = /^([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})/;
const MONTH_NAME = /^([A-Z][a-z]{2})[a-z]*\s+(\d{1,2}),\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])?/;
const EPOCH = /^(\d{9,10})(?:\.(\d+))?$/;
const EPOCH_MS = /^(\d{13})$/;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function digitsAt(t: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * `YYYY-MM-DD[T ]HH:MM:SS[.fraction]` ending there or in `Z` (the usual event timestamp) without
 * the ISO regex; null for any other text (the regex decides). Same result as the regex path.
 */
function plainIso(t: string): number | undefined | null {
  if (t.length < 19) return null;
  const sep = t.charCodeAt(10);
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32) || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return null;
  const y = digitsAt(t, 0, 4), mo = digitsAt(t, 5, 2), d = digitsAt(t, 8, 2), h = digitsAt(t, 11, 2), mi = digitsAt(t, 14, 2), s = digitsAt(t, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return null;
  let p = 19;
  let frac = 0;
  const c = t.charCodeAt(p);
  if (c === 46 || c === 44) {
    let q = p + 1;
    while (q < t.length && digitsAt(t, q, 1) >= 0) q++;
    const k = q - p - 1;
    if (k === 0) return null;
    // Up to 15 digits: an exact integer over an exact power of ten, rounded once, is the double
    // nearest to the decimal fraction, exactly what Number('0.' + digits) gives.
    frac = k < POW10.length ? digitsAt(t, p + 1, k) / POW10[k] : Number('0.' + t.slice(p + 1, q));
    p = q;
  }
  if (p < t.length && t.charCodeAt(p) !== 90 && t.charCodeAt(p) !== 122) return null; // not Z / z
  return utc(y, mo, d, h, mi, s, frac, 0);
}

/** Parses a timestamp in one of the common formats. Returns epoch seconds or undefined. */
export function parseTimestamp(text: string, defaultYear?: number): number | undefined {
  const t = text.trim();
  const plain = plainIso(t);
  if (plain !== null) return plain;
  let m = ISO.exec(t);
  if (m) {
    const frac = m[7] ? Number('0.' + m[7]) : 0;
    return utc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), frac, offsetMinutes(m[8]));
  }
  m = EPOCH.exec(t);
  if (m) return Number(m[1]) + (m[2] ? Number('0.' + m[2]) : 0);
  m = EPOCH_MS.exec(t);
  if (m) return Number(m[1]) / 1000;
  m = US.exec(t);
  if (m) {
    let h = +m[4];
    if (m[8]) h = (h % 12) + (/p/i.test(m[8]) ? 12 : 0);
    return utc(+m[3], +m[1], +m[2], h, +m[5], +m[6], m[7] ? Number('0.' + m[7]) : 0, 0);
  }
  m = MONTH_NAME.exec(t);
  if (m && MONTHS[m[1].toLowerCase()]) {
    let h = +m[4];
    if (m[7]) h = (h % 12) + (/p/i.test(m[7]) ? 12 : 0);
    return utc(+m[3], MONTHS[m[1].toLowerCase()], +m[2], h, +m[5], +m[6], 0, 0);
  }
  m = SYSLOG.exec(t);
  if (m && MONTHS[m[1].toLowerCase()]) {
    return utc(defaultYear ?? new Date().getUTCFullYear(), MONTHS[m[1].toLowerCase()], +m[2], +m[3], +m[4], +m[5], 0, 0);
  }
  return undefined;
}

/**
 * Parses `text` from its start with a strptime-style format (the subset Splunk's TIME_FORMAT uses:
 * %Y %y %m %d %e %H %I %M %S %p %b %B %j %s %z %:z %Z %T %F %N %3N %6N %9N %f %Q %a %A %%).
 */
export function parseWithFormat(text: string, format: string): number | undefined {
  let y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, frac = 0, off = 0;
  let pm: boolean | undefined;
  let epoch: number | undefined;
  let p = 0;
  const take = (re: RegExp): string | undefined => {
    re.lastIndex = p;
    const m = re.exec(text);
    if (!m || m.index !== p) return undefined;
    p += m[0].length;
    return m[0];
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      if (c === ' ') {
        while (p < text.length && /\s/.test(text[p])) p++;
        continue;
      }
      if (text[p] !== c) return undefined;
      p++;
      continue;
    }
    let spec = format[++i];
    let width = 0;
    while (spec >= '0' && spec <= '9') {
      width = width * 10 + Number(spec);
      spec = format[++i];
    }
    if (spec === ':' && format[i + 1] === 'z') {
      spec = 'z';
      i++;
    }
    let v: string | undefined;
    switch (spec) {
      case 'Y': v = take(/\d{4}/y); if (v) y = +v; break;
      case 'y': v = take(/\d{2}/y); if (v) y = 2000 + +v; break;
      case 'm': v = take(/\d{1,2}/y); if (v) mo = +v; break;
      case 'd': case 'e': v = take(/\s?\d{1,2}/y); if (v) d = +v; break;
      case 'H': case 'I': v = take(/\d{1,2}/y); if (v) h = +v; break;
      case 'M': v = take(/\d{1,2}/y); if (v) mi = +v; break;
      case 'S': v = take(/\d{1,2}/y); if (v) s = +v; break;
      case 'p': v = take(/[AaPp][Mm]/y); if (v) pm = /p/i.test(v); break;
      case 'b': case 'B': case 'h':
        v = take(/[A-Za-z]+/y);
        if (v) mo = MONTHS[v.slice(0, 3).toLowerCase()] ?? 0;
        break;
      case 'a': case 'A': v = take(/[A-Za-z]+/y); break;
      case 'j': v = take(/\d{1,3}/y); if (v) { mo = 1; d = +v; } break;
      case 's': {
        // Epoch seconds. Followed by a literal "." in the format (e.g. Zeek's `%s.%6N`), the
        // fraction belongs to the next conversion; alone, a trailing fraction is kept.
        v = take(format[i + 1] === '.' ? /\d+/y : /\d+(\.\d+)?/y);
        if (v) epoch = Number(v);
        break;
      }
      case 'Q': v = take(/\d{1,3}/y); if (v) frac = Number('0.' + v.padStart(3, '0')); break;
      case 'N': case 'f': {
        v = take(width ? new RegExp(`\\d{1,${width}}`, 'y') : /\d+/y);
        if (v) frac = Number('0.' + v);
        break;
      }
      case 'z': case 'Z': v = take(/Z|[+-]\d{2}:?\d{2}|[A-Z]{3,4}/y); if (v) off = offsetMinutes(v); break;
      case 'T': {
        v = take(/\d{1,2}:\d{2}:\d{2}/y);
        if (v) [h, mi, s] = v.split(':').map(Number);
        break;
      }
      case 'F': {
        v = take(/\d{4}-\d{2}-\d{2}/y);
        if (v) [y, mo, d] = v.split('-').map(Number);
        break;
      }
      case '%': v = take(/%/y); break;
      default: return undefined;
    }
    if (v === undefined) return undefined;
  }
  if (epoch !== undefined) return epoch + frac;
  if (pm !== undefined) h = (h % 12) + (pm ? 12 : 0);
  if (mo === 1 && d > 31) {
    const base = Date.UTC(y, 0, 1) / 1000 + (d - 1) * 86400;
    return base + h * 3600 + mi * 60 + s + frac - off * 60;
  }
  return utc(y, mo, d, h, mi, s, frac, off);
}
