import * as assert from 'assert';
import * as path from 'path';
import { ProgressType, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { EXAMPLES, LspTestClient, uriOf } from './lspClient';

interface RunResult {
  fields: string[];
  rows: Record<string, string | string[]>[];
  stages: { command: string; rowsIn: number; rowsOut: number }[];
  eventsRead: number;
  error?: string;
  planError?: string;
}

describe('language server over stdio: running a search locally', function () {
  this.timeout(60000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  it('runs a detection against its attack_data sample in the worker, with progress', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    await client.open(file);
    const token = 'run-1';
    const seen: string[] = [];
    client.connection.onProgress(new ProgressType<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd>(), token, (v) => {
      seen.push(v.kind);
    });
    const r = (await client.connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(file), workDoneToken: token })) as RunResult;
    assert.strictEqual(r.error, undefined);
    assert.strictEqual(r.eventsRead, 8);
    assert.deepStrictEqual(r.rows.map((x) => [x.dest, x.count]), [['files.example.org', '1'], ['update-cdn.example.net', '3']]);
    assert.deepStrictEqual(r.stages.map((s) => s.rowsOut), [4, 4, 2, 2, 2, 2]);
    assert.strictEqual(seen[0], 'begin');
    assert.strictEqual(seen[seen.length - 1], 'end');
  });

  it('runs the unsaved text of the editor, not the file on disk', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    const fs = await import('fs');
    const text = fs.readFileSync(file, 'utf8').replace('process_name=regsvcs.exe', 'process_name=chrome.exe');
    const other = file.replace('.yml', '_edited.yml');
    await client.open(other, text);
    const r = (await client.connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(other) })) as RunResult;
    assert.deepStrictEqual(r.rows.map((x) => x.process_name), ['chrome.exe']);
  });

  it('stops a catastrophic regular expression at the time budget instead of hanging', async () => {
    const spl = path.join(EXAMPLES, 'searches', 'redos.spl');
    const search = '| makeresults | eval s="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" | where match(s, "^(a+)+$")';
    await client.open(spl, search);
    const started = Date.now();
    const r = (await client.connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(spl), timeoutMs: 1500 })) as RunResult;
    assert.match(r.error ?? '', /time budget/);
    assert.match(r.error ?? '', /where/);
    assert.ok(Date.now() - started < 15000);
    // The server is still responsive.
    const status = await client.connection.sendRequest('detectionWorkbench/status');
    assert.ok(status);
  });

  it('explains why a run cannot be planned', async () => {
    const spl = path.join(EXAMPLES, 'searches', 'nolog.spl');
    await client.open(spl, '`sysmon` EventID=1');
    const r = (await client.connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(spl) })) as RunResult;
    assert.match(r.planError ?? '', /attack_data|--log/);
  });
});
