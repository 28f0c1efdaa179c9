// Splitting a value for a transforms.conf DELIMS extraction.
//
// transforms.conf.spec (DELIMS): "Each individual ASCII character in the delimiter string is used as
// a delimiter to split the event", and "If a value may contain an embedded unescaped double quote
// character, such as "foo"bar", use REGEX, not DELIMS. An escaped double quote (\") is ok." So a value
// in double quotes is one value even when it holds delimiter characters (e.g. the quoted user agent
// "Mozilla/5.0 (KHTML, like Gecko)" in a comma-separated PAN-OS log), and `\"` does not end it.
// The quotes themselves are removed by the caller (`unquote`), as for every extracted value.

const delimRegexes = new Map<string, RegExp>();

/** Splits at every character of `delims` (code points), keeping empty pieces; no quote handling. */
function splitPlain(s: string, delims: string): string[] {
  if (delims.length === 1) return s.split(delims);
  let re = delimRegexes.get(delims);
  if (!re) {
    re = new RegExp('[' + [...delims].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('') + ']', 'u');
    delimRegexes.set(delims, re);
  }
  return s.split(re);
}

/**
 * Splits `s` at every character of `delims` outside double-quoted stretches, keeping empty pieces.
 * An unescaped `"` opens or closes a quoted stretch; `\"` inside one does not close it. An unclosed
 * quote runs to the end of the text (one last piece), never past it.
 */
export function splitDelimited(s: string, delims: string): string[] {
  if (!s.includes('"') || delims.includes('"')) return splitPlain(s, delims);
  const pieces: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quoted && s[i + 1] === '"') {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && delims.includes(c)) {
      pieces.push(s.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(s.slice(start));
  return pieces;
}
