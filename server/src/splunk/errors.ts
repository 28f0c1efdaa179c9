// Failures talking to Splunk, each with what went wrong and what fixes it. Messages are built from
// fixed text, status codes and Splunk's own messages (redacted); never from request headers.

export type SplunkErrorKind =
  | 'auth' // 401: token missing, expired or invalid
  | 'forbidden' // 403
  | 'tls' // certificate did not verify
  | 'connect' // nothing listens / host unknown / connection reset
  | 'protocol' // the answer is not what the endpoint documents (wrong port, http vs https)
  | 'timeout'
  | 'cancelled'
  | 'search' // Splunk reported FATAL/ERROR for the search
  | 'hec' // HEC rejected the data
  | 'limit' // a response exceeded a safety bound
  | 'config'; // bad settings

export class SplunkError extends Error {
  constructor(
    readonly kind: SplunkErrorKind,
    /** What went wrong, without the fix. */
    readonly detail: string,
    /** What the user can do about it. */
    readonly fix?: string,
    readonly status?: number,
  ) {
    super(fix ? `${detail} — ${fix}` : detail);
    this.name = 'SplunkError';
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(e: unknown): { code?: string; message: string } {
  // fetch wraps the socket error in `cause`; the https module throws it directly.
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const c = cur as { code?: unknown; cause?: unknown; message?: unknown };
    if (typeof c.code === 'string') return { code: c.code, message: String(c.message ?? '') };
    cur = c.cause;
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

/** Turns a socket/TLS/abort failure into a SplunkError naming the fix. `target` is the URL's origin. */
export function networkError(e: unknown, target: URL, timeoutMs: number, userAborted: boolean, phase: 'request' | 'body' = 'request'): SplunkError {
  if (e instanceof SplunkError) return e;
  const where = `${target.protocol}//${target.host}`;
  if (userAborted) return new SplunkError('cancelled', `request to ${where} cancelled`);
  const { code, message } = errorCode(e);
  const name = e instanceof Error ? e.name : '';
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new SplunkError('timeout', `${where} did not answer within ${Math.round(timeoutMs / 1000)} s`, 'check the URL and port (the management port is usually 8089), or raise the timeout for long searches');
  }
  if (code && TLS_CODES.has(code)) {
    return new SplunkError(
      'tls',
      `the certificate of ${where} did not verify (${code})`,
      'give the CA that signed it (setting detectionWorkbench.splunk.caFile / --ca-file), or, for a test server only, turn verification off (detectionWorkbench.splunk.verifyTls: false / --insecure)',
    );
  }
  if (code === 'ECONNREFUSED') return new SplunkError('connect', `nothing accepts connections at ${where}`, 'check the host and port: the management port is usually 8089, HEC 8088');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SplunkError('connect', `the host ${target.hostname} is not known`, 'check the URL');
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(message)) {
    return new SplunkError('protocol', `${where} does not speak TLS`, 'use http:// if the server has TLS turned off, or check the port');
  }
  if (phase === 'body') {
    return new SplunkError('connect', `${where} cut the answer off while it streamed${code ? ` (${code})` : ''}`, 'results may be missing: retry, and check the server or proxy if it keeps happening');
  }
  if (target.protocol === 'http:' && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || /^HPE_/.test(code ?? ''))) {
    return new SplunkError('protocol', `${where} closed the connection or answered in a form HTTP cannot read`, 'Splunk serves its management port over TLS by default: use https://');
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new SplunkError('connect', `${where} closed the connection (${code})`, 'check that the URL points at Splunk and retry');
  }
  return new SplunkError('connect', `cannot reach ${where}${code ? ` (${code})` : ''}`, 'check the URL, network and proxy');
}

/**
 * Text from a server made safe to print on a terminal: control characters (ANSI escape sequences
 * included) become visible `\u001b`-style escapes; newlines and tabs stay.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A Splunk REST message as `output_mode=json` reports it: `{"messages":[{"type":"FATAL","text":"…"}]}`. */
export interface SplunkMessage {
  type: string;
  text: string;
}

/** Maps a non-2xx status of the management port to an error with the fix. */
export function httpStatusError(status: number, messages: SplunkMessage[], where: string, endpointName: string): SplunkError {
  const said = messages.length ? `: ${messages.map((m) => `${m.type} ${m.text}`).join('; ')}` : '';
  switch (status) {
    case 401:
      return new SplunkError('auth', `Splunk at ${where} rejected the token (401 Unauthorized${said})`, 'the token is missing, expired or invalid: create a new one (Settings > Tokens) and set it again with "Detection Workbench: Set Splunk Token" or DETECTION_WORKBENCH_SPLUNK_TOKEN / --token-file', status);
    case 403:
      return new SplunkError('forbidden', `Splunk at ${where} refused ${endpointName} (403 Forbidden${said})`, "the token's user lacks the capability (search, or the app/index); ask the Splunk admin", status);
    case 404:
      return new SplunkError('protocol', `${where} has no ${endpointName} (404${said})`, 'check the port (management port, usually 8089; not HEC 8088 or Splunk Web 8000) and the app name', status);
    default:
      if (status >= 500) return new SplunkError('protocol', `Splunk at ${where} failed on ${endpointName} (HTTP ${status}${said})`, 'see splunkd.log on the server; retry later', status);
      return new SplunkError('search', `Splunk rejected ${endpointName} (HTTP ${status}${said})`, messages.length ? 'fix the search as Splunk says' : undefined, status);
  }
}

/** Reads `messages` out of a JSON error body, tolerating any shape (bodies come from strangers). */
export function messagesOf(body: unknown): SplunkMessage[] {
  const list = body && typeof body === 'object' ? (body as { messages?: unknown }).messages : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter((m): m is { type?: unknown; text?: unknown } => !!m && typeof m === 'object')
    .map((m) => ({ type: printable(String(m.type ?? 'INFO').toUpperCase()), text: printable(String(m.text ?? '')) }));
}
