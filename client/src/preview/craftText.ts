// Texts of *Craft an Event That Fires* (no VS Code API, so unit tests can load them): the crafted
// log's file name and the one-line summary shown after crafting.
import * as path from 'path';
import type { CraftResponse } from '../../../server/src/lsp/explain';

/** A file name for the crafted log of `detection` (its base name, made safe). */
export function craftedFileName(detection: string): string {
  const base = path.basename(detection).replace(/\.(ya?ml|spl)$/i, '').replace(/[^\w.-]+/g, '_').slice(0, 100) || 'detection';
  return `${base}.crafted.log`;
}

/** One line on what craft did (or why it could not). */
export function craftSummary(r: Exclude<CraftResponse, { planError: string }>): string {
  const edits = r.edits.length ? `edits: ${r.edits.map((e) => `${e.field} → ${e.to === undefined ? '(removed)' : JSON.stringify(e.to)}`).join(', ')}` : 'no edit was needed';
  const events = r.events.length === 1 ? 'an event' : `${r.events.length} events`;
  return r.fires
    ? `Crafted ${events} from ${r.base} (${edits}); the search returns ${r.rows} row(s) on it.`
    : `No crafted event fires: ${r.unsatisfiable ?? 'unknown reason'} (started from ${r.base}).`;
}
