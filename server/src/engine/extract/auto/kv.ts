// Splunk automatic key/value extraction (KV_MODE=auto / auto_escaped): `key=value` and `key="quoted value"`.
// Keys are word characters; unquoted values run to the next whitespace or quote. A single quote is not
// a quoting character: in auditd's `msg='op=… exe="…" res=success'` the inner pairs are extracted.

export type KvEmit = (key: string, value: string) => void;

function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Emits each key/value pair found in `text`. `escaped` honours `\"` inside quoted values. */
export function autoKv(text: string, emit: KvEmit, escaped = false): void {
  const n = text.length;
  let eq = text.indexOf('=');
  let minStart = 0;
  while (eq >= 0) {
    let ks = eq;
    while (ks > minStart && isKeyChar(text.charCodeAt(ks - 1))) ks--;
    // Keys start with a letter or underscore.
    while (ks < eq && !/[A-Za-z_]/.test(text[ks])) ks++;
    const v = eq + 1;
    let value: string;
    let end: number;
    const q = text.charCodeAt(v);
    if (q === 34) {
      let e = v + 1;
      let buf = '';
      let seg = e;
      while (e < n) {
        const c = text.charCodeAt(e);
        if (escaped && c === 92 && e + 1 < n) {
          buf += text.slice(seg, e) + text[e + 1];
          e += 2;
          seg = e;
          continue;
        }
        if (c === q) break;
        e++;
      }
      value = buf + text.slice(seg, e);
      end = e + 1;
    } else {
      let e = v;
      for (;;) {
        if (e >= n) break;
        const c = text.charCodeAt(e);
        if (isSpace(c) || c === 34 || c === 39) break;
        e++;
      }
      value = text.slice(v, e);
      end = e;
    }
    if (ks < eq && value !== '') {
      const key = text.slice(ks, eq).replace(/[.-]/g, '_');
      emit(key, value);
    }
    minStart = Math.max(end, eq + 1);
    eq = text.indexOf('=', minStart);
  }
}
