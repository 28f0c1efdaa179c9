// Sends raw data to Splunk's HTTP Event Collector.
//
// Protocol (Getting Data In, "Format events for HTTP Event Collector" and "HTTP Event Collector REST
// API endpoints"): POST /services/collector/raw with the metadata as query parameters (`source`,
// `sourcetype`, `index`, `host`), the token as "Authorization: Splunk <token>", and a channel GUID
// in "X-Splunk-Request-Channel" (required on /raw when the token has indexer acknowledgment on).
// The answer is JSON `{"text":"Success","code":0}`; failures carry a code from the table in
// "Troubleshoot HTTP Event Collector" (mapped below to what fixes each).
import { randomUUID } from 'crypto';
import { checkManagementUrl, redact } from './connection';
import { printable, SplunkError } from './errors';
import { scrub } from './rest';
import { readText, send } from './transport';

export interface HecTarget {
  /** HEC base URL, e.g. `https://splunk.example.com:8088`. */
  url: string;
  token: string;
  verifyTls?: boolean;
  caPem?: string;
  timeoutMs?: number;
}

export interface RawMeta {
  source?: string;
  sourcetype?: string;
  index?: string;
  host?: string;
}

/** HEC status codes and what to do about each ("Troubleshoot HTTP Event Collector", "Possible error codes"). */
const HEC_CODES: Record<number, { text: string; fix: string; kind?: 'auth' }> = {
  1: { text: 'Token disabled', fix: 'enable the HEC token in Settings > Data inputs > HTTP Event Collector', kind: 'auth' },
  2: { text: 'Token is required', fix: 'set the HEC token with "Detection Workbench: Set HEC Token" or DETECTION_WORKBENCH_HEC_TOKEN / --hec-token-file', kind: 'auth' },
  3: { text: 'Invalid authorization', fix: 'the HEC token is malformed; copy it again from Settings > Data inputs > HTTP Event Collector', kind: 'auth' },
  4: { text: 'Invalid token', fix: 'the HEC token is unknown to this server; check that it is the HEC token (not the REST token) and the HEC URL', kind: 'auth' },
  5: { text: 'No data', fix: 'the file to replay is empty' },
  6: { text: 'Invalid data format', fix: 'check the file and sourcetype' },
  7: { text: 'Incorrect index', fix: "the index does not exist or is not in the HEC token's allowed indexes; create it or add it to the token" },
  8: { text: 'Internal server error', fix: 'see splunkd.log on the server' },
  9: { text: 'Server is busy', fix: 'retry later' },
  10: { text: 'Data channel is missing', fix: 'the request had no channel (report this as a bug)' },
  11: { text: 'Invalid data channel', fix: 'report this as a bug' },
  12: { text: 'Event field is required', fix: 'use the /raw endpoint' },
  13: { text: 'Event field cannot be blank', fix: 'the file to replay is empty' },
  14: { text: 'ACK is disabled', fix: 'turn indexer acknowledgment off for this request or on for the token' },
  15: { text: 'Error in handling indexed fields', fix: 'check the data' },
  16: { text: 'Query string authorization is not enabled', fix: 'use header authorization' },
};

export interface HecAnswer {
  text: string;
  code: number;
}

function parseAnswer(text: string): HecAnswer | undefined {
  try {
    const j = JSON.parse(text) as { text?: unknown; code?: unknown };
    if (j && typeof j === 'object' && typeof j.code === 'number') return { text: String(j.text ?? ''), code: j.code };
  } catch {
    // not JSON: not HEC
  }
  return undefined;
}

/** Sends one raw payload; resolves on `{"code":0}`, throws SplunkError with the fix otherwise. */
export async function sendRaw(target: HecTarget, data: string | Uint8Array, meta: RawMeta, opts: { signal?: AbortSignal; channel?: string } = {}): Promise<HecAnswer> {
  const base = checkManagementUrl(target.url, 'the HEC URL');
  if (!target.token) throw new SplunkError('auth', 'no HEC token is set', HEC_CODES[2].fix);
  const url = new URL(base.pathname.replace(/\/+$/, '') + '/services/collector/raw', base);
  for (const [k, v] of Object.entries(meta)) if (v) url.searchParams.set(k, v);
  const where = base.origin;
  try {
    const answer = await send(
      {
        url,
        method: 'POST',
        headers: { Authorization: `Splunk ${target.token}`, 'X-Splunk-Request-Channel': opts.channel ?? randomUUID(), 'Content-Type': 'text/plain; charset=utf-8' },
        body: data,
        signal: opts.signal,
        idleTimeoutMs: target.timeoutMs ?? 60_000,
      },
      { verifyTls: target.verifyTls, caPem: target.caPem },
    );
    const text = await readText(answer, 64 * 1024);
    const parsed = parseAnswer(text);
    if (answer.status === 200 && parsed?.code === 0) return parsed;
    if (!parsed) {
      throw new SplunkError('protocol', `${where} is not an HTTP Event Collector (HTTP ${answer.status}, no HEC answer)`, 'check the HEC URL: HEC listens on its own port, usually 8088, not the management port 8089', answer.status);
    }
    const known = HEC_CODES[parsed.code];
    const said = printable(redact(parsed.text, [target.token]));
    throw new SplunkError(known?.kind ?? 'hec', `HEC at ${where} refused the data (HTTP ${answer.status}, code ${parsed.code}: ${said})`, known?.fix, answer.status);
  } catch (e) {
    throw scrub(e, target.token);
  }
}
