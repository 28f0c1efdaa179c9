import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, LspTestClient, uriOf } from './lspClient';

const FIXTURES = path.join(REPO_ROOT, 'test', 'unit', 'cli', 'fixtures', 'detection-tests');

interface Listed {
  uri: string;
  name: string;
  rootUri: string;
  folder: string;
  tests: { index: number; name: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

describe('language server over stdio: detection tests', function () {
  this.timeout(60000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start(FIXTURES);
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  it('lists the detections with tests, each test with the range of its tests: entry', async () => {
    const list = (await client.connection.sendRequest('detectionWorkbench/detectionTests', {})) as Listed[];
    assert.deepStrictEqual(list.map((d) => path.basename(d.uri)), [
      'login_failures_pass.yml',
      'login_missing_data.yml',
      'login_missing_risk_field.yml',
      'login_zero_rows.yml',
    ]);
    const pass = list[0];
    assert.strictEqual(pass.name, 'Fixture Login Failures');
    assert.strictEqual(pass.folder, 'detections/endpoint');
    assert.strictEqual(pass.rootUri, uriOf(FIXTURES));
    assert.strictEqual(pass.tests.length, 1);
    assert.strictEqual(pass.tests[0].name, 'True Positive Test');
    // `- name: True Positive Test` is line 39 (0-based 38); the item starts after "- " and spans
    // its attack_data (5 lines in all, the last one ends the file).
    assert.deepStrictEqual(pass.tests[0].range.start, { line: 38, character: 2 });
    const lines = fs.readFileSync(path.join(FIXTURES, 'detections', 'endpoint', 'login_failures_pass.yml'), 'utf8').split('\n');
    assert.strictEqual(lines[38].slice(2), 'name: True Positive Test');
    assert.ok(pass.tests[0].range.end.line >= 42);
  });

  it('follows the editor: a test added in an unsaved buffer is listed for that file', async () => {
    const file = path.join(FIXTURES, 'detections', 'endpoint', 'login_missing_data.yml');
    const text = fs.readFileSync(file, 'utf8') + '- name: Second Test\n  attack_data: []\n';
    const uri = await client.open(file, text);
    const list = (await client.connection.sendRequest('detectionWorkbench/detectionTests', { uri })) as Listed[];
    assert.deepStrictEqual(list[0].tests.map((t) => [t.index, t.name]), [[0, 'True Positive Test'], [1, 'Second Test']]);
  });

  it('runs a test: the zero-rows failure names the stage and points at it in the file', async () => {
    const file = path.join(FIXTURES, 'detections', 'endpoint', 'login_zero_rows.yml');
    const r = (await client.connection.sendRequest('detectionWorkbench/runTest', { uri: uriOf(file), testIndex: 0 })) as {
      status: string;
      rows: number;
      reason: string;
      stage: { command: string };
      location: { start: { line: number; character: number } };
    };
    assert.strictEqual(r.status, 'fail');
    assert.strictEqual(r.rows, 0);
    assert.strictEqual(r.stage.command, 'where');
    // Line 12 of the file ("  | where count > 5 …"), `where` at character 4 (0-based).
    assert.deepStrictEqual(r.location.start, { line: 11, character: 4 });
  });

  it('runs a passing test and reports a skip with the path looked for', async () => {
    const pass = (await client.connection.sendRequest('detectionWorkbench/runTest', {
      uri: uriOf(path.join(FIXTURES, 'detections', 'endpoint', 'login_failures_pass.yml')),
      testIndex: 0,
    })) as { status: string; rows: number };
    assert.deepStrictEqual([pass.status, pass.rows], ['pass', 1]);
    const file = path.join(FIXTURES, 'detections', 'endpoint', 'login_missing_risk_field.yml');
    const skip = (await client.connection.sendRequest('detectionWorkbench/runTest', {
      uri: uriOf(file),
      testIndex: 0,
      attackDataDir: path.join(FIXTURES, 'no-such-copy'),
    })) as { status: string; lookedFor: string };
    assert.strictEqual(skip.status, 'skip');
    assert.strictEqual(skip.lookedFor, path.join(FIXTURES, 'no-such-copy', 'datasets', 'fixture', 'logins.json'));
  });
});
