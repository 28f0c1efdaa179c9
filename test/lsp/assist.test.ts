import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  CompletionList,
  CompletionRequest,
  HoverRequest,
  MarkupContent,
  SignatureHelpRequest,
} from 'vscode-languageserver-protocol';
import { positionOf } from './definition.test';
import { EXAMPLES, LspTestClient, REPO_ROOT } from './lspClient';

const ATTACK_FIXTURE = path.join(REPO_ROOT, 'test', 'unit', 'schema', 'fixtures', 'attack-mini.json');

describe('language server over stdio: completion, signature help, docs and YAML hovers', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start(EXAMPLES, { attack: { file: ATTACK_FIXTURE } });
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  async function complete(file: string, text: string, needle: string, delta: number): Promise<string[]> {
    const uri = await client.open(file, text);
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, needle, delta),
    })) as CompletionList;
    return list.items.map((i) => i.label);
  }

  it('completes commands after a pipe in a .spl file', async () => {
    const labels = await complete(path.join(EXAMPLES, 'searches', 'c1.spl'), '`sysmon` | sta', '| sta', 5);
    assert.ok(labels.includes('stats') && labels.includes('tstats'), labels.slice(0, 20).join());
  });

  it('completes macro names inside backticks, with the repository macros', async () => {
    const labels = await complete(path.join(EXAMPLES, 'searches', 'c2.spl'), '`secu', '`secu', 5);
    assert.ok(labels.includes('security_content_ctime'));
    assert.ok(labels.includes('drop_dm_object_name'));
  });

  it('completes data-model fields in a tstats where clause', async () => {
    const text = '| tstats count from datamodel=Endpoint.Processes where Processes.proc';
    const labels = await complete(path.join(EXAMPLES, 'searches', 'c3.spl'), text, 'Processes.proc', 14);
    assert.ok(labels.includes('Processes.process_name'), labels.join());
  });

  it('completes YAML keys (required first) and enum values in a detection', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'new_detection.yml');
    const keys = await complete(file, 'name: New Detection\nst', '\nst', 3);
    assert.ok(keys.includes('status'));
    assert.ok(!keys.includes('name'), 'keys already present are not offered');
    const values = await complete(file, 'name: New Detection\ntype: ', 'type: ', 6);
    assert.ok(values.includes('TTP') && values.includes('Anomaly'), values.join());
  });

  it('offers signature help inside an eval function call', async () => {
    const text = '| eval x=if(a>1, ';
    const uri = await client.open(path.join(EXAMPLES, 'searches', 'c4.spl'), text);
    const help = await client.connection.sendRequest(SignatureHelpRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: text.length },
    });
    assert.match(help!.signatures[0].label, /^if\(/);
    assert.strictEqual(help!.activeParameter, 1);
  });

  async function hover(file: string, text: string, needle: string, delta: number): Promise<string> {
    const uri = await client.open(file, text);
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle, delta) });
    return (h?.contents as MarkupContent | undefined)?.value ?? '';
  }

  it('documents commands and functions on hover', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(await hover(file, text, '| stats', 3), /stats/);
    assert.match(await hover(file, text, 'min(_time)', 1), /min/);
  });

  it('describes a YAML key and names an ATT&CK technique from the configured bundle', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'rundll32_example.yml');
    const text = 'name: Rundll32 Example\ntags:\n  mitre_attack_id:\n  - T1218.011\n  - T1214\n  asset_type: Endpoint\n';
    assert.match(await hover(file, text, 'asset_type', 2), /asset_type/);
    assert.strictEqual(await hover(file, text, 'T1218.011', 2), '**T1218.011 · Rundll32 · Defense Evasion**');
    assert.match(await hover(file, text, 'T1214', 2), /revoked/);
  });
});
