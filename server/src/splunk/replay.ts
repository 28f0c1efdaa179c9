// Replays sample files into a test index over HEC and waits until Splunk can search them — the
// same contract contentctl's tests follow (replay attack_data, then run the detection).
import * as fs from 'fs';
import { randomUUID } from 'crypto';
import type { SplunkConnection } from './connection';
import { SplunkError } from './errors';
import { runExport } from './exportSearch';
import { HecTarget, sendRaw } from './hec';

export interface ReplayFile {
  path: string;
  source: string;
  sourcetype: string;
}

export interface ReplayOptions {
  index: string;
  /** Host stamped on every replayed event; unique per replay so runs do not see each other's events. */
  host?: string;
  signal?: AbortSignal;
  /** Largest request body; files are cut at line ends below it (default 8 MiB). */
  maxRequestBytes?: number;
}

export interface ReplayReport {
  host: string;
  index: string;
  files: number;
  bytes: number;
  requests: number;
  /** Epoch seconds just before the first byte was sent (for `index_earliest`). */
  startedAt: number;
}

export function replayHost(): string {
  return `dw-replay-${randomUUID().slice(0, 8)}`;
}

/**
 * Sends each file to /services/collector/raw. A file larger than one request is cut at a newline,
 * so a line never spans two requests (Splunk breaks /raw data into events per request and channel;
 * a multi-line event cut by the limit would be split).
 */
export async function replayFiles(hec: HecTarget, files: ReplayFile[], opts: ReplayOptions): Promise<ReplayReport> {
  const host = opts.host ?? replayHost();
  const max = opts.maxRequestBytes ?? 8 * 1024 * 1024;
  const channel = randomUUID();
  const report: ReplayReport = { host, index: opts.index, files: 0, bytes: 0, requests: 0, startedAt: Math.floor(Date.now() / 1000) };
  for (const f of files) {
    const meta = { source: f.source, sourcetype: f.sourcetype, index: opts.index, host };
    let pending = Buffer.alloc(0);
    const flush = async (upTo: number) => {
      const body = pending.subarray(0, upTo);
      pending = pending.subarray(upTo);
      if (!body.length) return;
      await sendRaw(hec, body, meta, { signal: opts.signal, channel });
      report.requests++;
      report.bytes += body.length;
    };
    for await (const chunk of fs.createReadStream(f.path, { highWaterMark: 1024 * 1024 })) {
      pending = Buffer.concat([pending, chunk as Buffer]);
      while (pending.length > max) {
        const nl = pending.lastIndexOf(10, max - 1);
        // A single line longer than a request goes whole: cutting it would make two events.
        await flush(nl >= 0 ? nl + 1 : (pending.indexOf(10) + 1 || pending.length));
      }
    }
    await flush(pending.length);
    report.files++;
  }
  return report;
}

export interface WaitOptions {
  index: string;
  host: string;
  /** Events the files hold (as the local reader counted them); waiting stops once Splunk has as many. */
  expected?: number;
  timeoutMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
}

export interface WaitReport {
  count: number;
  waitedMs: number;
  /** True when `expected` events (or, without it, a count stable over two polls) became searchable. */
  complete: boolean;
}

/**
 * Polls `| tstats count where index=… host=…` until the replayed events are searchable. HEC answers
 * before indexing finishes ("About HTTP Event Collector Indexer Acknowledgment": a 200 means the
 * data looked valid, not that it is searchable), so the only reliable signal is a search.
 */
export async function waitUntilSearchable(conn: SplunkConnection, opts: WaitOptions): Promise<WaitReport> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const pollMs = opts.pollMs ?? 2000;
  let last = -1;
  for (;;) {
    const r = await runExport(conn, {
      search: `| tstats count where index=${quote(opts.index)} host=${quote(opts.host)}`,
      earliest: '0',
      signal: opts.signal,
    });
    if (r.error) throw new SplunkError('search', `cannot count the replayed events: ${r.error}`, `check that the token's user may search index ${opts.index}`);
    const count = Number(r.rows[0]?.count ?? 0);
    const waitedMs = Date.now() - started;
    if (opts.expected !== undefined ? count >= opts.expected : count > 0 && count === last) return { count, waitedMs, complete: true };
    if (waitedMs + pollMs > timeoutMs) return { count, waitedMs, complete: false };
    last = count;
    await sleep(pollMs, opts.signal);
  }
}

/** A value as an SPL term: quoted, with `"` and `\` escaped (Search Reference, "Quotes and escaping"). */
export function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SplunkError('cancelled', 'waiting for the replayed events was cancelled'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new SplunkError('cancelled', 'waiting for the replayed events was cancelled'));
    }, { once: true });
  });
}

/**
 * Restricts a search to the replayed events: for a search that starts with search terms, `index=…
 * host=…` go in front of them. Terms of one search command are ANDed, and OR binds tighter than
 * the implied AND (Search Reference, "search command": NOT, then OR, then AND), so a leading
 * `a OR b` stays one alternative: `index=i host=h a OR b` is `i ∧ h ∧ (a ∨ b)`. A search that starts with a
 * generating command (`| tstats`, `| from datamodel`) names its own data; it is left as written and
 * only the job's index-time window (`index_earliest`) narrows it — the caller says so.
 */
export function restrictToReplay(spl: string, index: string, host: string): { search: string; restricted: boolean } {
  const s = spl.trim();
  if (s.startsWith('|')) return { search: s, restricted: false };
  const body = s.replace(/^search\s+/i, '');
  return { search: `search index=${quote(index)} host=${quote(host)} ${body}`, restricted: true };
}
