import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DefinitionRequest, LocationLink } from 'vscode-languageserver-protocol';
import { EXAMPLES, LspTestClient, uriOf } from './lspClient';

const DETECTION = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');

/** The LSP position of the n-th occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 1, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('language server over stdio: go to definition', () => {
  let client: LspTestClient;
  let uri: string;
  let text: string;
  before(async () => {
    client = await LspTestClient.start();
    assert.strictEqual((await client.connection.sendRequest('detectionWorkbench/status') as { detections: number }).detections, 3);
    text = fs.readFileSync(DETECTION, 'utf8');
    uri = await client.open(DETECTION);
  });
  after(async () => client?.stop());

  async function definition(needle: string, delta = 1): Promise<LocationLink[]> {
    return (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, needle, delta),
    })) as LocationLink[];
  }

  it('goes from a macro call in a single-quoted search to the macro file', async () => {
    const [link] = await definition('`sysmon`', 2);
    assert.strictEqual(link.targetUri, uriOf(path.join(EXAMPLES, 'macros', 'sysmon.yml')));
    assert.strictEqual(link.targetRange.start.line, 0);
    assert.deepStrictEqual(link.originSelectionRange, {
      start: positionOf(text, '`sysmon`', 0),
      end: positionOf(text, '`sysmon`', '`sysmon`'.length),
    });
  });

  it('goes from a macro with arguments on a folded line to its definition line', async () => {
    const [link] = await definition('`security_content_ctime(firstTime)`', 3);
    assert.strictEqual(link.targetUri, uriOf(path.join(EXAMPLES, 'macros', 'security_content_ctime.yml')));
    assert.strictEqual(link.targetRange.start.line, 2);
  });

  it('goes from `lookup NAME` to the lookup definition', async () => {
    const [link] = await definition('suspicious_network_tools', 3);
    assert.strictEqual(link.targetUri, uriOf(path.join(EXAMPLES, 'lookups', 'suspicious_network_tools.yml')));
  });

  it('goes from an analytic_story entry and a data_source entry to their files', async () => {
    const [story] = await definition('- Living Off The Land', 4);
    assert.strictEqual(story.targetUri, uriOf(path.join(EXAMPLES, 'stories', 'living_off_the_land.yml')));
    const [ds] = await definition('- Sysmon EventID 3', 4);
    assert.strictEqual(ds.targetUri, uriOf(path.join(EXAMPLES, 'data_sources', 'sysmon_eventid_3.yml')));
  });

  it('answers nothing for plain text', async () => {
    assert.deepStrictEqual(await definition('author:', 1), []);
  });
});
