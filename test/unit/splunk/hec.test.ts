import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replayFiles, restrictToReplay, sendRaw, SplunkError, waitUntilSearchable } from '../../../server/src/splunk';
import { FakeSplunk } from '../../support/fakeSplunk';

const TOKEN = 'rest-token-abcdef0123456789';
const HEC = '0c2f5e7a-1111-2222-3333-444455556666';

describe('splunk: HEC replay', function () {
  this.timeout(20000);
  let server: FakeSplunk;
  let dir: string;
  before(async () => {
    server = await new FakeSplunk({ token: TOKEN, hecToken: HEC, hecIndexes: ['dw_test'] }).start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-hec-'));
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const hec = () => ({ url: server.url, token: HEC });

  it('sends raw data with source, sourcetype, index, host and a channel, and accepts {"code":0}', async () => {
    const a = await sendRaw(hec(), 'line one\nline two\n', { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog', index: 'dw_test', host: 'h1' });
    assert.deepStrictEqual(a, { text: 'Success', code: 0 });
    const got = server.hec[server.hec.length - 1];
    assert.deepStrictEqual(got.query, { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog', index: 'dw_test', host: 'h1' });
    assert.strictEqual(got.body, 'line one\nline two\n');
    assert.match(got.channel ?? '', /^[0-9a-f-]{36}$/);
  });

  it('maps HEC error codes to what fixes them', async () => {
    await assert.rejects(sendRaw(hec(), 'x', { index: 'nope' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'hec');
      assert.match(e.message, /HTTP 400, code 7: Incorrect index\).*allowed indexes/);
      return true;
    });
    await assert.rejects(sendRaw({ url: server.url, token: 'not-the-hec-token' }, 'x', { index: 'dw_test' }), (e: SplunkError) => {
      assert.strictEqual(e.kind, 'auth');
      assert.match(e.message, /HTTP 403, code 4: Invalid token\).*not the REST token/);
      assert.ok(!e.message.includes('not-the-hec-token'));
      return true;
    });
    await assert.rejects(sendRaw({ url: server.url, token: '' }, 'x', {}), /no HEC token is set/);
  });

  it('says "wrong port" when the HEC URL points at the management port', async () => {
    const mgmt = await new FakeSplunk({ token: TOKEN, role: 'management' }).start();
    try {
      await assert.rejects(sendRaw({ url: mgmt.url, token: HEC }, 'x', {}), (e: SplunkError) => {
        assert.strictEqual(e.kind, 'protocol');
        assert.match(e.message, /is not an HTTP Event Collector.*usually 8088/);
        return true;
      });
    } finally {
      await mgmt.stop();
    }
  });

  it('cuts large files at line ends, replays them, and waits until all events are searchable', async () => {
    const file = path.join(dir, 'big.log');
    const lines = Array.from({ length: 300 }, (_, i) => `event ${i} ${'x'.repeat(50)}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const before = server.hec.length;
    const rep = await replayFiles(hec(), [{ path: file, source: 'big.log', sourcetype: 'test:st' }], { index: 'dw_test', host: 'dw-replay-t1', maxRequestBytes: 4096 });
    assert.strictEqual(rep.files, 1);
    assert.strictEqual(rep.bytes, fs.statSync(file).size);
    const sent = server.hec.slice(before);
    assert.strictEqual(sent.length, rep.requests);
    assert.ok(rep.requests > 4, `${rep.requests} requests`);
    assert.ok(sent.every((s) => s.body.endsWith('\n') && Buffer.byteLength(s.body) <= 4096));
    assert.strictEqual(sent.map((s) => s.body).join(''), fs.readFileSync(file, 'utf8'));
    assert.ok(sent.every((s) => s.channel === sent[0].channel), 'one channel per replay');
    const w = await waitUntilSearchable({ url: server.url, token: TOKEN }, { index: 'dw_test', host: 'dw-replay-t1', expected: 300, pollMs: 50, timeoutMs: 2000 });
    assert.deepStrictEqual({ count: w.count, complete: w.complete }, { count: 300, complete: true });
  });

  it('stops waiting at the timeout and says how many events arrived', async () => {
    const w = await waitUntilSearchable({ url: server.url, token: TOKEN }, { index: 'dw_test', host: 'dw-replay-t1', expected: 301, pollMs: 50, timeoutMs: 300 });
    assert.strictEqual(w.complete, false);
    assert.strictEqual(w.count, 300);
  });

  it('restricts an event search to the replay, and leaves a generating search as written', () => {
    assert.deepStrictEqual(restrictToReplay('`sysmon` EventID=1 | stats count', 'dw_test', 'h"1'), { search: 'search index="dw_test" host="h\\"1" `sysmon` EventID=1 | stats count', restricted: true });
    assert.deepStrictEqual(restrictToReplay('search a=b', 'i', 'h'), { search: 'search index="i" host="h" a=b', restricted: true });
    assert.deepStrictEqual(restrictToReplay(' | tstats count from datamodel=Endpoint.Processes', 'i', 'h'), { search: '| tstats count from datamodel=Endpoint.Processes', restricted: false });
  });
});
