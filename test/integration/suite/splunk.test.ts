// Run on Splunk inside a real VS Code: the token commands store secrets (not settings), and the
// extension's runOnSplunk / replayAndCompare reach a loopback Splunk with them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FakeSplunk, row } from '../../support/fakeSplunk';
import type { ProbeReport } from '../../../client/src/preview/protocol';
import { activateExtension, waitFor, workspacePath } from '../helpers';

const TOKEN = 'eh-test-token-7d1f0c2a9b8e4f6a';
const HEC_TOKEN = 'eh-hec-token-0000-1111-2222';

/** Answers the next input box with `value` (the extension shares this API object with the suite). */
async function answerInputBox(value: string, run: () => Thenable<unknown>): Promise<boolean> {
  const w = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
  const original = w.showInputBox;
  try {
    w.showInputBox = async () => value;
  } catch {
    return false;
  }
  if (w.showInputBox === original) return false;
  try {
    await run();
  } finally {
    w.showInputBox = original;
  }
  return true;
}

suite('Run on Splunk', () => {
  let server: FakeSplunk;
  suiteSetup(async () => {
    await activateExtension();
    server = await new FakeSplunk({
      token: TOKEN,
      hecToken: HEC_TOKEN,
      onExport: (form) =>
        form.get('search')!.startsWith('| tstats count where index=')
          ? undefined
          : { lines: [row({ dest: 'ws1', count: '2', dest_port: ['443', '8443'], note: '<b>bold?</b>' }, { offset: 0, lastrow: true })] },
    }).start();
  });
  suiteTeardown(async () => {
    const cfg = vscode.workspace.getConfiguration('detectionWorkbench.splunk');
    for (const k of ['url', 'index', 'hecUrl']) await cfg.update(k, undefined, vscode.ConfigurationTarget.Global);
    await server?.stop();
  });

  test('the token commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['detectionWorkbench.setSplunkToken', 'detectionWorkbench.setHecToken']) assert.ok(commands.includes(id), id);
  });

  test('Set Splunk Token keeps the token out of settings, and Run on Splunk uses it', async function () {
    const api = await activateExtension();
    const stubbed = await answerInputBox(TOKEN, () => vscode.commands.executeCommand('detectionWorkbench.setSplunkToken'));
    if (!stubbed) this.skip(); // this VS Code freezes its API object: the input box cannot be answered from a test
    await vscode.workspace.getConfiguration('detectionWorkbench.splunk').update('url', server.url, vscode.ConfigurationTarget.Global);
    const r = await api.splunk.run({ detectionFile: workspacePath('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml'), earliest: '-24h', latest: 'now' });
    assert.strictEqual(r.origin, 'splunk');
    assert.deepStrictEqual(r.rows, [{ dest: 'ws1', count: '2', dest_port: ['443', '8443'], note: '<b>bold?</b>' }]);
    const sent = server.exports[server.exports.length - 1];
    assert.strictEqual(sent.headers.authorization, `Bearer ${TOKEN}`);
    assert.ok(sent.form.get('search')!.startsWith('search sourcetype=XmlWinEventLog'), sent.form.get('search')!);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('detectionWorkbench'));
    assert.ok(!settings.includes(TOKEN), 'the token is not in any setting');
  });

  test('Replay and compare sends the attack data over HEC and reports the differences', async function () {
    const api = await activateExtension();
    const stubbed = await answerInputBox(HEC_TOKEN, () => vscode.commands.executeCommand('detectionWorkbench.setHecToken'));
    if (!stubbed) this.skip();
    const cfg = vscode.workspace.getConfiguration('detectionWorkbench.splunk');
    await cfg.update('url', server.url, vscode.ConfigurationTarget.Global);
    await cfg.update('hecUrl', server.url, vscode.ConfigurationTarget.Global);
    await cfg.update('index', 'dw_test', vscode.ConfigurationTarget.Global);
    const before = server.hec.length;
    const out = await api.splunk.replayAndCompare({ detectionFile: workspacePath('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml') });
    assert.strictEqual(server.hec.length - before, 1);
    assert.strictEqual(server.hec[before].query.index, 'dw_test');
    assert.strictEqual(out.wait.complete, true);
    assert.strictEqual(out.local.rows.length, 2);
    assert.strictEqual(out.comparison.same, false);
    assert.strictEqual(out.comparison.extraOnSplunk.length + out.comparison.differing.length, 1);
  });

  test('the results panel shows a run on Splunk as text and the comparison with the local run', async function () {
    const api = await activateExtension();
    const stubbed = await answerInputBox(TOKEN, () => vscode.commands.executeCommand('detectionWorkbench.setSplunkToken'));
    if (!stubbed) this.skip();
    await answerInputBox(HEC_TOKEN, () => vscode.commands.executeCommand('detectionWorkbench.setHecToken'));
    const cfg = vscode.workspace.getConfiguration('detectionWorkbench.splunk');
    await cfg.update('url', server.url, vscode.ConfigurationTarget.Global);
    await cfg.update('hecUrl', server.url, vscode.ConfigurationTarget.Global);
    await cfg.update('index', 'dw_test', vscode.ConfigurationTarget.Global);
    assert.ok(api.splunk);
    const uri = vscode.Uri.file(workspacePath('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('detectionWorkbench.previewOnSplunk', uri, { earliest: '-24h', latest: 'now' });
    const probe = () => vscode.commands.executeCommand<ProbeReport>('detectionWorkbench.test.probeResults');
    const shown = await waitFor(async () => {
      const p = await probe();
      return p.mode === 'splunk' && p.cells.length === 1 ? p : undefined;
    }, { timeoutMs: 30_000, message: 'the Splunk results in the panel' });
    assert.match(shown.summary, new RegExp(`^From Splunk ${server.url.replace(/[.]/g, '\\.')}.*1 result`));
    assert.strictEqual(shown.cells[0][shown.columns.indexOf('note')], '<b>bold?</b>');
    assert.strictEqual(shown.tags.b, undefined);
    assert.strictEqual(shown.cells[0][shown.columns.indexOf('dest_port')], '443\n8443');
    // the risk message is rendered from the server's rows too; the row lacks user and dest_ip
    assert.deepStrictEqual(shown.riskMessages, ['RegSvcs.exe on ws1 run by $user$ connected to the public address $dest_ip$. ⚠ no value for user, dest_ip']);

    await vscode.commands.executeCommand('detectionWorkbench.replayAndCompare', uri);
    const compared = await waitFor(async () => {
      const p = await probe();
      return p.mode === 'compare' && p.compareSummary ? p : undefined;
    }, { timeoutMs: 60_000, message: 'the comparison in the panel' });
    assert.match(compared.compareSummary, /^Different: 0 match, /);
    const last = await vscode.commands.executeCommand<{ compare?: { comparison: { same: boolean } } }>('detectionWorkbench.test.lastPreview', uri);
    assert.strictEqual(last?.compare?.comparison.same, false);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('detectionWorkbench'));
    assert.ok(!settings.includes(TOKEN) && !settings.includes(HEC_TOKEN));
  });
});
