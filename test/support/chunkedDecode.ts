// Feeds `bytes` to a chunk decoder cut at `cuts` and joins what it returns, for comparing a
// streaming decoder with a one-shot TextDecoder.

/** The text `take` returns for each piece of `bytes` between the cut points, plus `end()`. */
export function decodeAtCuts<D extends { end(): string }>(
  bytes: Uint8Array,
  cuts: number[],
  decoder: D,
  take: (decoder: D, piece: Uint8Array) => string,
): string {
  const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  let out = '';
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out += take(decoder, bytes.subarray(prev, p));
    prev = p;
  }
  return out + decoder.end();
}
