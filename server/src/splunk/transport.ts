// One HTTP exchange with a Splunk server, streaming the answer.
//
// Node 20's built-in `fetch` (undici inside) does the work when the default certificate checks
// apply. It cannot take a custom CA or skip verification without an undici `Agent` passed as
// `dispatcher`, and undici is not importable from Node 20 itself without adding the package, so
// for `verifyTls: false` or a CA file this falls back to Node's `https` module, whose request
// options take `ca` and `rejectUnauthorized` directly. Both paths share the idle timeout, abort,
// no-redirect policy (a redirect would carry the token elsewhere) and the error mapping.
import * as https from 'https';
import { networkError, SplunkError } from './errors';

export interface TlsOptions {
  verifyTls?: boolean;
  caPem?: string;
}

export interface HttpCall {
  url: URL;
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The caller's cancel signal. */
  signal?: AbortSignal;
  /** Abort when no byte arrives for this long (headers or body). */
  idleTimeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and releases the connection. */
  close(): void;
}

/** Sends the request; the returned body's iteration throws SplunkError on timeout/cancel/reset. */
export async function send(call: HttpCall, tls: TlsOptions = {}): Promise<HttpAnswer> {
  const ctl = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, call.idleTimeoutMs);
  };
  const onUserAbort = () => ctl.abort();
  if (call.signal?.aborted) ctl.abort();
  call.signal?.addEventListener('abort', onUserAbort, { once: true });
  const done = () => {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onUserAbort);
  };
  const fail = (e: unknown, phase: 'request' | 'body'): SplunkError => {
    if (timedOut) return networkError(Object.assign(new Error('timeout'), { name: 'TimeoutError' }), call.url, call.idleTimeoutMs, false);
    return networkError(e, call.url, call.idleTimeoutMs, !!call.signal?.aborted, phase);
  };
  arm();
  const useHttps = call.url.protocol === 'https:' && (tls.verifyTls === false || !!tls.caPem);
  try {
    const raw = useHttps ? await sendHttps(call, tls, ctl.signal) : await sendFetch(call, ctl.signal);
    arm();
    if (raw.status >= 300 && raw.status < 400) {
      raw.close();
      done();
      throw new SplunkError('protocol', `${call.url.origin} answered with a redirect (${raw.status})`, 'give the final URL directly (redirects are not followed, so the token is not sent elsewhere)', raw.status);
    }
    async function* body(): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of raw.body) {
          arm();
          yield chunk;
        }
      } catch (e) {
        throw fail(e, 'body');
      } finally {
        done();
      }
    }
    return {
      status: raw.status,
      contentType: raw.contentType,
      body: body(),
      close: () => {
        done();
        raw.close();
      },
    };
  } catch (e) {
    done();
    if (e instanceof SplunkError) throw e;
    throw fail(e, 'request');
  }
}

async function sendFetch(call: HttpCall, signal: AbortSignal): Promise<HttpAnswer> {
  const res = await fetch(call.url, { method: call.method, headers: call.headers, body: call.body, signal, redirect: 'manual' });
  const stream = res.body;
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: stream ? (stream as unknown as AsyncIterable<Uint8Array>) : (async function* () {})(),
    close: () => void stream?.cancel().catch(() => undefined),
  };
}

function sendHttps(call: HttpCall, tls: TlsOptions, signal: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(call.url, {
      method: call.method,
      headers: call.headers,
      signal,
      rejectUnauthorized: tls.verifyTls !== false,
      ca: tls.caPem,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      resolve({
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        body: res,
        close: () => res.destroy(),
      });
    });
    req.end(call.body);
  });
}

/** Reads a whole (small) body, failing past `maxBytes` rather than buffering a hostile answer. */
export async function readText(answer: HttpAnswer, maxBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of answer.body) {
    n += chunk.length;
    if (n > maxBytes) {
      answer.close();
      throw new SplunkError('limit', `the server's answer is larger than ${maxBytes} bytes`, 'check that the URL points at Splunk');
    }
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString('utf8');
}
