// The extension is installed in the extension host, activates, and its language server initializes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, getExtension } from '../helpers';

suite('Extension activation', () => {
  test('the extension is present', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found`);
    assert.strictEqual(ext.packageJSON.name, 'detection-workbench');
  });

  test('it activates and returns its API', async () => {
    const api = await activateExtension();
    assert.strictEqual(getExtension().isActive, true);
    assert.strictEqual(typeof api.ready, 'function');
    assert.ok(api.client, 'the API exposes the language client');
  });

  test('the language server answered initialize', async () => {
    const api = await activateExtension();
    const result = api.client?.initializeResult;
    assert.ok(result, 'no initialize result');
    assert.ok(result.capabilities, 'initialize result has no capabilities');
    assert.strictEqual(api.client?.isRunning(), true);
  });

  test('its commands are registered', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['detectionWorkbench.showOutput', 'detectionWorkbench.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });
});
