// Where a Splunk server is and how to reach it. The token lives only in this object (and the
// Authorization header built from it); nothing here formats it into text.
import { SplunkError } from './errors';

export interface SplunkConnection {
  /** Management URL, e.g. `https://splunk.example.com:8089`. */
  url: string;
  /** Bearer token (an authentication token from Settings > Tokens). Never logged. */
  token: string;
  /** Verify the server's certificate (default true). */
  verifyTls?: boolean;
  /** PEM file with the CA (or self-signed certificate) that signed the server's certificate. */
  caPem?: string;
  /** The app namespace searches run in (`servicesNS/-/<app>`); default the user's default app. */
  app?: string;
  /** Give up on a request after this long without an answer (default 60 s). */
  timeoutMs?: number;
}

/** Management URLs must be absolute http(s) URLs without credentials, query or fragment. */
export function checkManagementUrl(raw: string, what = 'the Splunk URL'): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SplunkError('config', `${what} "${raw}" is not a URL`, 'give one like https://splunk.example.com:8089');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new SplunkError('config', `${what} must start with https:// (got ${u.protocol}//)`);
  }
  if (u.username || u.password) throw new SplunkError('config', `${what} must not contain a user name or password`, 'use a token');
  if (u.search || u.hash) throw new SplunkError('config', `${what} must not contain a query or fragment`);
  return u;
}

/**
 * The REST path of an endpoint. With an app, Splunk resolves knowledge objects (macros, lookups,
 * extractions) in that app's context: `servicesNS/{user}/{app}/…` with `-` as the wildcard user
 * (REST API Reference, "Namespace" / "Access Control List").
 */
export function endpointPath(conn: Pick<SplunkConnection, 'app'>, endpoint: string): string {
  const e = endpoint.replace(/^\/+/, '');
  return conn.app ? `/servicesNS/-/${encodeURIComponent(conn.app)}/${e}` : `/services/${e}`;
}

/** Replaces every occurrence of a secret in text (used on anything derived from a response or an error). */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}
