// A small quote/bracket-aware scan of SPL text (NOT the real parser): finds the command word after
// every top-level-or-nested `|`, and every macro call, outside strings and ``` comments. Outside
// strings a backslash escapes the next character (`*\"privileged\":true*` is one term holding a
// literal quote); `escapedQuotes` lists the offsets of those quotes.
/** @returns {{ commands: {name: string, index: number}[], macros: {name: string, index: number}[], escapedQuotes: number[] }} */
export function scanSpl(text) {
  const commands = [];
  const macros = [];
  const escapedQuotes = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      i = close < 0 ? n : close + 3;
    } else if (ch === '\\') {
      if (text[i + 1] === '"') escapedQuotes.push(i + 1);
      i += 2;
    } else if (ch === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '`') {
      const m = /^[\w.:-]+/.exec(text.slice(i + 1));
      if (m) macros.push({ name: m[0], index: i + 1 });
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? n : close + 1;
    } else if (ch === '|') {
      i++;
      while (i < n && /\s/.test(text[i])) i++;
      const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 64));
      if (m) commands.push({ name: m[0], index: i });
    } else {
      i++;
    }
  }
  return { commands, macros, escapedQuotes };
}
