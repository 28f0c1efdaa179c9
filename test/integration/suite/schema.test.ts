// Schema diagnostics and quick fixes through VS Code's own APIs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openDocument, waitForDiagnostics } from '../helpers';

const BROKEN = `name: Broken Example
id: not-a-uuid
version: 1
date: '2024-05-02'
author: Detection Workbench tests
status: production
type: Anomally
description: A detection with mistakes in it.
data_source: []
search: '\`sysmon\` EventID=1 | stats count by dest | \`broken_example_filter\`'
how_to_implement: n/a
known_false_positives: n/a
references: []
tags:
  analytic_story:
  - Living Off The Land
  asset_type: Endpoint
  confidence: 50
  impact: 50
  message: Something on $dest$.
  mitre_attack_id:
  - T1059.001
  observable:
  - name: dest
    type: Hostname
    role:
    - Victim
  product:
  - Splunk Enterprise
  required_fields:
  - dest
  risk_score: 25
  security_domain: endpoint
`;

suite('Schema diagnostics', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(async () => {
    await closeAllEditors();
  });

  test('a broken detection gets exact schema diagnostics, and a quick fix removes one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-schema-'));
    fs.mkdirSync(path.join(dir, 'detections', 'endpoint'), { recursive: true });
    const file = path.join(dir, 'detections', 'endpoint', 'broken_example.yml');
    fs.writeFileSync(file, BROKEN);
    const doc = await openDocument(file);
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => String(x.code).includes('enum')), {
      message: 'an enum diagnostic on `type: Anomally`',
    });
    const typo = diagnostics.find((d) => String(d.code).includes('enum'))!;
    assert.strictEqual(doc.getText(typo.range), 'Anomally');
    assert.match(typo.message, /did you mean `Anomaly`/);
    const badId = diagnostics.find((d) => doc.getText(d.range) === 'not-a-uuid');
    assert.ok(badId, diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, typo.range);
    const fix = actions.find((a) => a.title.includes('Anomaly'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    await vscode.workspace.applyEdit(fix.edit);
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => String(x.code).includes('enum')), {
      message: 'the enum diagnostic to go away after the quick fix',
    });
    assert.match(doc.getText(), /^type: Anomaly$/m);
  });
});
