// Translation of PCRE patterns as Splunk .conf files write them into JavaScript RegExp:
// inline flag groups, (?P<name>), possessive quantifiers, atomic groups, \Q…\E, \A, \z, \Z, \h.

export interface TranslatedRegex {
  source: string;
  flags: string;
}

export type RegexResult = { regex: RegExp } | { error: string };

const cache = new Map<string, RegexResult>();

/** Compiles a PCRE pattern into a JS RegExp (global flag added when `global`). Cached, never throws. */
export function compilePcre(pattern: string, global = false): RegexResult {
  const key = (global ? 'g' : '-') + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  let result: RegexResult;
  try {
    const t = translatePcre(pattern);
    result = { regex: new RegExp(t.source, t.flags + (global ? 'g' : '')) };
  } catch (e) {
    result = { error: `Invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}` };
  }
  cache.set(key, result);
  return result;
}

/** Rewrites PCRE-only syntax; inline flags anywhere become global flags (an approximation mid-pattern). */
export function translatePcre(pattern: string): TranslatedRegex {
  const flags = new Set<string>();
  let out = '';
  let inClass = false;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = pattern.slice(i + 2, end < 0 ? n : end);
        out += lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (!inClass && d === 'A') {
        out += '^';
        i += 2;
        continue;
      }
      if (!inClass && (d === 'z' || d === 'Z')) {
        out += '$';
        i += 2;
        continue;
      }
      if (d === 'h') {
        out += inClass ? ' \\t' : '[ \\t]';
        i += 2;
        continue;
      }
      out += c + (d ?? '');
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      // A leading ']' (or '^]') is literal inside a class.
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      const flagGroup = /^([imsx]*)(?:-([imsx]*))?\)/.exec(rest);
      if (flagGroup && (flagGroup[1] || flagGroup[2] !== undefined)) {
        for (const f of flagGroup[1]) if (f !== 'x') flags.add(f);
        i += 2 + flagGroup[0].length;
        continue;
      }
      const scoped = /^([imsx]+)(?:-[imsx]*)?:/.exec(rest);
      if (scoped) {
        for (const f of scoped[1]) if (f !== 'x') flags.add(f);
        out += '(?:';
        i += 2 + scoped[0].length;
        continue;
      }
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith('P=')) {
        const close = pattern.indexOf(')', i);
        out += `\\k<${pattern.slice(i + 4, close)}>`;
        i = close + 1;
        continue;
      }
      if (rest.startsWith('>')) {
        out += '(?:';
        i += 3;
        continue;
      }
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && pattern[i + 1] === '+') {
      out += c; // possessive → greedy
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return { source: out, flags: [...flags].sort().join('') };
}
