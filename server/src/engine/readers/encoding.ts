// Text encoding: sniffing the BOM (and BOM-less UTF-16 by its zero bytes) and streaming decode.

import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import type { TextEncodingName } from './options';

/** A streaming decoder; the BOM is left in (ReaderCore drops a leading U+FEFF). */
interface ChunkDecoder {
  write(bytes: Uint8Array): string;
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
  end(): string {
    return this.decoder.decode();
  }
}

/** Node's StringDecoder is several times faster than a streaming TextDecoder for UTF-8. */
function createChunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf-8') return new StringDecoder('utf8');
  if (encoding === 'utf-16le') return new StringDecoder('utf16le');
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

  push(bytes: Uint8Array): string {
    if (this.decoder) return this.decoder.write(bytes);
    const head = this.head ? concat(this.head, bytes) : bytes;
    if (head.length < SNIFF_BYTES && !this.forced) {
      this.head = head.slice();
      return '';
    }
    this.head = undefined;
    this.start(head);
    return this.decoder!.write(head);
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
