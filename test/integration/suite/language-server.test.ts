// End to end through VS Code: the language client talks to the server, which indexed examples/.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, findWorkspaceFiles, hoverTexts, openDocument, waitFor, waitForDiagnostics } from '../helpers';

suite('Language server', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('with no ATT&CK settings, the hover on a technique id names it from the bundled snapshot', async () => {
    const doc = await openDocument('detections/endpoint/regsvcs_outbound_network_connection.yml');
    const position = doc.positionAt(doc.getText().indexOf('- T1218.009') + 4);
    const texts = await waitFor(
      async () => {
        const found = await hoverTexts(doc.uri, position);
        return found.some((t) => t.includes('Regsvcs/Regasm')) ? found : undefined;
      },
      { intervalMs: 500, message: 'an ATT&CK hover on T1218.009' },
    );
    assert.ok(texts.includes('**T1218.009 · Regsvcs/Regasm · Defense Evasion**\n\n_ATT&CK v18.1 (bundled snapshot)_'), texts.join('\n---\n'));
  });

  test('hover on a macro call in a detection shows the macro definition from macros/', async function () {
    const detections = await findWorkspaceFiles('detections/**/*.yml');
    const macroDefs = await findWorkspaceFiles('macros/security_content_ctime.yml');
    const withMacro = [];
    for (const uri of detections) {
      const text = (await vscode.workspace.fs.readFile(uri)).toString();
      if (text.includes('`security_content_ctime(')) withMacro.push(uri);
    }
    if (withMacro.length === 0 || macroDefs.length === 0) {
      this.skip(); // the examples do not use / define security_content_ctime
    }
    const doc = await openDocument(withMacro[0]);
    const offset = doc.getText().indexOf('`security_content_ctime(') + 3;
    const position = doc.positionAt(offset);
    // The server indexes the workspace after start-up: retry until its hover answers.
    const texts = await waitFor(
      async () => {
        const found = await hoverTexts(doc.uri, position);
        return found.some((t) => t.includes('convert timeformat')) ? found : undefined;
      },
      { intervalMs: 500, message: 'a macro hover with the definition of security_content_ctime' },
    );
    assert.ok(texts.join('\n').includes('security_content_ctime'));
  });

  test('an unknown SPL command in an .spl document gets a diagnostic', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'spl',
      content: 'index=main sourcetype=XmlWinEventLog | statz count by host\n',
    });
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.message.includes('statz')), {
      message: 'a diagnostic about the unknown command "statz"',
    });
    const unknown = diagnostics.find((d) => d.message.includes('statz'));
    assert.ok(unknown);
    assert.strictEqual(doc.getText(unknown.range), 'statz');
  });
});
