// A loopback stand-in for a Splunk server, speaking the documented protocol of the two endpoints
// the workbench uses: the management port's search/v2/jobs/export (streaming JSON lines) and HEC's
// /services/collector/raw. It listens on 127.0.0.1 only, bounds request bodies, and records what it
// received so tests can assert on requests (and that no secret leaked into them).
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';

export interface ExportScript {
  status?: number;
  /** JSON lines to stream (each is sent followed by "\n"). */
  lines?: string[];
  /** A raw body instead of lines (e.g. an HTML page from a proxy). */
  body?: string;
  /** Pause between lines. */
  delayMs?: number;
  /** Destroy the socket after this many lines (a cut-off stream). */
  cutAfter?: number;
  /** Never answer (for timeouts); the server closes it at stop(). */
  hang?: boolean;
}

export interface ReceivedHec {
  query: Record<string, string>;
  body: string;
  channel?: string;
}

export interface FakeSplunkOptions {
  token: string;
  hecToken?: string;
  /** Indexes HEC accepts (others get code 7). */
  hecIndexes?: string[];
  /** Which protocol(s) this port speaks: a real server has management (8089) and HEC (8088) apart. */
  role?: 'management' | 'hec' | 'both';
  tls?: { key: string; cert: string };
  /** Answer for a search; the default runs the built-in tstats counter over replayed events. */
  onExport?: (form: URLSearchParams) => ExportScript | undefined;
}

const MAX_BODY = 64 * 1024 * 1024;

export const row = (result: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ preview: false, ...extra, result });

export class FakeSplunk {
  readonly exports: { form: URLSearchParams; headers: http.IncomingHttpHeaders; path: string }[] = [];
  readonly hec: ReceivedHec[] = [];
  /** Every request's raw text (request line, headers, body), for leak checks. */
  readonly wire: string[] = [];
  private server!: http.Server;
  private sockets = new Set<import('net').Socket>();
  url = '';

  constructor(private readonly opts: FakeSplunkOptions) {}

  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    this.server = this.opts.tls ? https.createServer({ key: this.opts.tls.key, cert: this.opts.tls.cert }, handler) : http.createServer(handler);
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('secureConnection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.url = `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Events received over HEC for a host (one per line, as the raw endpoint breaks simple line data). */
  eventsFor(host: string): number {
    return this.hec.filter((h) => h.query.host === host).reduce((n, h) => n + h.body.split('\n').filter((l) => l.trim()).length, 0);
  }

  private async readBody(req: http.IncomingMessage): Promise<string | undefined> {
    const parts: Buffer[] = [];
    let n = 0;
    for await (const c of req) {
      n += (c as Buffer).length;
      if (n > MAX_BODY) return undefined;
      parts.push(c as Buffer);
    }
    return Buffer.concat(parts).toString('utf8');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await this.readBody(req);
    this.wire.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${body ?? ''}`);
    if (body === undefined) return json(res, 413, { messages: [{ type: 'ERROR', text: 'Request too large' }] });
    const url = new URL(req.url ?? '/', 'http://x');
    const role = this.opts.role ?? 'both';
    if (url.pathname === '/services/collector/raw' && role !== 'management') return this.handleHec(req, res, url, body);
    if (/^\/(services|servicesNS\/[^/]+\/[^/]+)\/search\/v2\/jobs\/export$/.test(url.pathname) && role !== 'hec') {
      return this.handleExport(req, res, url, body);
    }
    // What each side answers for an unknown path.
    if (role === 'hec') return json(res, 404, { text: 'The requested URL was not found on this server.', code: 404 });
    return json(res, 404, { messages: [{ type: 'ERROR', text: `Not Found` }] });
  }

  private async handleExport(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): Promise<void> {
    if (req.headers.authorization !== `Bearer ${this.opts.token}`) {
      return json(res, 401, { messages: [{ type: 'WARN', text: 'call not properly authenticated' }] });
    }
    const form = new URLSearchParams(body);
    this.exports.push({ form, headers: req.headers, path: url.pathname });
    if (form.get('output_mode') !== 'json') return json(res, 400, { messages: [{ type: 'ERROR', text: 'test server speaks output_mode=json only' }] });
    const script = this.opts.onExport?.(form) ?? this.builtin(form);
    if (!script) return json(res, 400, { messages: [{ type: 'FATAL', text: `Unknown search command '${form.get('search')?.split(/\s+/)[1] ?? ''}'.` }] });
    if (script.hang) return; // left open; stop() destroys it
    res.writeHead(script.status ?? 200, { 'Content-Type': script.body !== undefined ? 'text/html' : 'application/json' });
    if (script.body !== undefined) return void res.end(script.body);
    const lines = script.lines ?? [];
    for (let i = 0; i < lines.length; i++) {
      if (script.cutAfter !== undefined && i >= script.cutAfter) {
        await new Promise((r) => setTimeout(r, 50)); // let the lines already written reach the client
        res.socket?.destroy();
        return;
      }
      res.write(lines[i] + '\n');
      if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
    }
    res.end();
  }

  /** `| tstats count where index="i" host="h"` over what HEC received: the replay wait's question. */
  private builtin(form: URLSearchParams): ExportScript | undefined {
    const m = /^\| tstats count where index="([^"]*)" host="([^"]*)"$/.exec(form.get('search') ?? '');
    if (!m) return undefined;
    const n = this.hec.filter((h) => h.query.index === m[1]).length ? this.eventsFor(m[2]) : 0;
    return { lines: [row({ count: String(n) }, { offset: 0, lastrow: true })] };
  }

  private handleHec(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): void {
    const auth = req.headers.authorization;
    if (!auth) return json(res, 401, { text: 'Token is required', code: 2 });
    if (!/^Splunk \S+$/.test(auth)) return json(res, 401, { text: 'Invalid authorization', code: 3 });
    if (auth !== `Splunk ${this.opts.hecToken}`) return json(res, 403, { text: 'Invalid token', code: 4 });
    const channel = req.headers['x-splunk-request-channel'] as string | undefined;
    if (!channel) return json(res, 400, { text: 'Data channel is missing', code: 10 });
    if (!body) return json(res, 400, { text: 'No data', code: 5 });
    const query = Object.fromEntries(url.searchParams);
    if (this.opts.hecIndexes && query.index && !this.opts.hecIndexes.includes(query.index)) {
      return json(res, 400, { text: 'Incorrect index', code: 7, 'invalid-event-number': 1 });
    }
    this.hec.push({ query, body, channel });
    json(res, 200, { text: 'Success', code: 0 });
  }
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}
