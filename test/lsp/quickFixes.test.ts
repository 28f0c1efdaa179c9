import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeAction,
  CodeActionRequest,
  Diagnostic,
  RenameFile,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXAMPLES, LspTestClient, uriOf } from './lspClient';

const FILE = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
const ORIGINAL = fs.readFileSync(FILE, 'utf8');

describe('language server over stdio: quick fixes (apply, re-check, gone)', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let version = 1;
  let uri: string;
  before(async () => {
    client = await LspTestClient.start();
    await client.connection.sendRequest('detectionWorkbench/status');
    uri = await client.open(FILE);
    await client.waitForVersion(uri, 1);
  });
  after(async () => {
    await client.change(uri, ORIGINAL, ++version);
    await client?.stop();
  });

  async function diagnosticsFor(text: string): Promise<Diagnostic[]> {
    await client.change(uri, text, ++version);
    return (await client.waitForVersion(uri, version)).diagnostics;
  }

  /** Breaks the file, finds the diagnostic, applies the quick fix titled like `title`, re-checks. */
  async function fixes(broken: string, code: string, title: RegExp): Promise<{ fixed: string; after: Diagnostic[] }> {
    const diagnostics = await diagnosticsFor(broken);
    const d = diagnostics.find((x) => x.code === code);
    assert.ok(d, `no ${code} in ${JSON.stringify(diagnostics.map((x) => [x.code, x.message]))}`);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const action = actions.find((a) => title.test(a.title));
    assert.ok(action?.edit?.changes?.[uri], `no action ${title} among ${actions.map((a) => a.title).join(', ')}`);
    const doc = TextDocument.create(uri, 'yaml', version, broken);
    const fixed = TextDocument.applyEdits(doc, action.edit.changes[uri] as TextEdit[]);
    const after = await diagnosticsFor(fixed);
    assert.ok(!after.some((x) => x.code === code), `${code} is still there: ${JSON.stringify(after.map((x) => x.message))}`);
    return { fixed, after };
  }

  it('starts clean', async () => {
    assert.deepStrictEqual(await diagnosticsFor(ORIGINAL), []);
  });

  it('replaces a misspelled enum value', async () => {
    const { fixed } = await fixes(ORIGINAL.replace('type: TTP', 'type: ttp'), 'dw.schema.enum', /TTP/);
    assert.match(fixed, /^type: TTP$/m);
  });

  it('replaces a misspelled story with the suggestion', async () => {
    const { fixed } = await fixes(ORIGINAL.replace('  - Living Off The Land', '  - Living Off The Lnd'), 'dw.schema.unknown-story', /Living Off The Land/);
    assert.match(fixed, /^ {2}- Living Off The Land$/m);
  });

  it('corrects a wrong filter macro name', async () => {
    const { fixed } = await fixes(ORIGINAL.replace('`regsvcs_outbound_network_connection_filter`', '`regsvcs_filter`'), 'dw.schema.filter-macro', /regsvcs_outbound_network_connection_filter/);
    assert.ok(fixed.includes('`regsvcs_outbound_network_connection_filter`'));
  });

  it('generates a new UUID for an invalid id', async () => {
    const { fixed } = await fixes(ORIGINAL.replace(/^id: .*$/m, 'id: not-a-uuid'), 'dw.schema.format', /UUID/);
    assert.match(fixed, /^id: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/m);
  });

  it('inserts a missing required key with a placeholder', async () => {
    const broken = ORIGINAL.replace(/^how_to_implement: .*\n/m, '');
    const { fixed } = await fixes(broken, 'dw.schema.missing-key', /how_to_implement/);
    assert.match(fixed, /^how_to_implement: TODO$/m);
  });

  it('removes a duplicated story', async () => {
    const broken = ORIGINAL.replace('  - Living Off The Land\n', '  - Living Off The Land\n  - Living Off The Land\n');
    const { fixed } = await fixes(broken, 'dw.schema.duplicate-entry', /Remove/);
    assert.strictEqual(fixed.split('- Living Off The Land').length - 1, 1);
  });

  it('rewrites `name` to match the file, or offers to rename the file', async () => {
    const broken = ORIGINAL.replace('name: Regsvcs Outbound Network Connection', 'name: Regsvcs Outbound Connection');
    const { fixed } = await fixes(broken, 'dw.schema.file-name', /Change name/);
    assert.match(fixed, /^name: Regsvcs Outbound Network Connection$/m);
    const diagnostics = await diagnosticsFor(broken);
    const d = diagnostics.find((x) => x.code === 'dw.schema.file-name')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const rename = actions.find((a) => /Rename the file/.test(a.title))?.edit?.documentChanges?.[0] as RenameFile;
    assert.strictEqual(rename.kind, 'rename');
    assert.strictEqual(rename.newUri, uriOf(path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_connection.yml')));
  });
});
