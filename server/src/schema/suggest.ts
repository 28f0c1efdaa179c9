// Generic "did you mean" ranking: exact case-insensitive match first, then prefix matches,
// then small Damerau-Levenshtein (optimal string alignment) distances, case-insensitively.

/** Optimal-string-alignment distance (adjacent transpositions count 1). Stops early above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/**
 * Up to `max` candidates that look like `word`, best first. Ranking: case-insensitive equal,
 * then candidates that start with the word (or the word starts with them), then edit distance
 * within about a third of the length. Ties keep candidate order. Never returns `word` itself.
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.trim().toLowerCase();
  if (w.length === 0 || max <= 0) return [];
  const limit = Math.max(1, Math.min(4, Math.floor(w.length / 3)));
  const scored: Array<{ c: string; score: number; idx: number }> = [];
  const seen = new Set<string>();
  let idx = 0;
  for (const c of candidates) {
    idx++;
    if (c === word || seen.has(c)) continue;
    seen.add(c);
    const lc = c.toLowerCase();
    let score: number;
    if (lc === w) score = 0;
    else if (w.length >= 3 && (lc.startsWith(w) || w.startsWith(lc))) score = 1 + Math.abs(lc.length - w.length) / 1000;
    else {
      const d = editDistance(w, lc, limit);
      if (d > limit) continue;
      score = 1 + d;
    }
    scored.push({ c, score, idx });
  }
  scored.sort((x, y) => x.score - y.score || x.idx - y.idx);
  return scored.slice(0, max).map((s) => s.c);
}
