// Fast single-pass scanners for Windows event XML that produce exactly what the Windows add-on's
// regex transforms produce (values are raw text slices: XML entities are NOT decoded, as in Splunk).
// Each function mirrors one documented transforms.conf REGEX; see server/addons/windows/default/transforms.conf.

export type Emit = (name: string, value: string) => void;

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/**
 * The first `</element>` at or after `from` (-1 if none). V8 finds a pattern slowly when its first
 * character is frequent in the text (as '<' is in XML), so this looks for `element>` and checks
 * the `</` before it.
 */
function closingTag(text: string, element: string, from: number): number {
  const tail = element + '>';
  for (let i = text.indexOf(tail, from + 2); i >= 0; i = text.indexOf(tail, i + 1)) {
    if (text.charCodeAt(i - 1) === 47 /* / */ && text.charCodeAt(i - 2) === 60 /* < */) return i - 2;
  }
  return -1;
}

/**
 * Like `(?ms)<Element(?:\s+[^>]+)?>(.*?)</Element>`: the inner text of each `<Element …>…</Element>`.
 */
export function xmlBlocks(text: string, element: string, emit: (inner: string) => void): void {
  // Search for the element name (a rare first character) rather than '<' (frequent), then check the '<'.
  const closeLen = element.length + 3;
  const len = element.length;
  let from = 0;
  for (;;) {
    const at = text.indexOf(element, from);
    if (at < 0) return;
    if (at === 0 || text.charCodeAt(at - 1) !== 60 /* < */) {
      from = at + len;
      continue;
    }
    let p = at + len;
    const c = text.charCodeAt(p);
    if (c === 62 /* > */) {
      p++;
    } else if (isSpace(c)) {
      const gt = text.indexOf('>', p);
      if (gt < 0) return;
      // `(?:\s+[^>]+)?>` — the attribute run may end in '/', as in the regex.
      p = gt + 1;
    } else {
      from = p;
      continue;
    }
    const e = closingTag(text, element, p);
    if (e < 0) return;
    emit(text.slice(p, e));
    from = e + closeLen;
  }
}

/** Like `<(\w*)>([^<]*)<\/\1>` applied repeatedly: leaf elements without attributes. */
export function xmlLeafElements(text: string, emit: Emit): void {
  let i = text.indexOf('<');
  const n = text.length;
  while (i >= 0 && i < n) {
    let p = i + 1;
    while (p < n && isWord(text.charCodeAt(p))) p++;
    if (p < n && text.charCodeAt(p) === 62 /* > */) {
      const name = text.slice(i + 1, p);
      const vs = p + 1;
      const lt = text.indexOf('<', vs);
      if (lt < 0) return;
      // The value runs to the next '<', which must be `</name>`.
      if (text.charCodeAt(lt + 1) === 47 && text.startsWith(name, lt + 2) && text.charCodeAt(lt + 2 + name.length) === 62) {
        emit(name, text.slice(vs, lt));
        i = text.indexOf('<', lt + 3 + name.length);
        continue;
      }
      i = lt;
      continue;
    }
    i = text.indexOf('<', i + 1);
  }
}

/**
 * Like `([^\s=]+)\s*=\s*('[^<']*'|"[^<"]*")` applied repeatedly, with the quotes removed from the value:
 * every attribute `Name='value'` in the text.
 */
export function xmlAttributes(text: string, emit: Emit): void {
  const n = text.length;
  let eq = text.indexOf('=');
  let minKeyStart = 0;
  while (eq >= 0) {
    // Key: the run of non-space, non-'=' characters before '=' (spaces allowed between key and '=').
    let ke = eq;
    while (ke > minKeyStart && isSpace(text.charCodeAt(ke - 1))) ke--;
    let ks = ke;
    while (ks > minKeyStart) {
      const c = text.charCodeAt(ks - 1);
      if (isSpace(c) || c === 61) break;
      ks--;
    }
    let v = eq + 1;
    while (v < n && isSpace(text.charCodeAt(v))) v++;
    const q = text.charCodeAt(v);
    if (ks < ke && (q === 39 || q === 34)) {
      let e = v + 1;
      while (e < n) {
        const c = text.charCodeAt(e);
        if (c === q || c === 60 /* < */) break;
        e++;
      }
      if (e < n && text.charCodeAt(e) === q) {
        emit(text.slice(ks, ke), text.slice(v + 1, e));
        minKeyStart = e + 1;
        eq = text.indexOf('=', e + 1);
        continue;
      }
    }
    eq = text.indexOf('=', eq + 1);
  }
}

/**
 * Like `<(?:\w+)\sName='([^>]*)'\/?>([^<]*)(?:<\/\w+>)?` applied repeatedly: `<Data Name='X'>value</Data>`
 * → X::value. Accepts single quotes (Windows) and double quotes (Sysmon for Linux).
 */
export function xmlNamedData(text: string, emit: Emit): void {
  const n = text.length;
  // Find "Name=" (rarer than '<'), then check that it follows `<word` and one whitespace character.
  let at = text.indexOf('Name=');
  while (at >= 0) {
    const sp = at - 1;
    let ws = sp;
    while (ws > 0 && isWord(text.charCodeAt(ws - 1))) ws--;
    const q = text.charCodeAt(at + 5);
    if (sp > 0 && isSpace(text.charCodeAt(sp)) && ws < sp && ws > 0 && text.charCodeAt(ws - 1) === 60 && (q === 39 || q === 34)) {
      const gt = text.indexOf('>', at + 6);
      if (gt < 0) return;
      // `([^>]*)'\/?>`: the name runs to the last quote before '>' (optionally followed by '/').
      let qe = gt - 1;
      if (text.charCodeAt(qe) === 47) qe--;
      if (qe > at + 5 && text.charCodeAt(qe) === q) {
        let lt = text.indexOf('<', gt + 1);
        if (lt < 0) lt = n;
        emit(text.slice(at + 6, qe), text.slice(gt + 1, lt));
        at = text.indexOf('Name=', lt);
        continue;
      }
    }
    at = text.indexOf('Name=', at + 5);
  }
}
