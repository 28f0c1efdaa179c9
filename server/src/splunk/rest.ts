// Authenticated requests to the management port: URL, headers, form body, status checks. The token
// is placed only in the Authorization header ("Authorization: Bearer <token>", REST API User
// Manual, "Use authentication tokens"), never in the URL, and any text that leaves this module is
// redacted of it.
import { checkManagementUrl, endpointPath, redact, SplunkConnection } from './connection';
import { httpStatusError, messagesOf, SplunkError } from './errors';
import { HttpAnswer, readText, send } from './transport';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Error bodies are small; a larger one is not from Splunk. */
const MAX_ERROR_BODY = 256 * 1024;

export interface RestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** POSTs a form to an endpoint; resolves with a 2xx answer (body unread) or throws SplunkError. */
export async function postForm(conn: SplunkConnection, endpoint: string, form: Record<string, string | undefined>, opts: RestOptions = {}): Promise<HttpAnswer> {
  if (!conn.token) throw new SplunkError('auth', 'no Splunk token is set', 'run "Detection Workbench: Set Splunk Token", or set DETECTION_WORKBENCH_SPLUNK_TOKEN / --token-file');
  const base = checkManagementUrl(conn.url);
  const url = new URL(base.pathname.replace(/\/+$/, '') + endpointPath(conn, endpoint), base);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) body.set(k, v);
  const timeoutMs = opts.timeoutMs ?? conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const answer = await send(
      {
        url,
        method: 'POST',
        headers: { Authorization: `Bearer ${conn.token}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: body.toString(),
        signal: opts.signal,
        idleTimeoutMs: timeoutMs,
      },
      { verifyTls: conn.verifyTls, caPem: conn.caPem },
    );
    if (answer.status >= 200 && answer.status < 300) return answer;
    const text = await readText(answer, MAX_ERROR_BODY).catch(() => '');
    throw httpStatusError(answer.status, messagesOfText(text), base.origin, `/${endpoint}`);
  } catch (e) {
    throw scrub(e, conn.token);
  }
}

function messagesOfText(text: string) {
  try {
    return messagesOf(JSON.parse(text));
  } catch {
    return [];
  }
}

/** A SplunkError whose text cannot contain the token; other errors become SplunkErrors too. */
export function scrub(e: unknown, token: string): SplunkError {
  const err = e instanceof SplunkError ? e : new SplunkError('connect', e instanceof Error ? e.message : String(e));
  const clean = new SplunkError(err.kind, redact(err.detail, [token]), err.fix && redact(err.fix, [token]), err.status);
  // The original stack could name request options; keep only ours.
  clean.stack = `${clean.name}: ${clean.message}`;
  return clean;
}
