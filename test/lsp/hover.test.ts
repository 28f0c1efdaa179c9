import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HoverRequest, MarkupContent } from 'vscode-languageserver-protocol';
import { positionOf } from './definition.test';
import { EXAMPLES, LspTestClient, uriOf } from './lspClient';

describe('language server over stdio: hovers', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  async function hover(file: string, needle: string, delta = 2, text?: string) {
    const content = text ?? fs.readFileSync(file, 'utf8');
    const uri = await client.open(file, content);
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(content, needle, delta) });
    return { value: (h?.contents as MarkupContent | undefined)?.value ?? '', range: h?.range, content };
  }

  it('expands a macro with arguments, recursively, and links to its definition', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    const { value, range, content } = await hover(file, '`security_content_ctime(firstTime)`');
    assert.match(value, /convert timeformat="%Y-%m-%dT%H:%M:%S" ctime\(firstTime\)/);
    assert.ok(value.includes(`${uriOf(path.join(EXAMPLES, 'macros', 'security_content_ctime.yml'))}#L3`));
    assert.deepStrictEqual(range, {
      start: positionOf(content, '`security_content_ctime(firstTime)`', 0),
      end: positionOf(content, '`security_content_ctime(firstTime)`', '`security_content_ctime(firstTime)`'.length),
    });
  });

  it('shows the full expansion of nested macros', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'powershell_encoded_command.yml');
    const { value } = await hover(file, '`security_content_summariesonly`');
    assert.match(value, /`summariesonly_config` `allow_old_summaries_config` `fillnull_config`/);
    assert.match(value, /Fully expanded:\n```spl\nsummariesonly=false allow_old_summaries=true fillnull_value=null\n```/);
  });

  it('says a filter macro and drop_dm_object_name are built-ins', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'powershell_encoded_command.yml');
    assert.match((await hover(file, '`powershell_encoded_command_filter`')).value, /built-in: a detection's filter macro/);
    const dm = await hover(file, '`drop_dm_object_name(Processes)`');
    assert.match(dm.value, /Splunk_SA_CIM/);
    assert.match(dm.value, /rename Processes\.\* AS \*/);
  });

  it('reports cycles in a hover instead of hanging', async () => {
    const dir = path.join(EXAMPLES, 'macros');
    const a = path.join(dir, 'cycle_a.yml');
    await client.open(a, 'name: cycle_a\ndefinition: \'`cycle_b`\'\n');
    await client.open(path.join(dir, 'cycle_b.yml'), 'name: cycle_b\ndefinition: \'index=x `cycle_a`\'\n');
    const spl = path.join(EXAMPLES, 'searches', 'cycle.spl');
    const { value } = await hover(spl, '`cycle_a`', 2, '`cycle_a` | stats count');
    assert.match(value, /cycle/i);
  });

  it('hovers a macro in a .spl file', async () => {
    const { value } = await hover(path.join(EXAMPLES, 'searches', 'regsvcs_hunt.spl'), '`sysmon`');
    assert.match(value, /XmlWinEventLog:Microsoft-Windows-Sysmon\/Operational/);
  });
});
