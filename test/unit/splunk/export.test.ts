import * as assert from 'assert';
import { runExport, SplunkError, exportSearchText } from '../../../server/src/splunk';
import { FakeSplunk, row } from '../../support/fakeSplunk';

const TOKEN = 'eyJraWQiOiJzcGx1bmsuc2VjcmV0IiwiYWxnIjoiSFM1MTIifQ.test-token-value';

describe('splunk: export search', function () {
  this.timeout(20000);
  let server: FakeSplunk;
  let script: ReturnType<NonNullable<ConstructorParameters<typeof FakeSplunk>[0]['onExport']>>;
  before(async () => {
    server = await new FakeSplunk({ token: TOKEN, onExport: () => script }).start();
  });
  after(() => server.stop());
  const conn = () => ({ url: server.url, token: TOKEN });

  it('streams result rows with multivalue fields, and sends the documented form', async () => {
    script = {
      lines: [
        row({ user: 'jdoe', count: '3', dest_port: ['443', '8443'] }, { offset: 0 }),
        row({ user: 'svc_build', count: '1', dest_port: '8080' }, { offset: 1, lastrow: true }),
      ],
    };
    const r = await runExport(conn(), { search: '`sysmon` EventID=3 | stats count values(dest_port) as dest_port by user', earliest: '-24h', latest: 'now' });
    assert.strictEqual(r.origin, 'splunk');
    assert.deepStrictEqual(r.fields, ['user', 'count', 'dest_port']);
    assert.deepStrictEqual(r.rows, [
      { user: 'jdoe', count: '3', dest_port: ['443', '8443'] },
      { user: 'svc_build', count: '1', dest_port: '8080' },
    ]);
    assert.deepStrictEqual(r.warnings, []);
    assert.strictEqual(r.error, undefined);
    const sent = server.exports[server.exports.length - 1];
    assert.strictEqual(sent.path, '/services/search/v2/jobs/export');
    assert.strictEqual(sent.form.get('search'), 'search `sysmon` EventID=3 | stats count values(dest_port) as dest_port by user');
    assert.strictEqual(sent.form.get('output_mode'), 'json');
    assert.strictEqual(sent.form.get('earliest_time'), '-24h');
    assert.strictEqual(sent.form.get('latest_time'), 'now');
    assert.strictEqual(sent.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('uses the app namespace when one is set', async () => {
    script = { lines: [row({ a: '1' }, { offset: 0, lastrow: true })] };
    await runExport({ ...conn(), app: 'DA-ESS-ContentUpdate' }, { search: '| makeresults' });
    assert.strictEqual(server.exports[server.exports.length - 1].path, '/servicesNS/-/DA-ESS-ContentUpdate/search/v2/jobs/export');
    assert.strictEqual(server.exports[server.exports.length - 1].form.get('search'), '| makeresults');
  });

  it('keeps only final rows when preview batches come first', async () => {
    script = {
      lines: [
        JSON.stringify({ preview: true, offset: 0, result: { count: '1' } }),
        JSON.stringify({ preview: true, offset: 0, result: { count: '2' } }),
        row({ count: '5' }, { offset: 0, lastrow: true }),
      ],
    };
    const r = await runExport(conn(), { search: 'index=main | stats count' });
    assert.deepStrictEqual(r.rows, [{ count: '5' }]);
  });

  it('reports FATAL/ERROR messages as the error, INFO/WARN as warnings, as Splunk said them', async () => {
    script = {
      lines: [
        JSON.stringify({ messages: [{ type: 'WARN', text: 'Search filters specified using splunk_server/splunk_server_group do not match any search peer.' }] }),
        JSON.stringify({ messages: [{ type: 'FATAL', text: "Error in 'stats' command: The argument 'cuont' is invalid." }] }),
      ],
    };
    const r = await runExport(conn(), { search: 'index=main | stats cuont' });
    assert.strictEqual(r.error, "error: Splunk FATAL: Error in 'stats' command: The argument 'cuont' is invalid.");
    assert.deepStrictEqual(r.warnings, ['warning: Splunk: Search filters specified using splunk_server/splunk_server_group do not match any search peer.']);
  });

  it('turns a 400 with FATAL messages into a search error naming Splunk\'s text', async () => {
    script = { status: 400, lines: [JSON.stringify({ messages: [{ type: 'FATAL', text: 'Unknown search command \'foo\'.' }] })] };
    await assert.rejects(runExport(conn(), { search: '| foo' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'search');
      assert.match(e.message, /HTTP 400: FATAL Unknown search command 'foo'\./);
      return true;
    });
  });

  it('maps 401 to "token rejected" with the fix, and never shows the token', async () => {
    await assert.rejects(runExport({ url: server.url, token: 'wrong-token-1234' }, { search: 'index=main' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'auth');
      assert.match(e.message, /rejected the token \(401 Unauthorized: WARN call not properly authenticated\)/);
      assert.match(e.message, /Set Splunk Token/);
      assert.ok(!e.message.includes('wrong-token-1234') && !String(e.stack).includes('wrong-token-1234'));
      return true;
    });
  });

  it('fails a stream cut off mid-way (no terminating chunk) saying rows may be missing', async () => {
    script = { lines: [row({ a: '1' }, { offset: 0 }), row({ a: '2' }, { offset: 1 }), row({ a: '3' }, { offset: 2, lastrow: true })], cutAfter: 2 };
    await assert.rejects(runExport(conn(), { search: 'index=main' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'connect');
      assert.match(e.message, /cut the answer off while it streamed.*results may be missing/);
      return true;
    });
  });

  it('warns when a complete HTTP answer lacks the last row, keeping the rows that arrived', async () => {
    script = { lines: [row({ a: '1' }, { offset: 0 }), row({ a: '2' }, { offset: 1 })] };
    const r = await runExport(conn(), { search: 'index=main' });
    assert.deepStrictEqual(r.rows, [{ a: '1' }, { a: '2' }]);
    assert.deepStrictEqual(r.warnings, ['warning: the result stream ended without its last row; the server may have cut the answer off, so rows may be missing']);
  });

  it('times out a server that stops talking, saying what to check', async () => {
    script = { hang: true };
    await assert.rejects(runExport({ ...conn(), timeoutMs: 300 }, { search: 'index=main' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'timeout');
      assert.match(e.message, /did not answer within 0 s|did not answer within 1 s|did not answer within/);
      return true;
    });
  });

  it('times out a slow stream between lines (idle timeout), not a long but steady one', async () => {
    script = { lines: Array.from({ length: 6 }, (_, i) => row({ n: String(i) }, { offset: i, lastrow: i === 5 })), delayMs: 120 };
    const ok = await runExport({ ...conn(), timeoutMs: 500 }, { search: 'index=main' });
    assert.strictEqual(ok.rows.length, 6);
    script = { lines: [row({ n: '0' }, { offset: 0 }), row({ n: '1' }, { offset: 1, lastrow: true })], delayMs: 800 };
    await assert.rejects(runExport({ ...conn(), timeoutMs: 300 }, { search: 'index=main' }), (e: SplunkError) => e.kind === 'timeout');
  });

  it('cancels by aborting the request', async () => {
    script = { lines: Array.from({ length: 50 }, (_, i) => row({ n: String(i) }, { offset: i })), delayMs: 50 };
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 150);
    await assert.rejects(runExport(conn(), { search: 'index=main', signal: ctl.signal }), (e: SplunkError) => e.kind === 'cancelled');
  });

  it('stops at maxRows and marks the result truncated', async () => {
    script = { lines: Array.from({ length: 20 }, (_, i) => row({ n: String(i) }, { offset: i, lastrow: i === 19 })) };
    const r = await runExport(conn(), { search: 'index=main', maxRows: 5 });
    assert.strictEqual(r.rows.length, 5);
    assert.strictEqual(r.truncated, true);
  });

  it('refuses a line longer than the bound instead of buffering it', async () => {
    script = { lines: [row({ _raw: 'x'.repeat(300 * 1024) }, { offset: 0, lastrow: true })] };
    await assert.rejects(runExport(conn(), { search: 'index=main', maxLineBytes: 64 * 1024 }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'limit');
      assert.match(e.message, /longer than 64 KiB/);
      return true;
    });
  });

  it('keeps HTML in values as text, and reports a non-JSON answer instead of dropping it', async () => {
    script = { lines: [row({ msg: '<img src=x onerror=alert(1)><script>alert(2)</script>' }, { offset: 0, lastrow: true }), '<html>proxy error</html>'] };
    const r = await runExport(conn(), { search: 'index=main' });
    assert.strictEqual(r.rows[0].msg, '<img src=x onerror=alert(1)><script>alert(2)</script>');
    assert.deepStrictEqual(r.warnings, ['warning: the server sent a line that is not JSON: "<html>proxy error</html>"']);
  });

  it('writes out the implied search command for the export endpoint', () => {
    assert.strictEqual(exportSearchText(' index=main foo '), 'search index=main foo');
    assert.strictEqual(exportSearchText('search index=main'), 'search index=main');
    assert.strictEqual(exportSearchText('| tstats count'), '| tstats count');
  });
});
