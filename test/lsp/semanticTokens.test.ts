import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SemanticTokensRequest } from 'vscode-languageserver-protocol';
import { EXAMPLES, LspTestClient } from './lspClient';

interface Tok { text: string; type: string; modifiers: string[] }

describe('language server over stdio: semantic tokens', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  async function tokens(file: string): Promise<Tok[]> {
    const text = fs.readFileSync(file, 'utf8');
    const uri = await client.open(file);
    const legend = client.initializeResult!.capabilities.semanticTokensProvider!.legend;
    const { data } = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
    const lines = text.split('\n');
    const out: Tok[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      out.push({
        text: lines[line].slice(char, char + data[i + 2]),
        type: legend.tokenTypes[data[i + 3]],
        modifiers: legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit)),
      });
    }
    return out;
  }

  it('classifies macros, commands, functions, fields and values inside a single-quoted search', async () => {
    const toks = await tokens(path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml'));
    const find = (text: string) => toks.find((t) => t.text === text);
    assert.deepStrictEqual(find('`sysmon`'), { text: '`sysmon`', type: 'macro', modifiers: [] });
    assert.strictEqual(find('stats')?.type, 'keyword');
    assert.strictEqual(find('lookup')?.type, 'keyword');
    assert.strictEqual(find('suspicious_network_tools')?.type, 'namespace');
    assert.strictEqual(find('dest_ip')?.type, 'variable');
    assert.strictEqual(find('10.0.0.0/8')?.type, 'string');
    assert.strictEqual(find('min')?.type, 'function');
    const filter = find('`regsvcs_outbound_network_connection_filter`');
    assert.deepStrictEqual(filter?.modifiers, ['defaultLibrary']);
  });

  it('marks data-model fields and unknown macros', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'powershell_encoded_command.yml');
    const toks = await tokens(file);
    assert.strictEqual(toks.find((t) => t.text === 'Processes.dest')?.type, 'property');
    assert.strictEqual(toks.find((t) => t.text === 'Endpoint.Processes')?.type, 'namespace');
    const text = fs.readFileSync(file, 'utf8').replace('`process_powershell`', '`process_powershel`');
    const uri = await client.open(file.replace('.yml', '_copy.yml'), text);
    const legend = client.initializeResult!.capabilities.semanticTokensProvider!.legend;
    const { data } = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
    const unknownBit = 1 << legend.tokenModifiers.indexOf('unknown');
    const macroType = legend.tokenTypes.indexOf('macro');
    const unknownMacros = [];
    for (let i = 0; i < data.length; i += 5) if (data[i + 3] === macroType && data[i + 4] & unknownBit) unknownMacros.push(i);
    assert.strictEqual(unknownMacros.length, 1);
  });
});
