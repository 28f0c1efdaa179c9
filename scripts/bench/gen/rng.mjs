// A small seeded PRNG (mulberry32) and helpers, so generated benchmark logs are identical run to run.
export function createRng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  /** Picks from [[weight, value], …]. */
  const weighted = (pairs) => {
    const total = pairs.reduce((a, [w]) => a + w, 0);
    let r = next() * total;
    for (const [w, v] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][1];
  };
  const hex = (n) => {
    let out = '';
    for (let i = 0; i < n; i++) out += '0123456789ABCDEF'[Math.floor(next() * 16)];
    return out;
  };
  const guid = () => `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
  return { next, int, pick, weighted, hex, guid };
}

/** Writes lines produced by `make(i)` to `file` through a buffered stream, honouring backpressure. */
export async function writeLines(file, count, make, { untilBytes } = {}) {
  const fs = await import('node:fs');
  const out = fs.createWriteStream(file);
  let buf = '';
  let bytes = 0;
  let i = 0;
  for (; untilBytes ? bytes < untilBytes : i < count; i++) {
    const line = make(i) + '\n';
    buf += line;
    bytes += Buffer.byteLength(line);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  return { events: i, bytes };
}
