import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';
import { FakeSplunk, row } from '../../support/fakeSplunk';
import { EXAMPLES, REPO } from './cliHarness';

const TOKEN = 'cli-rest-token-5f4dcc3b5aa765d61d8327deb882cf99';
const HEC_TOKEN = '11111111-2222-3333-4444-555555555555';
const ATTACK = path.join(EXAMPLES, 'attack_data');
const REGSVCS = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
const SYSMON_LOG = path.join(ATTACK, 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log');

async function cli(args: string[], env: Record<string, string> = { DETECTION_WORKBENCH_SPLUNK_TOKEN: TOKEN, DETECTION_WORKBENCH_HEC_TOKEN: HEC_TOKEN }) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: REPO, env });
  return { code, out, err };
}

describe('cli: run --on splunk and compare', function () {
  this.timeout(60000);
  let server: FakeSplunk;
  let answer: (form: URLSearchParams) => string[] | undefined = () => undefined;
  let dir: string;
  before(async () => {
    server = await new FakeSplunk({
      token: TOKEN,
      hecToken: HEC_TOKEN,
      hecIndexes: ['dw_test'],
      onExport: (form) => {
        if (form.get('search')!.startsWith('| tstats count where index=')) return undefined; // the built-in replay counter
        const lines = answer(form);
        return lines && { lines };
      },
    }).start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cli-splunk-'));
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const last = () => server.exports[server.exports.length - 1].form;

  it('test --on splunk replays each test\'s attack data and applies the pass rule to Splunk\'s rows', async () => {
    answer = () => [row({ dest: 'ws1', user: 'CORP\\jdoe', dest_ip: '203.0.113.50', count: '2' }, { offset: 0, lastrow: true })];
    const before = server.hec.length;
    const pass = await cli(['test', REGSVCS, '--attack-data', ATTACK, '--on', 'splunk', '--url', server.url, '--hec-url', server.url, '--index', 'dw_test', '--format', 'json']);
    assert.strictEqual(pass.code, 0, pass.err + pass.out);
    const [rec] = JSON.parse(pass.out);
    assert.strictEqual(rec.status, 'pass');
    assert.strictEqual(rec.rows, 1);
    assert.strictEqual(server.hec.length - before, 1, 'the attack data was sent over HEC once');
    assert.strictEqual(server.hec[before].query.index, 'dw_test');
    assert.match(last().get("search")!, /^search index="dw_test" host="dw-replay-/);

    answer = () => [row({ dest: 'ws1', user: 'CORP\\jdoe', count: '2' }, { offset: 0, lastrow: true })];
    const fail = await cli(['test', REGSVCS, '--attack-data', ATTACK, '--on', 'splunk', '--url', server.url, '--hec-url', server.url, '--index', 'dw_test', '--format', 'json']);
    assert.strictEqual(fail.code, 1);
    const [bad] = JSON.parse(fail.out);
    assert.strictEqual(bad.status, 'fail');
    assert.match(bad.reason, /no result has the risk field dest_ip/);
    assert.ok(!(fail.out + fail.err).includes(TOKEN) && !(fail.out + fail.err).includes(HEC_TOKEN), 'no token in the output');

    const usage = await cli(['test', REGSVCS, '--attack-data', ATTACK, '--on', 'splunk', '--url', server.url]);
    assert.strictEqual(usage.code, 2);
    assert.match(usage.err, /--index/);
  });

  it('runs the detection with the repository\'s macros expanded locally', async () => {
    answer = () => [row({ dest: 'ws1', count: '2', dest_port: ['443', '8443'] }, { offset: 0, lastrow: true })];
    const r = await cli(['run', REGSVCS, '--on', 'splunk', '--url', server.url, '--earliest', '-7d', '--latest', 'now', '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.origin, 'splunk');
    assert.deepStrictEqual(j.rows, [{ dest: 'ws1', count: '2', dest_port: ['443', '8443'] }]);
    const sent = last().get('search')!;
    // `sysmon` comes from examples/macros/sysmon.yml; the filter macro's default body is `search *`.
    assert.ok(sent.startsWith('search sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=Syslog:Linux-Sysmon/Operational EventID=3 '), sent);
    assert.ok(sent.endsWith('| search *'), sent);
    assert.ok(!sent.includes('`'), sent);
    assert.strictEqual(last().get('earliest_time'), '-7d');
    assert.strictEqual(last().get('latest_time'), 'now');
  });

  it('sends the search as written with --server-macros, reading the token from --token-file', async () => {
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, `${TOKEN}\n`);
    answer = () => [];
    const r = await cli(['run', REGSVCS, '--on', 'splunk', '--url', server.url, '--token-file', tokenFile, '--server-macros'], {});
    assert.strictEqual(r.code, 0, r.err);
    assert.ok(last().get('search')!.startsWith('search `sysmon` EventID=3'));
    assert.match(r.out, /0 row\(s\) from Splunk at http:\/\/127\.0\.0\.1:\d+ in \d+\.\d s/);
  });

  it('says where the token comes from when none is given, and rejects local-only flags', async () => {
    const r = await cli(['run', REGSVCS, '--on', 'splunk', '--url', server.url], {});
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /no Splunk token: give --token-file FILE or set DETECTION_WORKBENCH_SPLUNK_TOKEN/);
    const l = await cli(['run', REGSVCS, '--on', 'splunk', '--url', server.url, '--log', SYSMON_LOG]);
    assert.strictEqual(l.code, 2);
    assert.match(l.err, /--log applies to local runs only/);
    const s = await cli(['run', REGSVCS, '--url', server.url]);
    assert.strictEqual(s.code, 2);
    assert.match(s.err, /--url applies to runs on Splunk only \(add --on splunk\)/);
  });

  it('exits 2 with the fix on a rejected token, never printing it; exits 1 on a search error', async () => {
    const r = await cli(['run', '--search', 'index=main', '--on', 'splunk', '--url', server.url], { DETECTION_WORKBENCH_SPLUNK_TOKEN: 'expired-token-value-123' });
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /rejected the token \(401/);
    assert.ok(!(r.out + r.err).includes('expired-token-value-123'));
    answer = () => [JSON.stringify({ messages: [{ type: 'FATAL', text: "Error in 'search' command: Unable to parse the search." }] })];
    const f = await cli(['run', '--search', 'index=main (', '--on', 'splunk', '--url', server.url]);
    assert.strictEqual(f.code, 1);
    assert.match(f.err, /error: Splunk FATAL: Error in 'search' command: Unable to parse the search\./);
    assert.ok(!(f.out + f.err).includes(TOKEN));
  });

  it('prints hostile values as text: escape sequences visible in the table, exact in JSON', async () => {
    answer = () => [row({ msg: 'ok\u001b]0;pwned\u0007\u001b[2J', html: '<script>alert(1)</script>' }, { offset: 0, lastrow: true }), JSON.stringify({ messages: [{ type: 'WARN', text: 'careful\u001b[31m' }] })];
    const t = await cli(['run', '--search', 'index=main', '--on', 'splunk', '--url', server.url]);
    assert.strictEqual(t.code, 0, t.err);
    assert.ok(!t.out.includes('\u001b') && !t.err.includes('\u001b'), 'no raw ESC reaches the terminal');
    assert.ok(t.out.includes('ok\\u001b]0;pwned\\u0007\\u001b[2J'), t.out);
    assert.ok(t.out.includes('<script>alert(1)</script>'));
    assert.match(t.err, /warning: Splunk: careful\\u001b\[31m/);
    const j = await cli(['run', '--search', 'index=main', '--on', 'splunk', '--url', server.url, '--format', 'json']);
    assert.strictEqual(JSON.parse(j.out).rows[0].msg, 'ok\u001b]0;pwned\u0007\u001b[2J');
    const m = await cli(['run', '--search', 'index=main', '--on', 'splunk', '--url', server.url, '--max-rows', 'lots']);
    assert.strictEqual(m.code, 2);
    assert.match(m.err, /--max-rows must be a positive whole number \(got "lots"\)/);
  });

  it('compare: replays attack data over HEC, waits, runs restricted to the replay, and finds no difference', async () => {
    const localRun = await cli(['run', REGSVCS, '--attack-data', ATTACK, '--format', 'json']);
    const local = JSON.parse(localRun.out);
    assert.strictEqual(local.rows.length, 2);
    // The fake server answers with the local rows (in another order, with Splunk's internal fields).
    answer = () => [...local.rows].reverse().map((r: Record<string, unknown>, i: number) => row({ ...r, splunk_server: 'sh1' }, { offset: i, lastrow: i === 1 }));
    const before = server.hec.length;
    const r = await cli(['compare', REGSVCS, '--url', server.url, '--index', 'dw_test', '--hec-url', server.url, '--attack-data', ATTACK]);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /same: 2 row\(s\) match on 10 field\(s\)/);
    const sent = server.hec.slice(before);
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0].body, fs.readFileSync(SYSMON_LOG, 'utf8'));
    assert.strictEqual(sent[0].query.source, 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    assert.strictEqual(sent[0].query.sourcetype, 'xmlwineventlog');
    assert.strictEqual(sent[0].query.index, 'dw_test');
    const host = sent[0].query.host;
    assert.match(host, /^dw-replay-[0-9a-f]{8}$/);
    const search = last();
    assert.ok(search.get('search')!.startsWith(`search index="dw_test" host="${host}" sourcetype=XmlWinEventLog`), search.get('search')!);
    assert.strictEqual(search.get('earliest_time'), '0');
    assert.match(search.get('index_earliest') ?? '', /^\d{10}$/);
    assert.match(r.out, new RegExp(`as host ${host} into index dw_test; 8 event\\(s\\) searchable`));
  });

  it('compare: exits 1 and gives a JSON diff per row and field when Splunk differs', async () => {
    const local = JSON.parse((await cli(['run', REGSVCS, '--attack-data', ATTACK, '--format', 'json'])).out);
    answer = () => [row({ ...local.rows[0], count: '99' }, { offset: 0, lastrow: true })];
    const r = await cli(['compare', REGSVCS, '--url', server.url, '--index', 'dw_test', '--hec-url', server.url, '--attack-data', ATTACK, '--format', 'json']);
    assert.strictEqual(r.code, 1, r.err);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.same, false);
    assert.deepStrictEqual(j.comparison.differing.map((d: { fields: unknown }) => d.fields), [[{ field: 'count', local: local.rows[0].count, splunk: '99' }]]);
    assert.deepStrictEqual(j.comparison.missingOnSplunk, [local.rows[1]]);
    assert.deepStrictEqual(j.comparison.extraOnSplunk, []);
    assert.strictEqual(j.splunk.origin, 'splunk');
    assert.ok(!r.out.includes(TOKEN) && !r.out.includes(HEC_TOKEN));
  });

  it('compare: an index HEC refuses is reported with the fix (exit 2)', async () => {
    const r = await cli(['compare', REGSVCS, '--url', server.url, '--index', 'not_allowed', '--hec-url', server.url, '--attack-data', ATTACK]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /code 7: Incorrect index\).*allowed indexes/);
  });
});
