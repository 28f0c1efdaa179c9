// A string a simple regular expression matches, for crafting values that pass `regex field="…"`
// and where match(field, "…"). Handles what detections use: literals and escapes, `.`, classes
// `[…]`, `\d \w \s`, `\x{HHHH}`, groups with alternatives (first one taken), quantifiers (`?` `*` `{0,n}`
// → none, `+` `{n,…}` → n), anchors, inline flags. The caller checks the result with the regex
// itself, so an unsupported construct only means no value is proposed.

/** The index of the `)` that closes the group opened at `open` (escapes skipped), or undefined. */
export function groupEnd(pattern: string, open: number): number | undefined {
  let depth = 0;
  for (let j = open; j < pattern.length; j++) {
    if (pattern[j] === '\\') { j++; continue; }
    if (pattern[j] === '(') depth++;
    else if (pattern[j] === ')' && --depth === 0) return j;
  }
  return undefined;
}

/** A candidate string for `pattern` (undefined when the pattern uses unsupported constructs). */
export function regexExample(pattern: string): string | undefined {
  let p = pattern.replace(/^\(\?[a-z]+\)/, '');
  let out = '';
  let i = 0;
  const atom = (): string | undefined => {
    const c = p[i];
    if (c === '\\') {
      const n = p[i + 1];
      i += 2;
      if (n === undefined) return undefined;
      // PCRE's hexadecimal escapes: \x{HHHH} (any code point) and \xHH; \t \n \r.
      if (n === 'x') {
        const m = /^\{([0-9A-Fa-f]{1,6})\}|^([0-9A-Fa-f]{2})/.exec(p.slice(i));
        if (!m) return undefined;
        i += m[0].length;
        const cp = parseInt(m[1] ?? m[2], 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
      }
      if (n === 't') return '\t';
      if (n === 'n') return '\n';
      if (n === 'r') return '\r';
      if (n === 'd') return '1';
      if (n === 'w') return 'a';
      if (n === 's') return ' ';
      if (n === 'b' || n === 'B' || n === 'A' || n === 'z' || n === 'Z') return '';
      if (/[DWS]/.test(n)) return n === 'D' ? 'a' : n === 'W' ? '-' : 'a';
      return n;
    }
    if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) return undefined;
      const body = p.slice(i + 1, end);
      i = end + 1;
      if (body.startsWith('^')) return body.includes('a') ? 'b' : 'a';
      return body[0] === '\\' ? (body[1] === 'd' ? '1' : body[1] === 's' ? ' ' : body[1]) : body[0];
    }
    if (c === '(') {
      const j = groupEnd(p, i);
      if (j === undefined) return undefined;
      let inner = p.slice(i + 1, j).replace(/^\?(:|<[A-Za-z_]\w*>|P<[A-Za-z_]\w*>|i:)/, '');
      i = j + 1;
      // The first alternative at depth 0.
      let d = 0;
      for (let k = 0; k < inner.length; k++) {
        if (inner[k] === '\\') { k++; continue; }
        if (inner[k] === '(') d++;
        else if (inner[k] === ')') d--;
        else if (inner[k] === '|' && d === 0) { inner = inner.slice(0, k); break; }
      }
      return regexExample(inner);
    }
    if (c === '^' || c === '$') { i++; return ''; }
    if (c === '.') { i++; return 'a'; }
    if (c === '|') return undefined;
    i++;
    return c;
  };
  // Top-level alternatives: take the first.
  let depth = 0;
  for (let k = 0; k < p.length; k++) {
    if (p[k] === '\\') { k++; continue; }
    if (p[k] === '(' || p[k] === '[') depth++;
    else if (p[k] === ')' || p[k] === ']') depth--;
    else if (p[k] === '|' && depth === 0) { p = p.slice(0, k); break; }
  }
  while (i < p.length) {
    const a = atom();
    if (a === undefined) return undefined;
    const q = p[i];
    if (q === '?' || q === '*') { i++; if (p[i] === '?' || p[i] === '+') i++; continue; }
    if (q === '+') { i++; if (p[i] === '?' || p[i] === '+') i++; out += a; continue; }
    if (q === '{') {
      const m = /^\{(\d*)(,\d*)?\}/.exec(p.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      out += a.repeat(Number(m[1] || 0));
      continue;
    }
    out += a;
  }
  return out;
}
