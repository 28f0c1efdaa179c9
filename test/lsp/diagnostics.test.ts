import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { positionOf } from './definition.test';
import { EXAMPLES, LspTestClient } from './lspClient';

describe('language server over stdio: SPL diagnostics', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  const detection = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');

  it('publishes no SPL problems for a clean example', async () => {
    const uri = await client.open(detection);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    assert.deepStrictEqual(diagnostics.filter((d) => String(d.code).startsWith('dw.spl')), []);
  });

  it('underlines an unknown macro inside a folded single-quoted search exactly, with suggestions', async () => {
    const text = fs.readFileSync(detection, 'utf8').replace('`security_content_ctime(lastTime)`', '`security_content_ctim(lastTime)`');
    const file = detection.replace('.yml', '_broken.yml');
    const uri = await client.open(file, text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    // The SPL check and the schema check both see it; one diagnostic is published.
    const found = diagnostics.filter((x) => x.code === 'dw.spl.unknown-macro' || x.code === 'dw.schema.unknown-macro');
    assert.strictEqual(found.length, 1, JSON.stringify(diagnostics));
    const d = found[0];
    assert.deepStrictEqual(d.range, {
      start: positionOf(text, 'security_content_ctim(', 0),
      end: positionOf(text, 'security_content_ctim(', 'security_content_ctim'.length),
    });
    assert.match(String(d.message), /did you mean .security_content_ctime/);
  });

  it('reports an unknown command with the closest suggestion, in a .spl file', async () => {
    const text = '`sysmon` EventID=1 | statz count by dest';
    const uri = await client.open(path.join(EXAMPLES, 'searches', 'typo.spl'), text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const d = diagnostics.find((x) => x.code === 'dw.spl.unknown-command');
    assert.ok(d);
    assert.deepStrictEqual(d.range, { start: { line: 0, character: 21 }, end: { line: 0, character: 26 } });
    assert.match(String(d.message), /did you mean "stats"/);
  });

  it('reports an unbalanced quote and keeps checking after the next pipe', async () => {
    const text = 'index=main process="cmd.exe | statz count';
    const uri = await client.open(path.join(EXAMPLES, 'searches', 'unbalanced.spl'), text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    assert.ok(diagnostics.some((d) => /quote/i.test(String(d.message))), JSON.stringify(diagnostics));
  });
});
