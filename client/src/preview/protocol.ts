// Messages between the extension and the results panel's webview, and their validation. The
// webview renders attacker-controlled log contents, so nothing it sends is trusted: every message
// is checked for shape and bounds before the extension acts on it.
import type { RiskEntries } from '../../../server/src/analysis/riskEntries';
import type { ResultJson } from '../../../server/src/engine/resultFormat';
import type { ExplainResult } from '../../../server/src/engine/explain/job';
import type { PlanErrorResult, PreviewResult } from '../../../server/src/lsp/runSearch';
import type { Comparison } from '../../../server/src/splunk/compare';

export type { Comparison, ExplainResult, PlanErrorResult, PreviewResult, ResultJson };

/** Why an event did (not) fire, near misses and fields the sample never has (ranges: document). */
export interface ExplainView {
  /** What was asked: one event, the near misses, or only the missing fields (after each run). */
  asked: { event?: number; nearMisses?: boolean };
  running: boolean;
  result?: ExplainResult;
  error?: string;
}

/** A run of the detection on the user's Splunk server, as the panel shows it. */
export interface SplunkView {
  server: string;
  earliest?: string;
  latest?: string;
  /** From the request to the last row, ms. */
  runMs: number;
  /** Events the job scanned, when the server reported it. */
  scanCount?: number;
  result: ResultJson;
  /** Splunk's own messages and our notes (macros expanded locally or by the server). */
  messages: string[];
  risk?: RiskEntries & { missingFields: string[] };
}

/** The local run and the Splunk run of the replayed attack data, side by side. */
export interface CompareView {
  local: ResultJson;
  splunk: ResultJson;
  comparison: Comparison;
  server: string;
  /** What was replayed and how long the events took to become searchable. */
  replay: string;
  notes: string[];
}

/** What the panel shows: the last run of one document, and the state around it. */
export interface PanelView {
  /** The detection's name or the file's name. */
  title: string;
  /** The document the run belongs to. */
  uri: string;
  result?: PreviewResult;
  /** Why the run could not start (no sample, missing attack data, …). */
  planError?: PlanErrorResult;
  /** The search text changed since the run. */
  stale: boolean;
  running: boolean;
  /** Where the sample came from: attack data, a log the user picked, … */
  sampleOrigin?: string;
  /** What the panel shows: the local preview (default), a run on Splunk, or the comparison. */
  mode?: 'local' | 'splunk' | 'compare';
  splunk?: SplunkView;
  compare?: CompareView;
  explain?: ExplainView;
  /** A server run or comparison in progress, or its failure (with the fix). */
  serverStatus?: { running: boolean; message?: string; error?: string };
}

export type ToWebview =
  | { type: 'view'; view: PanelView; seq: number }
  | { type: 'stale'; stale: boolean }
  | { type: 'running'; running: boolean }
  | { type: 'stageRows'; stage: number; result?: PreviewResult; error?: string }
  | { type: 'probe'; id: number };

/** What the webview reports about its own DOM, for tests that prove log contents stay text. */
export interface ProbeReport {
  /** Elements by tag name that the panel's own code did not create from a fixed list. */
  tags: Record<string, number>;
  /** Elements that carry an `on…` attribute or a `javascript:` URL. */
  liveAttributes: number;
  /** The page's Content-Security-Policy, as its meta element states it. */
  csp: string;
  /** Script elements in the page: their src (empty for inline) and whether they carry a nonce. */
  scripts: { src: string; nonce: boolean }[];
  /** URLs the page loaded that are not the extension's own webview resources. */
  remoteLoads: string[];
  /** Text of the table's cells, row by row (the current page). */
  cells: string[][];
  /** The column headers in order. */
  columns: string[];
  /** Counts shown on the funnel, in order. */
  funnel: { command: string; rowsOut: number }[];
  /** The rendered risk messages. */
  riskMessages: string[];
  /** The text of the summary line. */
  summary: string;
  stale: boolean;
  mode: string;
  /** The comparison's verdict line, in compare mode. */
  compareSummary: string;
  /** The explain section as shown: missing fields, the event's outcome line, leaf lines. */
  explain: { missingFields: string[]; outcome: string; leaves: string[]; nearMisses: string[] };
}

export type FromWebview =
  | { type: 'ready' }
  | { type: 'rerun' }
  | { type: 'changeSample' }
  | { type: 'showMode'; mode: 'local' | 'splunk' | 'compare' }
  | { type: 'runOnSplunk' }
  | { type: 'explain'; event?: number; nearMisses?: boolean }
  | { type: 'craft' }
  | { type: 'revealRange'; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
  | { type: 'replayAndCompare' }
  | { type: 'reveal'; stage: number }
  | { type: 'revealError' }
  | { type: 'stageRows'; stage: number }
  | { type: 'copy'; text: string }
  | { type: 'export'; format: 'csv' | 'json' }
  | { type: 'probeResult'; id: number; report: ProbeReport }
  /** The view with this sequence number is on screen (after the next animation frame). */
  | { type: 'rendered'; seq: number };

/** Copies larger than this are refused (a result is bounded by maxRows anyway). */
export const MAX_COPY_CHARS = 64 * 1024 * 1024;

const isIndexLike = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000;
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000;

/** The message if it is well-formed, else undefined. Unknown types and extra shapes are dropped. */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
    case 'rerun':
    case 'changeSample':
    case 'revealError':
    case 'runOnSplunk':
    case 'replayAndCompare':
    case 'craft':
      return { type: o.type };
    case 'explain': {
      const event = o.event === undefined ? undefined : Number.isInteger(o.event) && (o.event as number) >= 1 && (o.event as number) <= 1e9 ? (o.event as number) : null;
      if (event === null) return undefined;
      return { type: 'explain', event, nearMisses: o.nearMisses === true ? true : undefined };
    }
    case 'revealRange': {
      const pos = (p: unknown) => {
        const q = p as { line?: unknown; character?: unknown } | null;
        return q && isIndexLike(q.line) && isIndexLike(q.character) ? { line: q.line as number, character: q.character as number } : undefined;
      };
      const r = o.range as { start?: unknown; end?: unknown } | null;
      const start = r ? pos(r.start) : undefined;
      const end = r ? pos(r.end) : undefined;
      return start && end ? { type: 'revealRange', range: { start, end } } : undefined;
    }
    case 'showMode':
      return o.mode === 'local' || o.mode === 'splunk' || o.mode === 'compare' ? { type: 'showMode', mode: o.mode } : undefined;
    case 'reveal':
    case 'stageRows':
      return isIndex(o.stage) ? { type: o.type, stage: o.stage } : undefined;
    case 'copy':
      return typeof o.text === 'string' && o.text.length <= MAX_COPY_CHARS ? { type: 'copy', text: o.text } : undefined;
    case 'export':
      return o.format === 'csv' || o.format === 'json' ? { type: 'export', format: o.format } : undefined;
    case 'rendered':
      return typeof o.seq === 'number' && Number.isInteger(o.seq) ? { type: 'rendered', seq: o.seq } : undefined;
    case 'probeResult':
      return typeof o.id === 'number' && o.report && typeof o.report === 'object' ? { type: 'probeResult', id: o.id, report: o.report as ProbeReport } : undefined;
    default:
      return undefined;
  }
}
