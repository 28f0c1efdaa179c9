import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connectionFrom, hecFrom, replayIndex, SettingsError, SplunkSettings } from '../../../client/src/splunk/connectionSettings';

const base: SplunkSettings = { url: 'https://splunk.example.com:8089', verifyTls: true, caFile: '', app: '', index: '', hecUrl: '' };

describe('client: Splunk settings and tokens', () => {
  it('builds the connection from settings and the stored token', () => {
    const c = connectionFrom({ ...base, app: 'DA-ESS-ContentUpdate' }, 'tok');
    assert.deepStrictEqual(c, { url: 'https://splunk.example.com:8089', token: 'tok', verifyTls: true, caPem: undefined, app: 'DA-ESS-ContentUpdate' });
  });

  it('names the command or setting that fixes what is missing', () => {
    assert.throws(() => connectionFrom(base, undefined), (e: Error) => e instanceof SettingsError && /Set Splunk Token/.test(e.message));
    assert.throws(() => connectionFrom({ ...base, url: '' }, 'tok'), /set detectionWorkbench\.splunk\.url \(e\.g\. https:\/\/splunk\.example\.com:8089\)/);
    assert.throws(() => connectionFrom({ ...base, url: 'https://u:p@h:8089' }, 'tok'), /must not contain a user name or password/);
    assert.throws(() => hecFrom(base, connectionFrom(base, 'tok'), undefined), /Set HEC Token/);
    assert.throws(() => replayIndex(base), /set detectionWorkbench\.splunk\.index/);
  });

  it('defaults HEC to the management host on port 8088 and shares the TLS choice', () => {
    const conn = connectionFrom({ ...base, verifyTls: false }, 'tok');
    assert.deepStrictEqual(hecFrom(base, conn, 'hec'), { url: 'https://splunk.example.com:8088', token: 'hec', verifyTls: false, caPem: undefined });
    assert.strictEqual(hecFrom({ ...base, hecUrl: 'https://hec.example.com:443' }, conn, 'hec').url, 'https://hec.example.com:443');
  });

  it('reads a CA file relative to the workspace and refuses one without a certificate', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-ca-'));
    try {
      fs.writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      fs.writeFileSync(path.join(dir, 'not.pem'), 'hello');
      assert.match(connectionFrom({ ...base, caFile: 'ca.pem' }, 'tok', dir).caPem ?? '', /BEGIN CERTIFICATE/);
      assert.throws(() => connectionFrom({ ...base, caFile: 'not.pem' }, 'tok', dir), /holds no PEM certificate/);
      assert.throws(() => connectionFrom({ ...base, caFile: 'missing.pem' }, 'tok', dir), /cannot be read; fix the path/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares the settings in package.json with machine scope and no token setting', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties;
    for (const k of ['url', 'verifyTls', 'caFile', 'app', 'index', 'hecUrl']) {
      assert.strictEqual(props[`detectionWorkbench.splunk.${k}`]?.scope, 'machine', k);
    }
    assert.strictEqual(props['detectionWorkbench.splunk.verifyTls'].default, true);
    assert.ok(!Object.keys(props).some((k) => /token/i.test(k)), 'tokens are secrets, not settings');
    const cmds = pkg.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(cmds.includes('detectionWorkbench.setSplunkToken') && cmds.includes('detectionWorkbench.setHecToken'));
  });
});
