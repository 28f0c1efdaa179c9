// Workspace symbols: every detection, baseline, macro, story, data source and lookup of the
// indexed content roots, matched by name or id with a fuzzy (in-order subsequence) match.
import type { ContentEntry, ContentIndex } from '../content';

export interface WorkspaceSymbol {
  name: string;
  kind: ContentEntry['kind'];
  /** The id (UUID) when the match was on it, else the containing folder. */
  detail?: string;
  file: string;
  line: number;
}

/**
 * Score of a fuzzy match of `query` in `text` (case-insensitive, characters in order); undefined
 * when it does not match. Higher is better: contiguous runs, word starts, and an early start.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  if (!query) return 0;
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  const direct = t.indexOf(q);
  if (direct >= 0) return 1000 - direct + (direct === 0 || /[\s_\-.]/.test(t[direct - 1]) ? 100 : 0);
  let score = 0;
  let ti = 0;
  let prev = -2;
  for (const c of q) {
    if (c === ' ') continue;
    const at = t.indexOf(c, ti);
    if (at < 0) return undefined;
    score += at === prev + 1 ? 5 : at === 0 || /[\s_\-.]/.test(t[at - 1]) ? 3 : 1;
    prev = at;
    ti = at + 1;
  }
  return score;
}

/** Up to `limit` entries matching `query`, best first. */
export function workspaceSymbols(index: ContentIndex, query: string, limit = 500): WorkspaceSymbol[] {
  const scored: { score: number; sym: WorkspaceSymbol }[] = [];
  const q = query.trim();
  for (const e of index.allEntries()) {
    const byName = fuzzyScore(q, e.name);
    const byId = e.id && q.length >= 4 && e.id.toLowerCase().includes(q.toLowerCase()) ? 2000 : undefined;
    const score = Math.max(byName ?? -1, byId ?? -1);
    if (score < 0) continue;
    scored.push({ score, sym: { name: e.name, kind: e.kind, detail: byId !== undefined ? e.id : undefined, file: e.file, line: e.line } });
  }
  scored.sort((a, b) => b.score - a.score || a.sym.name.localeCompare(b.sym.name));
  return scored.slice(0, limit).map((s) => s.sym);
}
