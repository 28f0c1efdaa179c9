// Opening an input as a stream of byte chunks, gunzipping it when it starts with the gzip magic
// bytes. Failures (missing file, corrupt gzip) are reported as messages, never thrown.

import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { checkRegularFile } from '../../content/regularFile';
import type { MessageCollector } from './messages';

export const GZIP_MAGIC_0 = 0x1f;
export const GZIP_MAGIC_1 = 0x8b;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}

export type ByteInput = { path: string } | { bytes: Uint8Array } | { stream: AsyncIterable<Uint8Array> };

/** Set `reuse` once every consumer is done with a chunk before it asks for the next one. */
interface ChunkReuse {
  reuse: boolean;
}

/** Raw chunks of the input, as stored (possibly compressed). */
async function* rawChunks(input: ByteInput, chunkSize: number, reuse: ChunkReuse): AsyncGenerator<Uint8Array> {
  if ('bytes' in input) {
    const b = input.bytes;
    for (let i = 0; i < b.length; i += chunkSize) yield b.subarray(i, Math.min(b.length, i + chunkSize));
  } else if ('path' in input) {
    yield* fileChunks(input.path, chunkSize, reuse);
  } else {
    for await (const chunk of input.stream) yield chunk;
  }
}

/**
 * A file's chunks. Reads are synchronous: from the page cache this is several times faster than
 * stream reads, whose thread-pool round trips left the CPU idle half the time. The reader driver
 * gives the event loop a turn every few milliseconds (see EventLoopTurns). With `reuse.reuse` set,
 * one buffer is read into again and again (a fresh buffer per read costs page faults and GC).
 */
async function* fileChunks(file: string, chunkSize: number, reuse: ChunkReuse): AsyncGenerator<Uint8Array> {
  // Stat before open: opening a FIFO with no writer blocks, a device never ends.
  const kind = checkRegularFile(file);
  if (!kind.ok) throw new Error(kind.problem);
  const handle = await fs.promises.open(file, 'r');
  let spare: Buffer | undefined;
  try {
    for (;;) {
      const buf = reuse.reuse ? (spare ??= Buffer.allocUnsafe(chunkSize)) : Buffer.allocUnsafe(chunkSize);
      const n = fs.readSync(handle.fd, buf, 0, chunkSize, null);
      if (n === 0) return;
      yield n === chunkSize ? buf : buf.subarray(0, n);
    }
  } finally {
    await handle.close();
  }
}

/** Where a byte stream came from, learnt while reading it. */
export interface ByteSourceState {
  gzip: boolean;
}

/**
 * The input's content as byte chunks: gzip is detected from the first two bytes and inflated as a
 * stream. Errors end the stream early with a message. A plain file's chunks share one buffer: use
 * (decode or copy) each chunk before asking for the next.
 */
export async function* openByteSource(
  input: ByteInput,
  chunkSize: number,
  messages: MessageCollector,
  state: ByteSourceState,
): AsyncGenerator<Uint8Array> {
  const reuse: ChunkReuse = { reuse: false };
  const raw = rawChunks(input, chunkSize, reuse);
  let head: Uint8Array | undefined;
  try {
    // Collect at least two bytes to look for the gzip magic.
    for (;;) {
      const r = await raw.next();
      if (r.done) break;
      head = head ? Buffer.concat([head, r.value]) : r.value;
      if (head.length >= 2) break;
    }
  } catch (e) {
    messages.report('input', 'error', `cannot read input: ${errorText(e)}`);
    return;
  }
  if (!head) return;
  if (!isGzip(head)) {
    // Plain input: the consumer (ByteDecoder) decodes or copies each chunk before asking for the
    // next, so the file reader may reuse its buffer.
    reuse.reuse = true;
    try {
      yield head;
      for (;;) {
        const r = await raw.next();
        if (r.done) break;
        yield r.value;
      }
    } catch (e) {
      messages.report('input', 'error', `error while reading input: ${errorText(e)}`);
    } finally {
      await raw.return(undefined);
    }
    return;
  }
  state.gzip = true;
  const first = head;
  async function* compressed(): AsyncGenerator<Uint8Array> {
    yield first;
    for (;;) {
      const r = await raw.next();
      if (r.done) return;
      yield r.value;
    }
  }
  const source = Readable.from(compressed(), { objectMode: false });
  const gunzip = zlib.createGunzip({ chunkSize: Math.max(64, chunkSize) });
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (e) {
    messages.warn('input', `compressed input is truncated or corrupt (${errorText(e)}); the rest is ignored`);
  } finally {
    source.destroy();
    gunzip.destroy();
    await raw.return(undefined);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
