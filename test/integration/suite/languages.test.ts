// Content files open with the right language: detections as YAML, .spl files as SPL.
import * as assert from 'assert';
import * as fs from 'fs';
import { activateExtension, closeAllEditors, contributesLanguage, findWorkspaceFiles, openDocument, openTempDocument } from '../helpers';

suite('Languages', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('a detection opens as yaml', async function () {
    const detections = await findWorkspaceFiles('detections/endpoint/*.yml');
    if (detections.length === 0) {
      this.skip(); // examples/detections/endpoint has no detection yet
    }
    const doc = await openDocument(detections[0]);
    assert.strictEqual(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^search:/m, `${detections[0].fsPath} has no search: key`);
  });

  test('an .spl file opens as spl', async function () {
    if (!contributesLanguage('spl')) {
      this.skip(); // package.json does not contribute the spl language yet
    }
    const splFiles = await findWorkspaceFiles('**/*.spl', 1);
    const doc =
      splFiles.length > 0
        ? await openDocument(splFiles[0])
        : await openTempDocument('query.spl', 'index=main sourcetype=XmlWinEventLog EventCode=4688 | stats count by host\n');
    assert.strictEqual(doc.languageId, 'spl');
    assert.ok(fs.existsSync(doc.uri.fsPath));
  });
});
