// The preview's requests over stdio: document positions of every stage (inside the YAML scalar),
// progress with events read, cancellation, the rows at a stage, a selection, the risk entries, and
// where a sample comes from.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource, ProgressType, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import type { PreviewSources } from '../../server/src/analysis/previewSources';
import type { PreviewResult, RunSearchResult } from '../../server/src/lsp/runSearch';
import { EXAMPLES, indexedServer, uriOf } from './lspClient';

const REGSVCS = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');

function textAt(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(r.start), off(r.end));
}

describe('language server over stdio: the preview requests', function () {
  this.timeout(60000);
  const server = indexedServer();

  it('gives every stage its document range inside the single-quoted, folded search', async () => {
    await server().open(REGSVCS);
    const text = fs.readFileSync(REGSVCS, 'utf8');
    const r = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(REGSVCS) })) as PreviewResult;
    assert.strictEqual(r.error, undefined);
    const shown = r.stages.map((s) => textAt(text, s.range!).replace(/\s+/g, ' '));
    assert.deepStrictEqual(shown, [
      '`sysmon` EventID=3 dest_ip!=10.0.0.0/8 dest_ip!=172.16.0.0/12 dest_ip!=192.168.0.0/16 process_name=regsvcs.exe',
      'lookup suspicious_network_tools process_name OUTPUT reason',
      'stats count min(_time) as firstTime max(_time) as lastTime values(dest_port) as dest_port by dest, user, process_name, src_ip, dest_ip, reason',
      '`security_content_ctime(firstTime)`',
      '`security_content_ctime(lastTime)`',
      '`regsvcs_outbound_network_connection_filter`',
    ]);
    assert.ok(textAt(text, r.searchRange!).startsWith('`sysmon` EventID=3'));
    assert.ok(textAt(text, r.searchRange!).endsWith('`regsvcs_outbound_network_connection_filter`'));
    assert.deepStrictEqual(r.macrosUsed.sort(), ['regsvcs_outbound_network_connection_filter', 'security_content_ctime', 'sysmon']);
    assert.strictEqual(r.inputs.length, 1);
    assert.strictEqual(r.inputs[0].sourcetype, 'xmlwineventlog');
    assert.ok(r.elapsedMs >= 0);
    assert.strictEqual(r.risk?.source, 'v4');
    assert.strictEqual(r.risk?.message, 'RegSvcs.exe on $dest$ run by $user$ connected to the public address $dest_ip$.');
    assert.deepStrictEqual(r.risk?.missingFields, []);
  });

  it("maps positions exactly through '' escapes and a folded block scalar", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-lsp-preview-'));
    fs.mkdirSync(path.join(dir, 'detections'));
    const log = path.join(dir, 's.log');
    fs.writeFileSync(log, 'msg="it\'s" user=a\nmsg=no user=b\n');
    const quoted = path.join(dir, 'detections', 'quoted.yml');
    const quotedText = "name: Q\nsearch: 'msg=\"it''s\"\n  | stats count by user'\n";
    await server().open(quoted, quotedText);
    const a = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(quoted), logs: [log], sourcetype: 'kv' })) as PreviewResult;
    assert.strictEqual(a.error, undefined);
    assert.deepStrictEqual(a.rows, [{ user: 'a', count: '1' }]);
    assert.deepStrictEqual(a.stages.map((s) => textAt(quotedText, s.range!)), ['msg="it\'\'s"', 'stats count by user']);

    const folded = path.join(dir, 'detections', 'folded.yml');
    const foldedText = 'name: F\nsearch: >-\n  msg=no\n  | stats count\n  by user\n';
    await server().open(folded, foldedText);
    const b = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(folded), logs: [log], sourcetype: 'kv' })) as PreviewResult;
    assert.deepStrictEqual(b.rows, [{ user: 'b', count: '1' }]);
    assert.deepStrictEqual(b.stages.map((s) => textAt(foldedText, s.range!)), ['msg=no', 'stats count\n  by user']);
  });

  it('reports events read and events per second while the input is read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-lsp-progress-'));
    const log = path.join(dir, 'big.log');
    fs.writeFileSync(log, Array.from({ length: 200_000 }, (_, i) => `n=${i} user=u${i % 7}`).join('\n') + '\n');
    const spl = path.join(dir, 'count.spl');
    await server().open(spl, 'n=* | stats count by user');
    const token = 'preview-progress';
    const messages: string[] = [];
    const kinds: string[] = [];
    server().connection.onProgress(new ProgressType<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd>(), token, (v) => {
      kinds.push(v.kind);
      if (v.kind === 'report' && v.message) messages.push(v.message);
    });
    const r = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(spl), logs: [log], sourcetype: 'kv', workDoneToken: token })) as PreviewResult;
    assert.strictEqual(r.eventsRead, 200_000);
    assert.strictEqual(r.rows.length, 7);
    const read = messages.map((m) => /^([\d,]+) events read/.exec(m)?.[1]).filter(Boolean).map((n) => Number(n!.replace(/,/g, '')));
    assert.ok(read.length >= 1, messages.join(' | '));
    assert.strictEqual(Math.max(...read), 200_000, messages.join(' | '));
    assert.ok(messages.some((m) => /events\/s/.test(m)), messages.join(' | '));
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(kinds[kinds.length - 1], 'end');
  });

  it('stops a run when the request is cancelled', async () => {
    const spl = path.join(os.tmpdir(), 'dw-lsp-cancel.spl');
    await server().open(spl, '| makeresults | eval s="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" | where match(s, "^(a+)+$")');
    const cts = new CancellationTokenSource();
    const started = Date.now();
    const pending = server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(spl), timeoutMs: 60000 }, cts.token);
    setTimeout(() => cts.cancel(), 500);
    await assert.rejects(pending, /cancel/i);
    assert.ok(Date.now() - started < 10000);
    // the server answers the next request at once (the worker was terminated)
    const t0 = Date.now();
    const ok = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(REGSVCS) })) as PreviewResult;
    assert.strictEqual(ok.rows.length, 2);
    assert.ok(Date.now() - t0 < 15000);
  });

  it('returns the rows after a given stage', async () => {
    await server().open(REGSVCS);
    const r = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(REGSVCS), untilStage: 1 })) as PreviewResult;
    assert.strictEqual(r.untilStage, 1);
    assert.deepStrictEqual(r.stages.map((s) => s.command), ['search', 'lookup']);
    assert.strictEqual(r.rows.length, 4);
    assert.ok(r.fields.includes('reason'));
    const bad = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(REGSVCS), untilStage: 40 })) as RunSearchResult;
    assert.match((bad as { planError: string }).planError, /no stage 41/);
  });

  it('runs a selection and refuses one outside the search', async () => {
    await server().open(REGSVCS);
    const text = fs.readFileSync(REGSVCS, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('| lookup suspicious_network_tools'));
    const ch = lines[line].indexOf('lookup suspicious');
    const sel = { start: { line: line - 1, character: lines[line - 1].indexOf('`sysmon`') }, end: { line, character: ch - 3 } };
    const r = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(REGSVCS), selection: sel })) as PreviewResult;
    assert.strictEqual(r.rows.length, 4);
    assert.strictEqual(r.search, '`sysmon` EventID=3 dest_ip!=10.0.0.0/8 dest_ip!=172.16.0.0/12 dest_ip!=192.168.0.0/16 process_name=regsvcs.exe');
    assert.deepStrictEqual(r.stages[0].range, sel);
    const outside = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(REGSVCS), selection: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } })) as { planError: string };
    assert.match(outside.planError, /not inside a search/);
  });

  it('says where a sample can come from, and what is missing', async () => {
    await server().open(REGSVCS);
    const s = (await server().connection.sendRequest('detectionWorkbench/previewSources', { uri: uriOf(REGSVCS) })) as PreviewSources;
    assert.strictEqual(s.name, 'Regsvcs Outbound Network Connection');
    assert.strictEqual(s.attackData.length, 1);
    assert.strictEqual(s.attackData[0].exists, true);
    assert.strictEqual(s.attackData[0].file, path.join(EXAMPLES, 'attack_data', 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log'));
    assert.deepStrictEqual(s.dataSources, [{ name: 'Sysmon EventID 3', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog' }]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-lsp-missing-'));
    fs.mkdirSync(path.join(dir, 'detections'));
    fs.mkdirSync(path.join(dir, 'attack_data'));
    const file = path.join(dir, 'detections', 'm.yml');
    await server().open(file, "name: M\nsearch: 'x=1'\ntests:\n- attack_data:\n  - data: https://h/attack_data/master/datasets/none/x.log\n");
    const r = (await server().connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(file) })) as { planError: string; code: string; path: string };
    assert.strictEqual(r.code, 'missing-attack-data');
    assert.strictEqual(r.path, path.join(dir, 'attack_data', 'datasets', 'none', 'x.log'));
  });
});
