// Only regular files are read as content, lookups and logs. `fs.statSync` runs before any open:
// opening a FIFO with no writer blocks forever, and reading a device such as /dev/zero never ends.
// Broken or looping symbolic links, special files, oversized files and (for text) bytes that are
// not UTF-8 become a problem message naming the file, never an exception or a hang.
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { fileInside } from './confine';

export type FileCheck = { ok: true; size: number } | { ok: false; problem: string };

function kindName(s: fs.Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Is `file` a regular file (after following symbolic links)? Never opens it. */
export function checkRegularFile(file: string): FileCheck {
  let s: fs.Stats;
  try {
    s = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, problem: `${file} is a symbolic link that loops` };
    if (code === 'ENOENT') {
      let link = false;
      try { link = fs.lstatSync(file).isSymbolicLink(); } catch { /* missing */ }
      return { ok: false, problem: link ? `${file} is a symbolic link whose target does not exist` : `no such file: ${file}` };
    }
    return { ok: false, problem: `cannot read ${file}: ${(e as Error).message}` };
  }
  if (!s.isFile()) return { ok: false, problem: `${file} is ${kindName(s)}, not a regular file; skipped` };
  return { ok: true, size: s.size };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

export type TextRead = { ok: true; text: string } | { ok: false; problem: string; line?: number };

/** Default size limit for one content file (YAML, lookup definition). */
export const MAX_CONTENT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a regular file as UTF-8 text (a leading BOM is kept, as `readFileSync(…, 'utf8')` does).
 * Refuses special files, files over `maxBytes` and content that is not UTF-8 (with the line of the
 * first bad byte, e.g. a Latin-1 `é`).
 */
export function readUtf8File(file: string, maxBytes = MAX_CONTENT_FILE_BYTES): TextRead {
  const kind = checkRegularFile(file);
  if (!kind.ok) return kind;
  if (kind.size > maxBytes) return { ok: false, problem: `${file} is ${kind.size} bytes, over the ${maxBytes}-byte limit; skipped` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, problem: `cannot read ${file}: ${(e as Error).message}` };
  }
  if (bytes.length > maxBytes) return { ok: false, problem: `${file} grew over the ${maxBytes}-byte limit while being read; skipped` };
  // Node's native validator first (the common, valid case); the scan only to say where it fails.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    const byte = bytes[bad].toString(16).padStart(2, '0');
    return { ok: false, line, problem: `${file} is not UTF-8: byte 0x${byte} at offset ${bad} (line ${line}) is not valid UTF-8 (Latin-1 or another legacy encoding?); save the file as UTF-8` };
  }
  return { ok: true, text: bytes.toString('utf8') };
}

/** `readUtf8File` for a content file of repository `root`: a symbolic link out of the root is refused. */
export function readContentFile(root: string, file: string, maxBytes = MAX_CONTENT_FILE_BYTES): TextRead {
  const inside = fileInside(root, file);
  if (!inside.ok) return { ok: false, problem: inside.problem };
  return readUtf8File(file, maxBytes);
}
