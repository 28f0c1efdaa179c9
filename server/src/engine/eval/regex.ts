// PCRE (as Splunk writes it) → JavaScript RegExp. Conversions:
// - `(?P<n>…)` → `(?<n>…)`, `(?P=n)` → `\k<n>`;
// - inline flags `(?i)`, `(?s)`, `(?m)`, `(?x)` (anywhere) → whole-pattern JS flags (approximation
//   when written mid-pattern); `(?i:…)` → `(?:…)` with the flag applied to the whole pattern;
// - `\Q…\E` → escaped literal; `\A` → `^`, `\z`/`\Z` → `$`; `\h` → `[ \t]`; `\x{HHHH}` → `\uHHHH`;
// - possessive quantifiers (`*+`, `++`, `?+`, `{n}+`) → greedy; atomic groups `(?>…)` → `(?:…)`;
// - POSIX classes `[[:alpha:]]` etc. inside brackets;
// - extended mode `(?x)`: unescaped whitespace and `#` comments removed outside classes.
// Results are cached by (pattern, extra flags).

export interface ConvertedRegex {
  source: string;
  flags: string;
  /** Named groups in order of appearance. */
  groupNames: string[];
}

const POSIX: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: '\\w', blank: ' \\t', cntrl: '\\x00-\\x1f',
  print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function convertPcre(pattern: string): ConvertedRegex {
  const flags = new Set<string>();
  const groupNames: string[] = [];
  let out = '';
  let inClass = false;
  let extended = false;
  // First pass for a leading (?x) so whitespace handling is known.
  const lead = /^\(\?([imsxU]+)\)/.exec(pattern);
  if (lead && lead[1].includes('x')) extended = true;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) { out += '\\\\'; i++; continue; }
      if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        out += inClass ? lit.replace(/[\]\\^-]/g, '\\$&') : escapeLiteral(lit);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (!inClass && d === 'A') { out += '^'; i += 2; continue; }
      if (!inClass && (d === 'z' || d === 'Z')) { out += '$'; i += 2; continue; }
      if (d === 'h') { out += inClass ? ' \\t' : '[ \\t]'; i += 2; continue; }
      if (d === 'e') { out += '\\x1b'; i += 2; continue; }
      if (d === 'x' && pattern[i + 2] === '{') {
        // PCRE's `\x{HHHH}` (a code point by number); JS without the u flag knows only \uHHHH,
        // so a code point above U+FFFF becomes its surrogate pair.
        const m = /^\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(i + 2));
        const cp = m ? parseInt(m[1], 16) : NaN;
        if (m && cp <= 0x10ffff) {
          out += [...String.fromCodePoint(cp)].flatMap((ch) => ch.split('')).map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
          i += 2 + m[0].length;
          continue;
        }
      }
      out += c + d;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const m = /^\[:(\^?)(\w+):\]/.exec(pattern.slice(i));
        if (m && POSIX[m[2]] !== undefined && m[1] === '') { out += POSIX[m[2]]; i += m[0].length; continue; }
      }
      if (c === '[') { out += '\\['; i++; continue; }
      if (c === ']') { inClass = false; }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      // A ']' right after '[' or '[^' is literal in PCRE.
      if (pattern[i] === '^') { out += '^'; i++; }
      if (pattern[i] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (extended && /\s/.test(c)) { i++; continue; }
    if (extended && c === '#') {
      const nl = pattern.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      let m: RegExpExecArray | null;
      if ((m = /^P?<([A-Za-z_]\w*)>/.exec(rest))) {
        groupNames.push(m[1]);
        out += `(?<${m[1]}>`;
        i += 2 + m[0].length;
        continue;
      }
      if ((m = /^'([A-Za-z_]\w*)'/.exec(rest))) {
        groupNames.push(m[1]);
        out += `(?<${m[1]}>`;
        i += 2 + m[0].length;
        continue;
      }
      if ((m = /^P=([A-Za-z_]\w*)\)/.exec(rest))) {
        out += `\\k<${m[1]}>`;
        i += 2 + m[0].length;
        continue;
      }
      if ((m = /^([imsxUJ-]+)\)/.exec(rest))) {
        const [on] = m[1].split('-');
        for (const f of on) addFlag(flags, f);
        if (on.includes('x')) extended = true;
        i += 2 + m[0].length;
        continue;
      }
      if ((m = /^([imsxU-]+):/.exec(rest))) {
        const [on] = m[1].split('-');
        for (const f of on) addFlag(flags, f);
        out += '(?:';
        i += 2 + m[0].length;
        continue;
      }
      if (rest.startsWith('>')) { out += '(?:'; i += 3; continue; }
      if (rest.startsWith('#')) {
        const end = pattern.indexOf(')', i);
        i = end < 0 ? n : end + 1;
        continue;
      }
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+') {
      out += c;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return { source: out, flags: [...flags].join(''), groupNames };
}

function addFlag(flags: Set<string>, f: string): void {
  if (f === 'i' || f === 'm' || f === 's') flags.add(f);
}

const cache = new Map<string, RegExp | Error>();

/** Compiles a PCRE pattern to a JS RegExp (cached). `extraFlags` e.g. 'g'. Returns an Error for invalid patterns. */
export function compilePcre(pattern: string, extraFlags = ''): RegExp | Error {
  const key = extraFlags + '\u0000' + pattern;
  const hit = cache.get(key);
  if (hit) {
    if (hit instanceof RegExp) hit.lastIndex = 0;
    return hit;
  }
  let result: RegExp | Error;
  try {
    const c = convertPcre(pattern);
    const flags = [...new Set((c.flags + extraFlags).split(''))].join('');
    result = new RegExp(c.source, flags);
  } catch (e) {
    result = new Error(`invalid regular expression: ${(e as Error).message}`);
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, result);
  return result;
}

/** Converts Splunk's replacement text (`\1`, `\\`) to a JS replacement function input. */
export function pcreReplacement(replacement: string): (match: string, groups: (string | undefined)[]) => string {
  const parts: (string | number)[] = [];
  let buf = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\' && i + 1 < replacement.length) {
      const d = replacement[i + 1];
      if (d >= '0' && d <= '9') {
        if (buf) parts.push(buf);
        buf = '';
        parts.push(Number(d));
        i++;
        continue;
      }
      buf += d;
      i++;
      continue;
    }
    buf += c;
  }
  if (buf) parts.push(buf);
  return (match, groups) => {
    let s = '';
    for (const p of parts) {
      if (typeof p === 'string') s += p;
      else if (p === 0) s += match;
      else s += groups[p - 1] ?? '';
    }
    return s;
  };
}

const replCache = new Map<string, { g: RegExp; fn: (match: string, groups: (string | undefined)[]) => string }>();

/** Replaces matches of `re` in `text` using a Splunk replacement string (`\1`); all matches, the first, or the nth. */
export function pcreReplaceAll(text: string, re: RegExp, replacement: string, global = true, nth?: number): string {
  const base = re.flags.replace('g', '');
  const useG = global || nth !== undefined;
  const key = `${re.source}\u0000${base}\u0000${useG}\u0000${replacement}`;
  let c = replCache.get(key);
  if (!c) {
    c = { g: new RegExp(re.source, useG ? base + 'g' : base), fn: pcreReplacement(replacement) };
    if (replCache.size > 2000) replCache.clear();
    replCache.set(key, c);
  }
  const { g, fn } = c;
  g.lastIndex = 0;
  let count = 0;
  return text.replace(g, (...args: unknown[]) => {
    count++;
    if (nth !== undefined && count !== nth) return args[0] as string;
    // args: match, p1..pn, offset, string, [groups]
    let end = args.length - 2;
    if (typeof args[args.length - 1] === 'object') end = args.length - 3;
    const groups = args.slice(1, end) as (string | undefined)[];
    return fn(args[0] as string, groups);
  });
}
