// Runs a search on Splunk through the streaming export endpoint and returns it in the local engine's
// ResultJson shape, marked as from the server.
//
// Protocol (REST API Reference, search/v2/jobs/export; Search Manual, "Export data using the REST
// API"): POST with `search`, `output_mode=json`, `earliest_time`, `latest_time` (and the other
// search/jobs dispatch parameters such as `index_earliest`); the answer streams one JSON object
// per line: `{"preview":false,"offset":0,"lastrow":true,"result":{"field":"value","mv":["a","b"]}}`
// for results (a multivalue field is an array of strings), and `{"messages":[{"type":"FATAL",
// "text":"…"}]}` for messages. Reporting searches may first stream preview batches
// (`"preview":true`); only the non-preview rows are the answer, kept in arrival order.
// Cancelling aborts the request, which ends the export job on the server.
import type { ResultJson } from '../engine/resultFormat';
import { redact, SplunkConnection } from './connection';
import { messagesOf, printable, SplunkError, SplunkMessage } from './errors';
import { jsonLines } from './jsonLines';
import { postForm, scrub } from './rest';

export interface SplunkResultJson extends ResultJson {
  origin: 'splunk';
  /** The server's origin (scheme, host, port). */
  server: string;
  /** The search text as sent. */
  search: string;
  /** Wall-clock time from request to the last row, in ms. */
  runMs: number;
  /**
   * Events the job scanned. The export endpoint does not report job statistics, so this is absent
   * unless a future job-based runner fills it; `eventsRead` is 0 for the same reason.
   */
  scanCount?: number;
  /** Splunk's messages (INFO/WARN/ERROR/FATAL) as it reported them. */
  messages: SplunkMessage[];
}

export interface ExportRequest {
  search: string;
  earliest?: string;
  latest?: string;
  /** Restrict to events indexed in this window (dispatch parameters `index_earliest`/`index_latest`). */
  indexEarliest?: string;
  indexLatest?: string;
  maxRows?: number;
  signal?: AbortSignal;
  /** Abort when the server is silent this long (default: the connection's timeout, else 5 min). */
  idleTimeoutMs?: number;
  /** Longest accepted result line (default 8 MiB). */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_ROWS = 10_000;
/** Longest silence from the export stream before giving up (5 min). */
export const DEFAULT_SEARCH_IDLE_MS = 300_000;
const DEFAULT_MAX_LINE = 8 * 1024 * 1024;

/**
 * The export endpoint wants a search that starts with a command: a leading `|` (generating command)
 * stays as is, anything else gets the implicit `search` command written out (Search Reference,
 * "search command": the search command is implied at the start of a search in Splunk Web only).
 */
export function exportSearchText(spl: string): string {
  const s = spl.trim();
  if (s.startsWith('|')) return s;
  if (/^search(\s|$)/i.test(s)) return s;
  return `search ${s}`;
}

type Cell = string | string[];

/** A result value as text. Splunk sends strings or arrays of strings; anything else is shown as JSON. */
function cell(v: unknown): Cell | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const vals = v.filter((x) => x !== null && x !== undefined).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    return vals.length === 0 ? undefined : vals.length === 1 ? vals[0] : vals;
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export async function runExport(conn: SplunkConnection, req: ExportRequest): Promise<SplunkResultJson> {
  const started = Date.now();
  const search = exportSearchText(req.search);
  const maxRows = req.maxRows ?? DEFAULT_MAX_ROWS;
  const answer = await postForm(
    conn,
    'search/v2/jobs/export',
    {
      search,
      output_mode: 'json',
      earliest_time: req.earliest,
      latest_time: req.latest,
      index_earliest: req.indexEarliest,
      index_latest: req.indexLatest,
    },
    // A reporting search may stay silent until it finishes, so the default idle limit is generous.
    { signal: req.signal, timeoutMs: req.idleTimeoutMs ?? conn.timeoutMs ?? DEFAULT_SEARCH_IDLE_MS },
  );
  const finalRows: Record<string, Cell>[] = [];
  let previewRows = 0;
  const messages: SplunkMessage[] = [];
  const warnings: string[] = [];
  let truncated = false;
  let sawLastRow = false;
  let badLines = 0;
  try {
    for await (const line of jsonLines(answer.body, req.maxLineBytes ?? DEFAULT_MAX_LINE)) {
      if (!line.ok) {
        if (++badLines === 1) warnings.push(`warning: the server sent a line that is not JSON: "${printable(redact(line.text, [conn.token]))}"`);
        continue;
      }
      const obj = line.value;
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) continue;
      const o = obj as { preview?: unknown; offset?: unknown; lastrow?: unknown; result?: unknown };
      messages.push(...messagesOf(obj));
      if (o.preview === true) {
        // A preview batch: superseded by the final one, counted only to say so if nothing final comes.
        if (o.result && typeof o.result === 'object') previewRows++;
        continue;
      }
      if (o.result && typeof o.result === 'object' && !Array.isArray(o.result)) {
        if (finalRows.length >= maxRows) {
          truncated = true;
          answer.close();
          break;
        }
        const row: Record<string, Cell> = {};
        for (const [k, v] of Object.entries(o.result as Record<string, unknown>)) {
          const c = cell(v);
          if (c !== undefined) row[k] = c;
        }
        finalRows.push(row);
      }
      if (o.lastrow === true) sawLastRow = true;
    }
  } catch (e) {
    throw scrub(e, conn.token);
  }
  if (badLines > 1) warnings.push(`warning: ${badLines} lines of the answer were not JSON and were skipped`);
  if (!sawLastRow && !truncated && finalRows.length && !messages.some(isError)) {
    warnings.push('warning: the result stream ended without its last row; the server may have cut the answer off, so rows may be missing');
  }
  if (!finalRows.length && previewRows) warnings.push(`warning: only preview results arrived (${previewRows} preview row(s)); the search did not finish`);
  for (const m of messages) if (!isError(m)) warnings.push(`${m.type === 'INFO' ? 'info' : 'warning'}: Splunk: ${redact(m.text, [conn.token])}`);
  const errors = messages.filter(isError);
  return {
    origin: 'splunk',
    server: new URL(conn.url).origin,
    search,
    fields: fieldOrder(finalRows),
    rows: finalRows,
    stages: [],
    eventsRead: 0,
    warnings,
    error: errors.length ? errors.map((m) => `error: Splunk ${m.type}: ${redact(m.text, [conn.token])}`).join('\n') : undefined,
    truncated: truncated || undefined,
    // `_time` comes formatted by Splunk in the token user's time zone preference.
    timezone: 'splunk',
    runMs: Date.now() - started,
    messages: messages.map((m) => ({ type: m.type, text: redact(m.text, [conn.token]) })),
  };
}

const isError = (m: SplunkMessage) => m.type === 'FATAL' || m.type === 'ERROR';

/** Fields in first-seen order, with Splunk's internal `_` fields (other than _time and _raw) last. */
function fieldOrder(rows: Record<string, Cell>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  const all = [...seen];
  const internal = (f: string) => f.startsWith('_') && f !== '_time' && f !== '_raw';
  return [...all.filter((f) => !internal(f)), ...all.filter(internal)];
}

export { SplunkError };
