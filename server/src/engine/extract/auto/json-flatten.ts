// JSON field extraction the way Splunk names fields (KV_MODE=json / spath): objects join keys with
// `.`, arrays append `{}`, values found more than once under one path become multivalue. Numbers,
// booleans and null keep their JSON text; empty objects/arrays produce no field; "" is kept.
// A hand-written scanner over the raw text keeps number text exact and avoids building objects.

export type JsonEmit = (path: string, value: string) => void;

/**
 * Nesting deeper than this is not turned into fields: the deeper value is skipped, the fields
 * above it are kept, and `onTooDeep` names the path where it was cut (the caller warns).
 */
export const MAX_JSON_DEPTH = 200;

// Field paths repeat from event to event: reuse the same string objects so row keys stay cheap.
const pathCache = new Map<string, Map<string, string>>();
let pathCacheSize = 0;

function childPath(parent: string, key: string): string {
  let m = pathCache.get(parent);
  if (!m) {
    if (pathCacheSize > 100000) {
      pathCache.clear();
      pathCacheSize = 0;
    }
    m = new Map();
    pathCache.set(parent, m);
  }
  let p = m.get(key);
  if (p === undefined) {
    p = key === '{}\u0000' ? parent + '{}' : parent === '' ? key : parent + '.' + key;
    m.set(key, p);
    pathCacheSize++;
  }
  return p;
}

function arrayPath(parent: string): string {
  return childPath(parent, '{}\u0000');
}

class Scanner {
  i = 0;
  /** The first path whose value was nested too deeply (skipped). */
  tooDeep: string | undefined;
  constructor(readonly s: string) {}

  /** Skips one value (balanced brackets, strings with escapes) without emitting; false on bad syntax. */
  skip(): boolean {
    const s = this.s;
    let depth = 0;
    for (let i = this.i; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        while (i < s.length && s.charCodeAt(i) !== 34) i += s.charCodeAt(i) === 92 ? 2 : 1;
        if (i >= s.length) return false;
        if (depth === 0) { this.i = i + 1; return true; }
      } else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) { this.i = i; return true; }
        depth--;
        if (depth === 0) { this.i = i + 1; return true; }
      } else if (depth === 0 && (c === 44 || c === 32 || c === 10 || c === 13 || c === 9)) { this.i = i; return true; }
    }
    this.i = s.length;
    return depth === 0;
  }

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  string(): string | undefined {
    const s = this.s;
    const start = this.i + 1;
    const q = s.indexOf('"', start);
    if (q < 0) return undefined;
    const bs = s.indexOf('\\', start);
    if (bs < 0 || bs > q) {
      this.i = q + 1;
      return s.slice(start, q);
    }
    // Escapes present: find the real closing quote, then let JSON.parse decode the literal.
    let i = bs;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        i += 2;
        continue;
      }
      if (Number.isNaN(c)) return undefined;
      i++;
    }
    this.i = i + 1;
    try {
      return JSON.parse(s.slice(start - 1, i + 1)) as string;
    } catch {
      return undefined;
    }
  }

  /** Parses a value under `path`; returns false on a syntax error. */
  value(path: string, emit: JsonEmit, depth: number): boolean {
    this.ws();
    if (depth > MAX_JSON_DEPTH) {
      this.tooDeep ??= path;
      return this.skip();
    }
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 123 /* { */) {
      this.i++;
      this.ws();
      if (s.charCodeAt(this.i) === 125) {
        this.i++;
        return true;
      }
      for (;;) {
        this.ws();
        if (s.charCodeAt(this.i) !== 34) return false;
        const key = this.string();
        if (key === undefined) return false;
        this.ws();
        if (s.charCodeAt(this.i) !== 58) return false;
        this.i++;
        if (!this.value(childPath(path, key), emit, depth + 1)) return false;
        this.ws();
        const d = s.charCodeAt(this.i++);
        if (d === 44) continue;
        if (d === 125) return true;
        return false;
      }
    }
    if (c === 91 /* [ */) {
      this.i++;
      this.ws();
      if (s.charCodeAt(this.i) === 93) {
        this.i++;
        return true;
      }
      const p = arrayPath(path);
      for (;;) {
        if (!this.value(p, emit, depth + 1)) return false;
        this.ws();
        const d = s.charCodeAt(this.i++);
        if (d === 44) continue;
        if (d === 93) return true;
        return false;
      }
    }
    if (c === 34) {
      const v = this.string();
      if (v === undefined) return false;
      if (path !== '') emit(path, v);
      return true;
    }
    // number, true, false, null
    const start = this.i;
    let i = start;
    for (;;) {
      const d = s.charCodeAt(i);
      if ((d >= 48 && d <= 57) || (d >= 97 && d <= 122) || d === 45 || d === 43 || d === 46 || d === 69) i++;
      else break;
    }
    if (i === start) return false;
    const lit = s.slice(start, i);
    if (!(lit === 'true' || lit === 'false' || lit === 'null' || /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(lit))) return false;
    this.i = i;
    if (path !== '') emit(path, lit);
    return true;
  }
}

/**
 * Flattens the JSON document in `text` (leading/trailing whitespace allowed). Returns false, having
 * emitted nothing, when the text is not one valid JSON object or array.
 */
export function flattenJsonText(text: string, emit: JsonEmit, onTooDeep?: (path: string) => void): boolean {
  const collected: [string, string][] = [];
  const sc = new Scanner(text);
  sc.ws();
  const c = text.charCodeAt(sc.i);
  if (c !== 123 && c !== 91) return false;
  if (!sc.value('', (p, v) => collected.push([p, v]), 0)) return false;
  sc.ws();
  if (sc.i < text.length) return false;
  for (const [p, v] of collected) emit(p, v);
  if (sc.tooDeep !== undefined) onTooDeep?.(sc.tooDeep);
  return true;
}

/** Flattens an already parsed JSON value (used when a reader passes `RawEvent.json`). */
export function flattenJsonValue(value: unknown, emit: JsonEmit, path = '', onTooDeep?: (path: string) => void, depth = 0): void {
  if (depth > MAX_JSON_DEPTH) {
    onTooDeep?.(path);
    return;
  }
  if (value === null) {
    if (path !== '') emit(path, 'null');
  } else if (Array.isArray(value)) {
    for (const v of value) flattenJsonValue(v, emit, path + '{}', onTooDeep, depth + 1);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flattenJsonValue(v, emit, path === '' ? k : path + '.' + k, onTooDeep, depth + 1);
    }
  } else if (path !== '') {
    emit(path, String(value));
  }
}
