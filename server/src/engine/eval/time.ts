// Time functions: strftime/strptime with Splunk's % codes, relative_time modifiers (`-1d@d`),
// timezones ("UTC" default, fixed offsets "+02:00", or IANA names via Intl).

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const dtfCache = new Map<string, Intl.DateTimeFormat | null>();

/** Offset of `tz` from UTC in minutes at the instant `epochMs`. Unknown zones are treated as UTC. */
export function tzOffsetMinutes(tz: string | undefined, epochMs: number): number {
  if (!tz || tz === 'UTC' || tz === 'GMT' || tz === 'Z') return 0;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(tz);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  let dtf = dtfCache.get(tz);
  if (dtf === undefined) {
    try {
      dtf = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      dtf = null;
    }
    dtfCache.set(tz, dtf);
  }
  if (!dtf || !Number.isFinite(epochMs)) return 0;
  const parts: Record<string, number> = {};
  for (const p of dtf.formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/** Broken-down wall-clock time in `tz`. */
export interface WallTime {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
  /** fractional second in [0,1) */
  frac: number; weekday: number; offsetMin: number;
}

export function toWall(epochSec: number, tz?: string): WallTime {
  const ms = epochSec * 1000;
  const off = tzOffsetMinutes(tz, ms);
  const d = new Date(Math.floor(epochSec) * 1000 + off * 60000);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
    minute: d.getUTCMinutes(), second: d.getUTCSeconds(), frac: Math.min(0.999999, Math.round((epochSec - Math.floor(epochSec)) * 1e6) / 1e6),
    weekday: d.getUTCDay(), offsetMin: off,
  };
}

/** Epoch seconds of a wall-clock time in `tz` (offset given explicitly when known). */
export function fromWall(w: Omit<WallTime, 'weekday' | 'offsetMin'>, tz?: string, explicitOffsetMin?: number): number {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000;
  if (explicitOffsetMin !== undefined) return local - explicitOffsetMin * 60 + w.frac;
  let guess = local - tzOffsetMinutes(tz, local * 1000) * 60;
  guess = local - tzOffsetMinutes(tz, guess * 1000) * 60;
  return guess + w.frac;
}

function pad(n: number, w = 2, ch = '0'): string {
  let s = String(Math.trunc(Math.abs(n)));
  while (s.length < w) s = ch + s;
  return n < 0 ? '-' + s : s;
}

function dayOfYear(w: WallTime): number {
  return Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000) + 1;
}

function offsetText(min: number, colon: boolean): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return sign + pad(Math.floor(a / 60)) + (colon ? ':' : '') + pad(a % 60);
}

function subsec(frac: number, digits: number): string {
  return pad(Math.floor(frac * 10 ** digits + 1e-7), digits);
}

/** strftime with Splunk's codes. */
export function strftime(epochSec: number, format: string, tz?: string): string {
  const w = toWall(epochSec, tz);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%' || i + 1 >= format.length) { out += c; continue; }
    let j = i + 1;
    let width = '';
    while (j < format.length && /\d/.test(format[j])) width += format[j++];
    let code = format[j];
    if (code === ':' && format[j + 1] === 'z') { out += offsetText(w.offsetMin, true); i = j + 1; continue; }
    if (code === 'E' || code === 'O') code = format[++j];
    i = j;
    switch (code) {
      case 'Y': out += pad(w.year, 4); break;
      case 'y': out += pad(w.year % 100); break;
      case 'C': out += pad(Math.floor(w.year / 100)); break;
      case 'm': out += pad(w.month); break;
      case 'd': out += pad(w.day); break;
      case 'e': out += pad(w.day, 2, ' '); break;
      case 'H': out += pad(w.hour); break;
      case 'k': out += pad(w.hour, 2, ' '); break;
      case 'I': out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12); break;
      case 'l': out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, 2, ' '); break;
      case 'M': out += pad(w.minute); break;
      case 'S': out += pad(w.second); break;
      case 'p': out += w.hour < 12 ? 'AM' : 'PM'; break;
      case 'j': out += pad(dayOfYear(w), 3); break;
      case 'a': out += DAYS[w.weekday].slice(0, 3); break;
      case 'A': out += DAYS[w.weekday]; break;
      case 'b': case 'h': out += MONTHS[w.month - 1].slice(0, 3); break;
      case 'B': out += MONTHS[w.month - 1]; break;
      case 'u': out += String(w.weekday === 0 ? 7 : w.weekday); break;
      case 'w': out += String(w.weekday); break;
      case 'z': out += offsetText(w.offsetMin, false); break;
      case 'Z': out += w.offsetMin === 0 ? 'UTC' : offsetText(w.offsetMin, true); break;
      case 's': out += String(Math.floor(epochSec)); break;
      case 'N': out += subsec(w.frac, width ? Number(width) : 9); break;
      case 'Q': out += subsec(w.frac, width ? Number(width) : 3); break;
      case 'f': out += subsec(w.frac, 6); break;
      case 'T': out += `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`; break;
      case 'R': out += `${pad(w.hour)}:${pad(w.minute)}`; break;
      case 'F': out += `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`; break;
      case 'D': out += `${pad(w.month)}/${pad(w.day)}/${pad(w.year % 100)}`; break;
      case 'x': out += `${pad(w.month)}/${pad(w.day)}/${pad(w.year % 100)}`; break;
      case 'X': out += `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`; break;
      case 'c': out += `${DAYS[w.weekday].slice(0, 3)} ${MONTHS[w.month - 1].slice(0, 3)} ${pad(w.day, 2, ' ')} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${w.year}`; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += '%' + width + (code ?? '');
    }
  }
  return out;
}

/** strptime: parses `text` by `format`; returns epoch seconds or undefined when it does not match. */
export function strptime(text: string, format: string, tz?: string): number | undefined {
  let pos = 0;
  let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, frac = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let epoch: number | undefined;
  let doy: number | undefined;
  const num = (maxLen: number, allowSign = false): number | undefined => {
    const re = new RegExp(`^${allowSign ? '[+-]?' : ''}\\s?\\d{1,${maxLen}}`);
    const m = re.exec(text.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0].trim());
  };
  const name = (list: string[]): number | undefined => {
    const rest = text.slice(pos).toLowerCase();
    for (let k = 0; k < list.length; k++) {
      const full = list[k].toLowerCase();
      if (rest.startsWith(full)) { pos += full.length; return k; }
    }
    for (let k = 0; k < list.length; k++) {
      const short = list[k].slice(0, 3).toLowerCase();
      if (rest.startsWith(short)) { pos += 3; return k; }
    }
    return undefined;
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      if (/\s/.test(c)) { while (pos < text.length && /\s/.test(text[pos])) pos++; continue; }
      if (text[pos] !== c) return undefined;
      pos++;
      continue;
    }
    let j = i + 1;
    let width = '';
    while (j < format.length && /\d/.test(format[j])) width += format[j++];
    let code = format[j];
    if (code === ':' && format[j + 1] === 'z') { code = 'z'; j++; }
    i = j;
    let v: number | undefined;
    switch (code) {
      case 'Y': v = num(4); if (v === undefined) return undefined; year = v; break;
      case 'y': v = num(2); if (v === undefined) return undefined; year = v < 69 ? 2000 + v : 1900 + v; break;
      case 'm': v = num(2); if (v === undefined) return undefined; month = v; break;
      case 'd': case 'e': v = num(2); if (v === undefined) return undefined; day = v; break;
      case 'H': case 'k': v = num(2); if (v === undefined) return undefined; hour = v; break;
      case 'I': case 'l': v = num(2); if (v === undefined) return undefined; hour = v % 12; break;
      case 'M': v = num(2); if (v === undefined) return undefined; minute = v; break;
      case 'S': v = num(2); if (v === undefined) return undefined; second = v; break;
      case 'j': v = num(3); if (v === undefined) return undefined; doy = v; break;
      case 'p': {
        const r = text.slice(pos, pos + 2).toUpperCase();
        if (r !== 'AM' && r !== 'PM') return undefined;
        pm = r === 'PM';
        pos += 2;
        break;
      }
      case 'b': case 'B': case 'h': v = name(MONTHS); if (v === undefined) return undefined; month = v + 1; break;
      case 'a': case 'A': if (name(DAYS) === undefined) return undefined; break;
      case 'N': case 'Q': case 'f': {
        const m = /^\d+/.exec(text.slice(pos));
        if (!m) return undefined;
        const digits = width ? m[0].slice(0, Number(width)) : m[0];
        frac = Number('0.' + digits);
        pos += digits.length;
        break;
      }
      case 's': {
        const m = /^-?\d+(\.\d+)?/.exec(text.slice(pos));
        if (!m) return undefined;
        epoch = Number(m[0]);
        pos += m[0].length;
        break;
      }
      case 'z': case 'Z': {
        const rest = text.slice(pos);
        const m = /^([+-])(\d{2}):?(\d{2})/.exec(rest);
        if (m) { offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])); pos += m[0].length; break; }
        const z = /^(Z|UTC|GMT)/i.exec(rest);
        if (z) { offset = 0; pos += z[0].length; break; }
        if (code === 'Z') { const w = /^[A-Za-z]+/.exec(rest); if (w) { pos += w[0].length; break; } }
        return undefined;
      }
      case 'T': {
        const sub = strptimeParts(text.slice(pos), /^(\d{1,2}):(\d{2}):(\d{2})/);
        if (!sub) return undefined;
        [hour, minute, second] = sub.vals; pos += sub.len; break;
      }
      case 'F': {
        const sub = strptimeParts(text.slice(pos), /^(\d{4})-(\d{1,2})-(\d{1,2})/);
        if (!sub) return undefined;
        [year, month, day] = sub.vals; pos += sub.len; break;
      }
      case '%': if (text[pos] !== '%') return undefined; pos++; break;
      default: return undefined;
    }
  }
  if (epoch !== undefined) return epoch;
  if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  if (doy !== undefined) {
    const d = new Date(Date.UTC(year, 0, doy));
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 61) return undefined;
  return fromWall({ year, month, day, hour, minute, second, frac }, tz, offset);
}

function strptimeParts(s: string, re: RegExp): { vals: number[]; len: number } | undefined {
  const m = re.exec(s);
  return m ? { vals: m.slice(1).map(Number), len: m[0].length } : undefined;
}

const UNIT: Record<string, string> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', week: 'w', weeks: 'w',
  mon: 'mon', month: 'mon', months: 'mon',
  q: 'q', qtr: 'q', qtrs: 'q', quarter: 'q', quarters: 'q',
  y: 'y', yr: 'y', yrs: 'y', year: 'y', years: 'y',
};

function addUnit(t: number, n: number, unit: string, tz?: string): number {
  switch (unit) {
    case 's': return t + n;
    case 'm': return t + n * 60;
    case 'h': return t + n * 3600;
    case 'd': case 'w': {
      const w = toWall(t, tz);
      return fromWall({ ...w, day: w.day + n * (unit === 'w' ? 7 : 1) }, tz);
    }
    case 'mon': case 'q': case 'y': {
      const w = toWall(t, tz);
      const months = unit === 'mon' ? n : unit === 'q' ? 3 * n : 12 * n;
      return fromWall({ ...w, month: w.month + months }, tz);
    }
  }
  return t;
}

function snap(t: number, unit: string, weekday: number | undefined, tz?: string): number {
  const w = toWall(t, tz);
  const base = { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, frac: 0 };
  switch (unit) {
    case 's': return fromWall(base, tz);
    case 'm': return fromWall({ ...base, second: 0 }, tz);
    case 'h': return fromWall({ ...base, minute: 0, second: 0 }, tz);
    case 'd': return fromWall({ ...base, hour: 0, minute: 0, second: 0 }, tz);
    case 'w': {
      const target = weekday === undefined ? 0 : weekday % 7;
      const back = (w.weekday - target + 7) % 7;
      return fromWall({ ...base, day: w.day - back, hour: 0, minute: 0, second: 0 }, tz);
    }
    case 'mon': return fromWall({ ...base, day: 1, hour: 0, minute: 0, second: 0 }, tz);
    case 'q': return fromWall({ ...base, month: Math.floor((w.month - 1) / 3) * 3 + 1, day: 1, hour: 0, minute: 0, second: 0 }, tz);
    case 'y': return fromWall({ ...base, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, tz);
  }
  return t;
}

/** Applies a Splunk relative time modifier (`-1d@d`, `+2h`, `@w1`, `now`) to `t`. Undefined when invalid. */
export function relativeTime(t: number, spec: string, tz?: string): number | undefined {
  const s = spec.trim().toLowerCase();
  if (s === 'now' || s === '') return t;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /([+-])(\d*)([a-z]+)|@([a-z]+?)(\d?)(?=$|[+-])/gy;
  let pos = 0;
  let cur = t;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return undefined;
    pos = re.lastIndex;
    if (m[1]) {
      const unit = UNIT[m[3]];
      if (!unit) return undefined;
      const n = (m[2] === '' ? 1 : Number(m[2])) * (m[1] === '-' ? -1 : 1);
      cur = addUnit(cur, n, unit, tz);
    } else {
      const unit = UNIT[m[4]] ?? (m[4] === 'w' ? 'w' : undefined);
      if (!unit) return undefined;
      cur = snap(cur, unit, m[5] ? Number(m[5]) : undefined, tz);
    }
  }
  return cur;
}

/** Parses a span like `1h`, `5m`, `30s`, `1d`, `1mon`: seconds (months as unit 'mon'). */
export function parseSpan(span: string): { value: number; unit: 's' | 'mon' | 'num' } | undefined {
  const m = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(span.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const u = m[2].toLowerCase();
  if (u === '') return { value: n, unit: 'num' };
  const unit = UNIT[u];
  switch (unit) {
    case 's': return { value: n, unit: 's' };
    case 'm': return { value: n * 60, unit: 's' };
    case 'h': return { value: n * 3600, unit: 's' };
    case 'd': return { value: n * 86400, unit: 's' };
    case 'w': return { value: n * 7 * 86400, unit: 's' };
    case 'mon': return { value: n, unit: 'mon' };
    case 'q': return { value: 3 * n, unit: 'mon' };
    case 'y': return { value: 12 * n, unit: 'mon' };
  }
  return undefined;
}

/** Floors `t` to a span bucket (aligned to the epoch for seconds spans, to months in `tz` for month spans). */
export function floorToSpan(t: number, span: { value: number; unit: 's' | 'mon' | 'num' }, tz?: string): number {
  if (span.unit === 'num') return Math.floor(t / span.value) * span.value;
  if (span.unit === 's') {
    if (span.value >= 86400) {
      // Day-or-longer spans align to local midnight in tz.
      const off = tzOffsetMinutes(tz, t * 1000) * 60;
      return Math.floor((t + off) / span.value) * span.value - off;
    }
    return Math.floor(t / span.value) * span.value;
  }
  const w = toWall(t, tz);
  const total = w.year * 12 + (w.month - 1);
  const b = Math.floor(total / span.value) * span.value;
  return fromWall({ year: Math.floor(b / 12), month: (b % 12) + 1, day: 1, hour: 0, minute: 0, second: 0, frac: 0 }, tz);
}
