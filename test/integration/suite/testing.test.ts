// Detection tests through VS Code's Testing API: the controller discovers the example detections'
// tests and its run handler runs them on the server (the preview's local run, contentctl's pass rule).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openDocument, waitFor } from '../helpers';

interface PlainItem {
  id: string;
  label: string;
  uri?: string;
  line?: number;
  children: PlainItem[];
}

interface Outcome {
  id: string;
  label: string;
  state: 'passed' | 'failed' | 'skipped' | 'errored';
  status: string;
  rows: number;
  ms: number;
  reason?: string;
  location?: { start: { line: number; character: number } };
  stage?: { command?: string };
}

/** The workspace folder (examples/); other suites may add content roots elsewhere (temp folders). */
const examplesUri = () => vscode.workspace.workspaceFolders![0].uri.toString();

async function exampleItems(): Promise<PlainItem[]> {
  const list = await vscode.commands.executeCommand<PlainItem[]>('_detectionWorkbench.testing.items');
  return (list ?? []).filter((i) => i.uri?.startsWith(examplesUri() + '/'));
}

const leafIds = (items: PlainItem[]): string[] => items.flatMap((i) => (i.children.length ? leafIds(i.children) : [i.id]));

suite('Detection tests (Testing API)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  test('discovers the example detections by folder, each test at its tests: entry', async () => {
    const items = await waitFor(
      async () => {
        const list = await exampleItems();
        return list.length >= 2 ? list : undefined;
      },
      { timeoutMs: 30_000, message: 'the detection test items' },
    );
    assert.deepStrictEqual(items.map((i) => i.label).sort(), ['detections/cloud', 'detections/endpoint']);
    const endpoint = items.find((i) => i.label === 'detections/endpoint')!;
    assert.deepStrictEqual(endpoint.children.map((d) => d.label).sort(), ['PowerShell Encoded Command', 'Regsvcs Outbound Network Connection']);
    const regsvcs = endpoint.children.find((d) => d.label === 'Regsvcs Outbound Network Connection')!;
    assert.strictEqual(regsvcs.children.length, 1);
    const test = regsvcs.children[0];
    assert.strictEqual(test.label, 'True Positive Test');
    assert.ok(test.uri?.endsWith('/detections/endpoint/regsvcs_outbound_network_connection.yml'), test.uri);
    // `- name: True Positive Test` is on line 67 of the file (0-based 66).
    assert.strictEqual(test.line, 66);
  });

  test('runs every example detection test and they pass, with rows and timing', async function () {
    this.timeout(90_000);
    const ids = leafIds(await exampleItems());
    assert.strictEqual(ids.length, 3, ids.join());
    const results = await vscode.commands.executeCommand<Outcome[]>('_detectionWorkbench.testing.run', ids);
    assert.strictEqual(results.length, 3, JSON.stringify(results));
    for (const r of results) {
      assert.strictEqual(r.state, 'passed', `${r.id}: ${r.reason}`);
      assert.strictEqual(r.rows, 2, r.id);
      assert.ok(r.ms > 0);
    }
  });

  test('an edited (unsaved) detection that cannot fire fails, pointing at the stage where rows went to zero', async function () {
    this.timeout(90_000);
    const file = path.join('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    const doc = await openDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('process_name=regsvcs.exe');
    assert.ok(at > 0);
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'process_name=regsvcs.exe'.length)), 'process_name=nothing.exe'));
    const id = `${doc.uri.toString()}#0`;
    const [result] = await vscode.commands.executeCommand<Outcome[]>('_detectionWorkbench.testing.run', [id]);
    assert.ok(result, 'a result for the edited detection');
    assert.strictEqual(result.state, 'failed', JSON.stringify(result));
    assert.strictEqual(result.rows, 0);
    assert.strictEqual(result.stage?.command, 'search');
    assert.match(result.reason ?? '', /rows went to zero at stage 1 \(search: 8 in, 0 out\)/);
    // The leading search starts with `sysmon` right after "search: '" on line 11 (0-based 10).
    assert.deepStrictEqual(result.location?.start, { line: 10, character: 9 });
  });
});
