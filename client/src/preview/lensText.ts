// The words of the preview's CodeLens above `search:` (pure: unit-tested without VS Code).
import type { PreviewEntry } from './results';

export const PREVIEW_COMMAND = 'detectionWorkbench.previewDetection';
export const RERUN_COMMAND = 'detectionWorkbench.rerunPreview';
export const SHOW_RESULTS_COMMAND = 'detectionWorkbench.showPreviewResults';

/** The 0-based line of the top-level `search:` key of a detection, or 0 for .spl files. */
export function searchKeyLineOf(text: string, filePath: string, languageId: string): number | undefined {
  if (/\.(spl|splunk)$/i.test(filePath) || languageId === 'spl') return 0;
  const m = /^search[ \t]*:/m.exec(text);
  if (!m) return undefined;
  let line = 0;
  for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export function lensTitles(entry: PreviewEntry | undefined): { title: string; command: string }[] {
  if (!entry) return [{ title: '▶ Preview on sample', command: PREVIEW_COMMAND }];
  if (entry.running) return [{ title: '$(sync~spin) Running the preview…', command: SHOW_RESULTS_COMMAND }];
  const r = entry.result;
  const out: { title: string; command: string }[] = [];
  if (entry.planError && !r) out.push({ title: `⚠ ${entry.planError.planError.slice(0, 80)}`, command: SHOW_RESULTS_COMMAND });
  else if (r) {
    const head = r.error ? `⚠ stopped: ${r.error.replace(/^error: /, '').slice(0, 60)}` : plural(r.rows.length, 'result');
    out.push({ title: `${entry.stale ? '(out of date) ' : ''}${head} · ${plural(r.eventsRead, 'event')} · ${seconds(r.elapsedMs)}`, command: SHOW_RESULTS_COMMAND });
  }
  out.push({ title: '▶ Re-run', command: RERUN_COMMAND });
  return out;
}

