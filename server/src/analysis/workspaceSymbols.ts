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
  return fuzzyScoreLower(query.toLowerCase(), text.toLowerCase());
}

function fuzzyScoreLower(q: string, t: string): number | undefined {
  if (!q) return 0;
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

interface Candidate {
  entry: ContentEntry;
  name: string;
  id: string;
}

const candidates = new WeakMap<ContentIndex, { version: number; list: Candidate[] }>();

/** Every entry with its lowercased name and id, once per index version. */
function candidatesOf(index: ContentIndex): Candidate[] {
  const cached = candidates.get(index);
  if (cached && cached.version === index.version) return cached.list;
  const list = [...index.allEntries()].map((entry) => ({ entry, name: entry.name.toLowerCase(), id: (entry.id ?? '').toLowerCase() }));
  candidates.set(index, { version: index.version, list });
  return list;
}

/** Up to `limit` entries matching `query`, best first. */
export function workspaceSymbols(index: ContentIndex, query: string, limit = 500): WorkspaceSymbol[] {
  const scored: { score: number; c: Candidate; byId: boolean }[] = [];
  const q = query.trim().toLowerCase();
  for (const c of candidatesOf(index)) {
    const byName = fuzzyScoreLower(q, c.name);
    const byId = q.length >= 4 && c.id.includes(q);
    const score = byId ? 2000 : byName ?? -1;
    if (score >= 0) scored.push({ score, c, byId });
  }
  scored.sort((a, b) => b.score - a.score || (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0));
  return scored.slice(0, limit).map(({ c: { entry: e }, byId }) => ({
    name: e.name,
    kind: e.kind,
    detail: byId ? e.id : undefined,
    file: e.file,
    line: e.line,
  }));
}
