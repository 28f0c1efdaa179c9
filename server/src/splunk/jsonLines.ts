// Splits a streamed body into JSON values, one per line, with a bound on line length so a hostile
// or broken server cannot make us buffer without limit. Lines are decoded as UTF-8 only once
// complete, so a character split across chunks stays intact.
import { SplunkError } from './errors';

export type JsonLine = { ok: true; value: unknown } | { ok: false; text: string };

export async function* jsonLines(body: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<JsonLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const lineOf = (tail: Buffer): JsonLine | undefined => {
    const buf = pending.length ? Buffer.concat([...pending, tail]) : tail;
    pending = [];
    pendingBytes = 0;
    const text = buf.toString('utf8').trim();
    if (!text) return undefined;
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, text: text.slice(0, 200) };
    }
  };
  for await (const chunk of body) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
      if (pendingBytes + nl > maxLineBytes) throw tooLong(maxLineBytes);
      const line = lineOf(buf.subarray(0, nl));
      if (line) yield line;
      buf = buf.subarray(nl + 1);
    }
    if (buf.length) {
      pendingBytes += buf.length;
      if (pendingBytes > maxLineBytes) throw tooLong(maxLineBytes);
      pending.push(Buffer.from(buf)); // copy: the stream may reuse its chunk
    }
  }
  const last = lineOf(Buffer.alloc(0));
  if (last) yield last;
}

function tooLong(max: number): SplunkError {
  return new SplunkError('limit', `a line of the server's answer is longer than ${Math.round(max / 1024)} KiB; reading stopped`, 'reduce the fields the search returns (| fields / | table), or raise the line limit');
}
