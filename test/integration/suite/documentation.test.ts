// "Preview Documentation": the command's Markdown page, its links and its live update.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openDocument, waitFor } from '../helpers';

suite('Documentation preview', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(async () => {
    await closeAllEditors();
  });

  test('renders the active example detection as a Markdown page with its search', async () => {
    await openDocument(path.join('detections', 'endpoint', 'powershell_encoded_command.yml'));
    const page = await waitFor(
      async () => await vscode.commands.executeCommand<vscode.TextDocument | undefined>('detectionWorkbench.previewDocumentation'),
      { message: 'the documentation page' },
    );
    assert.strictEqual(page.uri.scheme, 'file');
    assert.ok(page.uri.path.endsWith('/powershell_encoded_command.md'), page.uri.path);
    const text = page.getText();
    // links to the macros are relative to the page, so the Markdown preview follows them
    const macroLink = /\[macros\/security_content_summariesonly\.yml:\d+\]\(([^)]+)\)/.exec(text);
    assert.ok(macroLink, 'a link to the security_content_summariesonly macro');
    assert.ok(!macroLink[1].startsWith('file:'), macroLink[1]);
    const [target, fragment] = macroLink[1].split('#');
    const linked = path.resolve(path.dirname(page.uri.fsPath), decodeURIComponent(target));
    assert.ok(fs.existsSync(linked), linked);
    assert.match(path.basename(linked), /^security_content_summariesonly\.yml$/);
    assert.match(fragment ?? '', /^L\d+$/);
    assert.ok(text.startsWith('# PowerShell Encoded Command\n'), text.slice(0, 200));
    assert.match(text, /```spl\n\| tstats `security_content_summariesonly` count/);
    assert.match(text, /## Risk-Based Alerting/);
    const preview = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
      { message: 'a Markdown preview tab' },
    );
    assert.match(preview.label, /powershell_encoded_command/);
  });

  test('accepts a URI argument and updates the page when the detection changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-doc-'));
    fs.mkdirSync(path.join(dir, 'detections', 'endpoint'), { recursive: true });
    const file = path.join(dir, 'detections', 'endpoint', 'live_page.yml');
    fs.writeFileSync(file, "name: Live Page\nsearch: 'index=main | stats count'\n");
    const source = await openDocument(file);
    const page = await waitFor(
      async () => await vscode.commands.executeCommand<vscode.TextDocument | undefined>('detectionWorkbench.previewDocumentation', source.uri),
      { message: 'the documentation page' },
    );
    assert.match(page.getText(), /^# Live Page\n/);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(source.uri, new vscode.Range(0, 6, 0, 15), 'Renamed Page');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      async () => (await vscode.workspace.openTextDocument(page.uri)).getText().startsWith('# Renamed Page\n'),
      { message: 'the page to follow the edit' },
    );
    await source.save();
  });
});
