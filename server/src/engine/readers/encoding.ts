// Text encoding: sniffing the BOM (and BOM-less UTF-16 by its zero bytes) and streaming decode.

import * as buffer from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import type { TextEncodingName } from './options';

/** A streaming decoder; the BOM is left in (ReaderCore drops a leading U+FEFF). */
interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  /** Like `write`, as consecutive pieces (joined, they are `write`'s text). */
  pieces(bytes: Uint8Array): string[];
  end(): string;
}

/** TextDecoder for encodings StringDecoder lacks (UTF-16BE). */
class TextChunkDecoder implements ChunkDecoder {
  private readonly decoder: TextDecoder;
  constructor(encoding: TextEncodingName) {
    this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  }
  write(bytes: Uint8Array): string {
    return this.decoder.decode(bytes, { stream: true });
  }
  pieces(bytes: Uint8Array): string[] {
    return [this.write(bytes)];
  }
  end(): string {
    return this.decoder.decode();
  }
}

/** StringDecoder (UTF-16LE) as a ChunkDecoder. */
class StringChunkDecoder implements ChunkDecoder {
  private readonly decoder = new StringDecoder('utf16le');
  write(bytes: Uint8Array): string {
    return this.decoder.write(bytes);
  }
  pieces(bytes: Uint8Array): string[] {
    return [this.write(bytes)];
  }
  end(): string {
    return this.decoder.end();
  }
}

/** `buffer.isAscii` (SIMD; Node ≥ 18.15), when the runtime has it. */
const isAscii: ((b: Uint8Array) => boolean) | undefined = (buffer as { isAscii?: (b: Uint8Array) => boolean }).isAscii;

/**
 * Bytes of `b` that end on a complete UTF-8 sequence: an incomplete multi-byte sequence at the end
 * (at most 3 bytes) is left for the next chunk. Invalid bytes count as complete (they decode to
 * U+FFFD either way).
 */
export function completeUtf8Length(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/**
 * UTF-8 by chunks. ASCII-only chunks (the usual case) are copied as Latin-1, the fastest
 * conversion V8 has; other chunks are cut at their last complete character and decoded without
 * streaming state, which for mixed text is faster than StringDecoder and a streaming TextDecoder.
 * Invalid bytes become U+FFFD as with TextDecoder (WHATWG rules).
 *
 * `pieces` splits a chunk that is not all ASCII at line ends, into runs of ASCII lines (copied as
 * Latin-1) and runs of the other lines (decoded): one non-ASCII character then no longer turns
 * every event of the chunk into a two-byte string (twice the memory, slower scanning). A line end
 * is never inside a UTF-8 sequence, so decoding the runs apart gives the same text.
 */
export class Utf8ChunkDecoder implements ChunkDecoder {
  private carry: Uint8Array | undefined;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

  write(bytes: Uint8Array): string {
    const b = this.complete(bytes);
    if (b.length === 0) return '';
    if (isAscii !== undefined && isAscii(b)) return latin1(b);
    return this.decoder.decode(b);
  }

  pieces(bytes: Uint8Array): string[] {
    const b = this.complete(bytes);
    if (b.length === 0) return [];
    if (isAscii === undefined) return [this.decoder.decode(b)];
    if (isAscii(b)) return [latin1(b)];
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    const out: string[] = [];
    let runStart = 0;
    let runAscii = true;
    for (let pos = 0; pos < buf.length; ) {
      const nl = buf.indexOf(10, pos);
      const end = nl < 0 ? buf.length : nl + 1;
      const ascii = isAscii(buf.subarray(pos, end));
      if (ascii !== runAscii && pos > runStart) {
        out.push(this.run(buf, runStart, pos, runAscii));
        runStart = pos;
      }
      runAscii = ascii;
      pos = end;
    }
    out.push(this.run(buf, runStart, buf.length, runAscii));
    return out;
  }

  private run(buf: Buffer, start: number, end: number, ascii: boolean): string {
    return ascii ? buf.toString('latin1', start, end) : this.decoder.decode(buf.subarray(start, end));
  }

  /** `bytes` after the carried bytes, up to its last complete character (the rest is carried). */
  private complete(bytes: Uint8Array): Uint8Array {
    let b = bytes;
    if (this.carry) {
      b = Buffer.concat([this.carry, bytes]);
      this.carry = undefined;
    }
    if (b.length === 0 || (isAscii !== undefined && isAscii(b))) return b;
    const cut = completeUtf8Length(b);
    if (cut < b.length) {
      this.carry = Uint8Array.prototype.slice.call(b, cut);
      b = b.subarray(0, cut);
    }
    return b;
  }

  end(): string {
    const c = this.carry;
    this.carry = undefined;
    return c ? this.decoder.decode(c) : '';
  }
}

function createChunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf-8') return new Utf8ChunkDecoder();
  if (encoding === 'utf-16le') return new StringChunkDecoder();
  return new TextChunkDecoder(encoding);
}

/** Bytes needed before the encoding can be sniffed. */
export const SNIFF_BYTES = 4;

/**
 * The encoding of a byte sample: a UTF-8 / UTF-16 BOM decides; without a BOM, ASCII text in
 * UTF-16 shows as zero bytes in every second position; anything else is taken as UTF-8.
 */
export function sniffEncoding(bytes: Uint8Array): TextEncodingName {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (bytes.length >= 4) {
    if (b0 !== 0 && b1 === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
    if (b0 === 0 && b1 !== 0 && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be';
  }
  return 'utf-8';
}

/** Streaming decoder: sniffs the encoding from the first bytes (the BOM stays in the text). */
export class ByteDecoder {
  private decoder: ChunkDecoder | undefined;
  private head: Uint8Array | undefined;
  private chosen: TextEncodingName | undefined;

  constructor(private readonly forced?: TextEncodingName) {}

  /** The encoding in use (undefined until enough bytes were seen). */
  get encoding(): TextEncodingName | undefined {
    return this.chosen;
  }

  /** The text of the next bytes, as consecutive pieces (see Utf8ChunkDecoder.pieces). */
  push(bytes: Uint8Array): string[] {
    if (this.decoder) return this.decoder.pieces(bytes);
    const head = this.head ? concat(this.head, bytes) : bytes;
    if (head.length < SNIFF_BYTES && !this.forced) {
      this.head = head.slice();
      return [];
    }
    this.head = undefined;
    this.start(head);
    return this.decoder!.pieces(head);
  }

  end(): string {
    if (!this.decoder) {
      const head = this.head ?? new Uint8Array(0);
      this.head = undefined;
      this.start(head);
      return this.decoder!.write(head) + this.decoder!.end();
    }
    return this.decoder.end();
  }

  private start(head: Uint8Array): void {
    this.chosen = this.forced ?? sniffEncoding(head);
    this.decoder = createChunkDecoder(this.chosen);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Decodes a whole byte array at once (BOM sniffed and stripped). */
export function decodeAll(bytes: Uint8Array, forced?: TextEncodingName): { text: string; encoding: TextEncodingName } {
  const encoding = forced ?? sniffEncoding(bytes);
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  return { text, encoding };
}
