import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, EXAMPLES } from './cliHarness';

/** A copy of examples/ to break things in. */
function copyExamples(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-check-'));
  fs.cpSync(EXAMPLES, dir, { recursive: true });
  return dir;
}

describe('cli: check', function () {
  this.timeout(60000);

  it('passes the clean examples with exit 0 and a summary', async () => {
    const r = await cli(['check', EXAMPLES]);
    assert.strictEqual(r.code, 0, r.out);
    assert.match(r.out, /^17 file\(s\) checked in [\d.]+ s: 0 error\(s\), 0 warning\(s\), 0 information$/m);
  });

  it('reports errors as file:line:col: severity code message and exits 1', async () => {
    const dir = copyExamples();
    const file = path.join(dir, 'detections', 'endpoint', 'powershell_encoded_command.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('type: Anomaly', 'type: Anomally').replace('`process_powershell`', '`process_powershel`'));
    const r = await cli(['check'], dir);
    assert.strictEqual(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.ok(
      lines.includes('detections/endpoint/powershell_encoded_command.yml:7:7: error dw.schema.enum `type` must be one of TTP, Anomaly, Hunting, Correlation; did you mean `Anomaly`?'),
      r.out,
    );
    // The macro sits inside a folded single-quoted search: the position is that of its name.
    const text = fs.readFileSync(file, 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('`process_powershel`'));
    const column = text[line].indexOf('`process_powershel`') + 2;
    assert.ok(
      lines.includes(`detections/endpoint/powershell_encoded_command.yml:${line + 1}:${column}: error dw.schema.unknown-macro Unknown macro \`process_powershel\`; did you mean \`process_powershell\`?`),
      r.out,
    );
    assert.match(lines[lines.length - 1], /: 2 error\(s\), 0 warning\(s\), 0 information$/);
  });

  it('prints JSON with 1-based positions relative to the repository root, for one file', async () => {
    const dir = copyExamples();
    const file = path.join(dir, 'stories', 'aws_defense_evasion.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^id: .*$/m, 'id: not-a-uuid'));
    const r = await cli(['check', file, '--format', 'json']);
    assert.strictEqual(r.code, 1);
    const findings = JSON.parse(r.out);
    assert.deepStrictEqual(Object.keys(findings[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    const id = findings.find((f: { message: string }) => /not-a-uuid/.test(f.message) || /UUID/i.test(f.message));
    assert.ok(id, r.out);
    assert.deepStrictEqual([id.file, id.line, id.column, id.endLine, id.endColumn], ['stories/aws_defense_evasion.yml', 2, 5, 2, 15]);
    assert.ok(findings.every((f: { file: string }) => f.file === 'stories/aws_defense_evasion.yml'));
  });

  it('decides the generation per repository and honours --generation', async () => {
    const v5 = await cli(['check', EXAMPLES, '--generation', 'v5', '--format', 'json']);
    const codes = new Set(JSON.parse(v5.out).map((f: { code: string }) => f.code));
    assert.ok([...codes].some((c) => /rba|legacy/.test(String(c))), [...codes].join());
    assert.strictEqual(v5.code, 1);
  });

  it('never crashes on broken files', async () => {
    const dir = copyExamples();
    fs.writeFileSync(path.join(dir, 'macros', 'truncated.yml'), "name: truncated\ndefinition: 'index=main | stats");
    fs.writeFileSync(path.join(dir, 'macros', 'binary.yml'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x41]));
    fs.writeFileSync(path.join(dir, 'macros', 'tabs.yml'), 'name: tabs\n\tdefinition: x\n');
    const r = await cli(['check', dir, '--format', 'json']);
    assert.strictEqual(r.code, 1);
    const files = new Set(JSON.parse(r.out).map((f: { file: string }) => f.file));
    for (const f of ['macros/truncated.yml', 'macros/binary.yml', 'macros/tabs.yml']) assert.ok(files.has(f), f);
  });

  it('checks ATT&CK ids against the bundled snapshot when no --attack is given', async () => {
    const dir = copyExamples();
    const file = path.join(dir, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    // T1214 (Credentials in Registry) is revoked in ATT&CK; T1999 does not exist.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  - T1218.009', '  - T1214\n  - T1999'));
    const r = await cli(['check', '--format', 'json'], dir);
    const codes = (JSON.parse(r.out) as { code: string; file: string }[]).map((f) => `${f.file} ${f.code}`).sort();
    assert.deepStrictEqual(codes, [
      'detections/endpoint/regsvcs_outbound_network_connection.yml dw.schema.mitre-revoked',
      'detections/endpoint/regsvcs_outbound_network_connection.yml dw.schema.mitre-unknown',
    ]);
  });

  it('exits 2 on usage and I/O errors', async () => {
    assert.strictEqual((await cli(['check', path.join(os.tmpdir(), 'no-such-dir-dw')])).code, 2);
    assert.strictEqual((await cli(['check', os.tmpdir()])).code, 2);
    assert.strictEqual((await cli(['check', EXAMPLES, '--format', 'xml'])).code, 2);
    assert.strictEqual((await cli(['nonsense'])).code, 2);
  });
});
