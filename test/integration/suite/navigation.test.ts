// Navigate and refactor in the real VS Code, on the bundled examples: Find All References on a
// macro call, and a rename computed through the editor's rename provider (not applied, so the
// examples stay as they are; file renames are checked at the LSP level).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, findWorkspaceFiles, openDocument, waitFor, workspacePath } from '../helpers';

const CALL = '`security_content_ctime(';

suite('Navigate and refactor', () => {
  let detection: vscode.TextDocument;
  let callSites = 0;

  suiteSetup(async () => {
    await activateExtension();
    for (const uri of await findWorkspaceFiles('{detections,macros}/**/*.yml')) {
      const text = (await vscode.workspace.fs.readFile(uri)).toString();
      callSites += text.split(CALL).length - 1;
    }
    assert.ok(callSites >= 3, 'the examples call security_content_ctime');
    detection = await openDocument(workspacePath('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml'));
  });

  suiteTeardown(async () => {
    await closeAllEditors();
  });

  test('Find All References on a macro call lists every call and the definition', async () => {
    const position = detection.positionAt(detection.getText().indexOf(CALL) + 3);
    const locations = await waitFor(
      async () => {
        const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', detection.uri, position);
        return found && found.length === callSites + 1 ? found : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: `${callSites + 1} references of security_content_ctime` },
    );
    const definition = locations.find((l) => l.uri.path.endsWith('/macros/security_content_ctime.yml'));
    assert.ok(definition, 'the macro definition is among the references');
    for (const l of locations) {
      const doc = await vscode.workspace.openTextDocument(l.uri);
      assert.strictEqual(doc.getText(l.range), 'security_content_ctime', `${l.uri.path}:${l.range.start.line}`);
    }
  });

  test('Rename Symbol computes an edit at every call and in the definition', async () => {
    const position = detection.positionAt(detection.getText().indexOf(CALL) + 3);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      detection.uri,
      position,
      'dw_ctime',
    );
    assert.ok(edit, 'a workspace edit');
    let textEdits = 0;
    for (const [uri, edits] of edit.entries()) {
      const doc = await vscode.workspace.openTextDocument(uri);
      for (const e of edits) {
        assert.strictEqual(doc.getText(e.range), 'security_content_ctime');
        assert.strictEqual(e.newText, 'dw_ctime');
        textEdits++;
      }
    }
    assert.strictEqual(textEdits, callSites + 1);
  });

  test('Rename Symbol is refused with a reason where nothing can be renamed', async () => {
    const at = detection.getText().indexOf('author:');
    assert.ok(at >= 0);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', detection.uri, detection.positionAt(at + 2))),
      /Only a macro, lookup, story or data source/,
    );
  });
});
