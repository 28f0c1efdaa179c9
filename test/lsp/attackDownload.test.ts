import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { HoverRequest, MarkupContent } from 'vscode-languageserver-protocol';
import { positionOf } from './definition.test';
import { EXAMPLES, LspTestClient, REPO_ROOT } from './lspClient';

const FIXTURE = path.join(REPO_ROOT, 'test', 'unit', 'schema', 'fixtures', 'attack-mini.json');
const DETECTION = path.join(EXAMPLES, 'detections', 'endpoint', 'attack_hover.yml');
const TEXT = 'name: Attack Hover\ntags:\n  mitre_attack_id:\n  - T1218.011\n';

describe('language server over stdio: ATT&CK names out of the box', function () {
  this.timeout(30000);
  it('with no settings, the hover on T1218.009 names the technique, its tactic and the ATT&CK version', async () => {
    const client = await LspTestClient.start(EXAMPLES, {});
    try {
      const text = 'name: Regsvcs Hover\ntags:\n  mitre_attack_id:\n  - T1218.009\n';
      const uri = await client.open(DETECTION, text);
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'T1218.009', 2) });
      assert.strictEqual((h?.contents as MarkupContent | undefined)?.value, '**T1218.009 · Regsvcs/Regasm · Defense Evasion**\n\n_ATT&CK v18.1 (bundled snapshot)_');
    } finally {
      await client.stop();
    }
  });
});

describe('language server over stdio: ATT&CK data downloaded on first use', function () {
  this.timeout(30000);
  let server: http.Server;
  let url: string;
  let requests = 0;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-storage-'));

  before(async () => {
    server = http.createServer((req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fs.readFileSync(FIXTURE));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/enterprise-attack.json`;
  });
  after(() => server.close());

  async function hoverWith(settings: Record<string, unknown>, until: RegExp): Promise<string> {
    const client = await LspTestClient.start(EXAMPLES, settings, { storagePath: storage });
    try {
      await client.connection.sendRequest('detectionWorkbench/status');
      const uri = await client.open(DETECTION, TEXT);
      const deadline = Date.now() + 15000;
      for (;;) {
        const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(TEXT, 'T1218.011', 2) });
        const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
        if (until.test(value) || Date.now() > deadline) return value;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await client.stop();
    }
  }

  it('answers from the bundled snapshot when downloading is not allowed', async () => {
    const value = await hoverWith({ attack: { download: false, url } }, /Rundll32/);
    assert.strictEqual(value, '**T1218.011 · Rundll32 · Defense Evasion**\n\n_ATT&CK v18.1 (bundled snapshot)_');
    assert.strictEqual(requests, 0);
  });

  it('downloads the bundle once when allowed, then uses the cached copy', async () => {
    // The snapshot answers until the download is in; the downloaded fixture says no version.
    const downloaded = /^\*\*T1218\.011 · Rundll32 · Defense Evasion\*\*$/;
    assert.strictEqual(await hoverWith({ attack: { download: true, url } }, downloaded), '**T1218.011 · Rundll32 · Defense Evasion**');
    assert.strictEqual(requests, 1);
    assert.ok(fs.existsSync(path.join(storage, 'enterprise-attack.json')));
    assert.strictEqual(await hoverWith({ attack: { download: true, url } }, downloaded), '**T1218.011 · Rundll32 · Defense Evasion**');
    assert.strictEqual(requests, 1, 'the second server start reads the cache');
  });
});
