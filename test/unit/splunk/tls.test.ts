// Security of the connection: certificates verify unless the user opted out, and the token never
// appears in an error, its stack, or anything but the Authorization header.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { runExport, SplunkError } from '../../../server/src/splunk';
import { FakeSplunk, row } from '../../support/fakeSplunk';

const TOKEN = 'tls-suite-token-0123456789abcdef';

function selfSigned(dir: string): { key: string; cert: string } | undefined {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

describe('splunk: TLS and token hygiene', function () {
  this.timeout(30000);
  let dir: string;
  let pair: { key: string; cert: string } | undefined;
  let tls: FakeSplunk;
  let plain: FakeSplunk;
  const onExport = () => ({ lines: [row({ ok: 'yes' }, { offset: 0, lastrow: true })] });
  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-tls-'));
    pair = selfSigned(dir);
    plain = await new FakeSplunk({ token: TOKEN, onExport }).start();
    if (pair) tls = await new FakeSplunk({ token: TOKEN, tls: pair, onExport }).start();
  });
  after(async () => {
    await plain.stop();
    await tls?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const needTls = (ctx: Mocha.Context) => {
    if (!pair) ctx.skip(); // openssl is missing: no certificate to test with
  };

  it('refuses a self-signed certificate by default, naming the fix', async function () {
    needTls(this);
    await assert.rejects(runExport({ url: tls.url, token: TOKEN }, { search: 'index=main' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'tls');
      assert.match(e.message, /certificate of https:\/\/127\.0\.0\.1:\d+ did not verify \(DEPTH_ZERO_SELF_SIGNED_CERT\).*caFile.*--insecure/);
      return true;
    });
  });

  it('accepts it with the CA given, or with verification turned off', async function () {
    needTls(this);
    const withCa = await runExport({ url: tls.url, token: TOKEN, caPem: pair!.cert }, { search: 'index=main' });
    assert.deepStrictEqual(withCa.rows, [{ ok: 'yes' }]);
    const insecure = await runExport({ url: tls.url, token: TOKEN, verifyTls: false }, { search: 'index=main' });
    assert.deepStrictEqual(insecure.rows, [{ ok: 'yes' }]);
  });

  it('refuses a certificate signed by a different CA even when a CA file is given', async function () {
    needTls(this);
    const other = selfSigned(fs.mkdtempSync(path.join(dir, 'other-')));
    await assert.rejects(runExport({ url: tls.url, token: TOKEN, caPem: other!.cert }, { search: 'index=main' }), (e: SplunkError) => e.kind === 'tls');
  });

  it('says to use https:// when http:// meets a TLS port, and the reverse', async function () {
    needTls(this);
    await assert.rejects(runExport({ url: tls.url.replace('https:', 'http:'), token: TOKEN }, { search: 'index=main' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'protocol');
      assert.match(e.message, /use https:\/\//);
      return true;
    });
    await assert.rejects(runExport({ url: plain.url.replace('http:', 'https:'), token: TOKEN }, { search: 'index=main' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'protocol');
      assert.match(e.message, /does not speak TLS.*use http:\/\//);
      return true;
    });
  });

  it('names the usual port when nothing listens', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    await assert.rejects(runExport({ url: `http://127.0.0.1:${port}`, token: TOKEN }, { search: 'index=main' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'connect');
      assert.match(e.message, /nothing accepts connections at http:\/\/127\.0\.0\.1:\d+.*usually 8089/);
      return true;
    });
  });

  it('rejects URLs with credentials or queries, and never puts the token in the URL', async () => {
    await assert.rejects(runExport({ url: 'https://admin:changeme@127.0.0.1:8089', token: TOKEN }, { search: 'x' }), /must not contain a user name/);
    await assert.rejects(runExport({ url: 'ftp://127.0.0.1', token: TOKEN }, { search: 'x' }), /must start with https:\/\//);
    await assert.rejects(runExport({ url: plain.url, token: '' }, { search: 'x' }), /no Splunk token is set/);
    await runExport({ url: plain.url, token: TOKEN }, { search: 'index=main' });
    for (const w of plain.wire) {
      const [requestLine, headers, body] = w.split('\n');
      assert.ok(!requestLine.includes(TOKEN) && !body.includes(TOKEN), 'token only in the header');
      assert.ok(headers.includes(`Bearer ${TOKEN}`));
    }
  });

  it('never shows the token, even when the server echoes it back', async () => {
    const echo = await new FakeSplunk({
      token: TOKEN,
      onExport: (f) => ({ status: f.get('search')!.includes('400') ? 400 : 200, lines: [JSON.stringify({ messages: [{ type: 'FATAL', text: `bad token ${TOKEN} in ${f.get('search')}` }] })] }),
    }).start();
    try {
      const r = await runExport({ url: echo.url, token: TOKEN }, { search: 'index=main' });
      assert.ok(!JSON.stringify(r).includes(TOKEN));
      assert.match(r.error ?? '', /bad token \*\*\* in/);
      const e = await runExport({ url: echo.url, token: TOKEN }, { search: 'index=400' }).catch((x: Error) => x);
      assert.ok(e instanceof SplunkError);
      assert.ok(!e.message.includes(TOKEN) && !String(e.stack).includes(TOKEN) && !JSON.stringify(e).includes(TOKEN));
    } finally {
      await echo.stop();
    }
  });
});
