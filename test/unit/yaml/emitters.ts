// Test-only YAML scalar emitters that record, for every UTF-16 unit of the value, the offset of the
// source that produced it (for escapes: the start of the escape; for folded breaks: the break).

export interface Emitted {
  /** Scalar source text (quotes / header / body). */
  source: string;
  /** origins[i] = offset in `source` of the source of value unit i. */
  origins: number[];
}

export type Rand = () => number;

export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isWsOrNl = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n';
const isPrintable = (c: string): boolean => {
  const cp = c.codePointAt(0)!;
  return (cp === 9 || (cp >= 0x20 && cp <= 0x7e) || cp >= 0xa0) && cp !== 0xfeff && !(cp >= 0xd800 && cp <= 0xdfff)
    && cp !== 0x2028 && cp !== 0x2029 && cp !== 0xfffe && cp !== 0xffff;
};

class Out {
  source = '';
  origins: number[] = [];
  constructor(readonly r: Rand, readonly crlf: boolean) {}
  get pos(): number {
    return this.source.length;
  }
  add(s: string): void {
    this.source += s;
  }
  /** Adds `s` as the verbatim source of value text `s`. */
  verbatim(s: string): void {
    for (let k = 0; k < s.length; k++) this.origins.push(this.pos + k);
    this.source += s;
  }
  br(): number {
    const p = this.pos;
    this.source += this.crlf ? '\r\n' : '\n';
    return p;
  }
  /** Random trailing white space (dropped by folding). */
  junk(allowTabs = true): void {
    if (this.r() < 0.3) this.add(pick(this.r, allowTabs ? [' ', '  ', '\t', ' \t '] : [' ', '  ']));
  }
  indent(n: number, allowTabs: boolean): void {
    this.add(' '.repeat(n));
    if (this.r() < 0.3) this.add(pick(this.r, allowTabs ? [' ', '   ', '\t', ' \t'] : [' ', '   ']));
  }
}

/** Splits into code points (astral chars stay together). */
const units = (v: string): string[] => Array.from(v);

/** Single-quoted form; undefined if the value cannot be written single-quoted. */
export function emitSingle(value: string, indent: number, r: Rand, crlf: boolean): Emitted | undefined {
  const cs = units(value);
  if (!cs.every((c) => c === '\n' || isPrintable(c))) return undefined;
  for (let k = 0; k < cs.length; k++) if (cs[k] === '\n' && (isWs(cs[k - 1]) || isWs(cs[k + 1]))) return undefined;
  return emitFlowFolded(cs, indent, r, crlf, "'", (o, c) => {
    if (c === "'") {
      o.origins.push(o.pos);
      o.add("''");
    } else o.verbatim(c);
  });
}

/** Plain form (caller must verify the result parses back to the same string). */
export function emitPlain(value: string, indent: number, r: Rand, crlf: boolean): Emitted | undefined {
  const cs = units(value);
  if (cs.length === 0 || !/^[A-Za-z0-9]/.test(value) || /\s$/.test(value) || /[:#\r]/.test(value)) return undefined;
  if (!cs.every((c) => c === '\n' || isPrintable(c))) return undefined;
  for (let k = 0; k < cs.length; k++) if (cs[k] === '\n' && (isWs(cs[k - 1]) || isWs(cs[k + 1]))) return undefined;
  return emitFlowFolded(cs, indent, r, crlf, '', (o, c) => o.verbatim(c));
}

/** Shared single-quoted / plain emission: newline runs become blank lines, some spaces fold. */
function emitFlowFolded(
  cs: string[],
  indent: number,
  r: Rand,
  crlf: boolean,
  quote: string,
  char: (o: Out, c: string) => void,
): Emitted {
  const o = new Out(r, crlf);
  o.add(quote);
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k];
    if (c === '\n') {
      let n = 0;
      while (cs[k + n] === '\n') n++;
      o.junk(!!quote);
      o.br();
      for (let j = 0; j < n; j++) {
        if (r() < 0.3) o.add(pick(r, [' ', '  ', ' '.repeat(indent) + '\t']));
        o.origins.push(o.br());
      }
      o.indent(indent, !!quote);
      k += n - 1;
    } else if (c === ' ' && k > 0 && !isWsOrNl(cs[k - 1]) && k + 1 < cs.length && !isWsOrNl(cs[k + 1]) && r() < 0.3) {
      o.junk(!!quote);
      o.origins.push(o.br());
      o.indent(indent, !!quote);
    } else char(o, c);
  }
  o.add(quote);
  return { source: o.source, origins: o.origins };
}

const DQ_SIMPLE: Record<string, string[]> = {
  '\0': ['\\0'], '\x07': ['\\a'], '\b': ['\\b'], '\t': ['\t', '\\t', '\\\t'], '\n': ['\\n'], '\v': ['\\v'],
  '\f': ['\\f'], '\r': ['\\r'], '\x1b': ['\\e'], ' ': [' ', ' ', ' ', '\\ '], '"': ['\\"'], '/': ['/', '\\/'],
  '\\': ['\\\\'], '\x85': ['\\N'], '\xa0': ['\\_', '\xa0'], '\u2028': ['\\L'], '\u2029': ['\\P'],
};

/** Double-quoted form: every value can be written; escapes, folds and escaped breaks at random. */
export function emitDouble(value: string, indent: number, r: Rand, crlf: boolean): Emitted {
  const cs = units(value);
  const o = new Out(r, crlf);
  o.add('"');
  const hex = (n: number, w: number): string => n.toString(16).padStart(w, '0');
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k];
    const cp = c.codePointAt(0)!;
    const prevOk = k > 0 && !isWsOrNl(cs[k - 1]);
    const nextOk = k + 1 < cs.length && !isWsOrNl(cs[k + 1]);
    // Escaped line break before a non-white character: produces nothing.
    if (k > 0 && !isWsOrNl(c) && r() < 0.1) {
      o.add('\\');
      o.br();
      o.indent(indent, true);
    }
    if (c === '\n' && prevOk) {
      let n = 0;
      while (cs[k + n] === '\n') n++;
      if (k + n < cs.length && !isWsOrNl(cs[k + n]) && r() < 0.6) {
        o.junk();
        o.br();
        for (let j = 0; j < n; j++) o.origins.push(o.br());
        o.indent(indent, true);
        k += n - 1;
        continue;
      }
    }
    if (c === ' ' && prevOk && nextOk && r() < 0.3) {
      o.junk();
      o.origins.push(o.br());
      o.indent(indent, true);
      continue;
    }
    const opts: string[] = [];
    if (DQ_SIMPLE[c]) opts.push(...DQ_SIMPLE[c]);
    else if (isPrintable(c) && c !== '"' && c !== '\\') opts.push(c, c, c);
    if (cp <= 0xff) opts.push('\\x' + hex(cp, 2));
    if (cp <= 0xffff) opts.push('\\u' + hex(cp, 4));
    opts.push('\\U' + hex(cp, 8));
    let e = pick(r, opts);
    // Raw white space must not touch a line break (it would be dropped).
    if ((c === ' ' || c === '\t') && e === c && (k === cs.length - 1 || k === 0 || !prevOk || !nextOk)) e = c === ' ' ? '\\ ' : '\\t';
    if (e === c) o.verbatim(c);
    else {
      for (let u = 0; u < c.length; u++) o.origins.push(o.pos);
      o.add(e);
    }
  }
  o.add('"');
  return { source: o.source, origins: o.origins };
}

/**
 * Block literal (`|`) or folded (`>`) form; `parentIndent` is the indentation of the mapping that
 * holds the key. Undefined if the value cannot be written in that style.
 */
export function emitBlock(value: string, folded: boolean, parentIndent: number, r: Rand, crlf: boolean): Emitted | undefined {
  if (!units(value).every((c) => c === '\n' || isPrintable(c))) return undefined;
  let t = 0;
  while (t < value.length && value[value.length - 1 - t] === '\n') t++;
  const contentPart = value.slice(0, value.length - t);
  const lines = contentPart === '' ? [] : contentPart.split('\n');
  const firstText = lines.find((l) => l !== '');
  // Only space-only lines: the yaml library and js-yaml disagree (yaml: no content); not emitted.
  if (lines.length > 0 && lines.every((l) => /^ *$/.test(l))) return undefined;
  // A final space-only line is cut off by the yaml library (js-yaml keeps it); not emitted.
  if (lines.length > 0 && /^ +$/.test(lines[lines.length - 1])) return undefined;
  const m = parentIndent + 1 + Math.floor(r() * 3);
  const needExplicit = firstText !== undefined && firstText[0] === ' ';
  const explicit = needExplicit || r() < 0.3;
  const chomp = t === 0 ? '-' : t === 1 && lines.length > 0 ? pick(r, ['', '+']) : '+';
  const o = new Out(r, crlf);
  const header = (folded ? '>' : '|') + (explicit ? String(m - parentIndent) : '') + chomp;
  o.add(header + (r() < 0.3 ? ' # comment' : ''));
  o.br();
  const emptyLine = (): number => {
    o.add(' '.repeat(Math.floor(r() * (m + 1))));
    return o.br();
  };
  if (lines.length === 0) {
    for (let j = 0; j < t; j++) o.origins.push(emptyLine());
    return { source: o.source, origins: o.origins };
  }
  const spaced = (l: string): boolean => /^[ \t]/.test(l) || l === '';
  let k = 0;
  while (lines[k] === '') {
    o.origins.push(emptyLine());
    k++;
  }
  let pendingBreak = -1;
  let prevText = lines[k];
  emitTextLine(prevText);
  while (k + 1 < lines.length) {
    let n = 1;
    k++;
    while (lines[k] === '') {
      n++;
      k++;
    }
    const next = lines[k];
    if (folded && !spaced(prevText) && !spaced(next)) for (let j = 0; j < n; j++) o.origins.push(emptyLine());
    else {
      o.origins.push(pendingBreak);
      for (let j = 1; j < n; j++) o.origins.push(emptyLine());
    }
    emitTextLine(next);
    prevText = next;
  }
  function emitTextLine(line: string): void {
    o.add(' '.repeat(m));
    const cs = units(line);
    const foldable = folded && !spaced(line);
    for (let j = 0; j < cs.length; j++) {
      if (foldable && cs[j] === ' ' && j > 0 && !isWs(cs[j - 1]) && j + 1 < cs.length && !isWs(cs[j + 1]) && r() < 0.3) {
        o.origins.push(o.br());
        o.add(' '.repeat(m));
      } else o.verbatim(cs[j]);
    }
    pendingBreak = o.br();
  }
  if (t > 0) {
    o.origins.push(pendingBreak);
    for (let j = 1; j < t; j++) o.origins.push(emptyLine());
  }
  return { source: o.source, origins: o.origins };
}
