import * as assert from 'assert';
import * as path from 'path';
import { CompletionRequest, HoverRequest, SemanticTokensRequest } from 'vscode-languageserver-protocol';
import { EXAMPLES, LspTestClient } from './lspClient';

const dir = path.join(EXAMPLES, 'detections', 'endpoint');

/** A realistic detection repeated until the file is about 5 MB. */
function hugeDetection(): string {
  const head = "name: Huge\nid: 0f6c2a8e-9b1d-4c3e-a5f7-8d9e0a1b2c99\nsearch: '`sysmon` EventID=1 | stats count by dest'\nreferences:\n";
  const line = '- https://example.com/' + 'x'.repeat(80) + '\n';
  return head + line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
}

const BROKEN: Record<string, string> = {
  'truncated.yml': "name: Truncated\nsearch: '`sysmon` EventID=1 | stats count by",
  'binary.yml': Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x41, 0x0a, 0x00]).toString('latin1'),
  'tabs.yml': 'name: Tabs\n\tsearch: index=main\ntags:\n\tasset_type: Endpoint\n',
  'duplicate_keys.yml': "name: Dup\nsearch: 'index=a'\nsearch: 'index=b | statz'\nname: Dup2\n",
  'not_a_mapping.yml': '- just\n- a list\n',
  'empty.yml': '',
  'deep.yml': 'a: '.repeat(2000) + 'x\n',
  'huge.yml': hugeDetection(),
};

describe('language server over stdio: broken input never stops the server', function () {
  this.timeout(60000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  for (const [name, text] of Object.entries(BROKEN)) {
    it(`answers for ${name} and stays up`, async () => {
      const file = path.join(dir, name);
      const uri = await client.open(file, text);
      const started = Date.now();
      const published = await client.waitForDiagnostics(uri, 30000);
      assert.ok(Array.isArray(published.diagnostics));
      const position = { line: 1, character: 3 };
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
      await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
      assert.ok(await client.connection.sendRequest('detectionWorkbench/status'));
      assert.ok(Date.now() - started < 30000);
      if (name !== 'empty.yml' && name !== 'huge.yml') assert.ok(published.diagnostics.length > 0, `${name} gets at least one diagnostic`);
    });
  }
});
