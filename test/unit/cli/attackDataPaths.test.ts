// A detection's attack_data URLs are untrusted: they must not reach files outside the folder.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './cliHarness';

describe('cli: attack_data paths from a detection stay inside the attack_data folder', function () {
  this.timeout(30000);
  it('refuses a data URL that climbs out with ..', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-escape-'));
    try {
      const det = path.join(dir, 'detections', 'x.yml');
      fs.mkdirSync(path.dirname(det), { recursive: true });
      fs.mkdirSync(path.join(dir, 'attack_data'));
      fs.writeFileSync(path.join(dir, 'secret.txt'), 'password=hunter2\n');
      fs.writeFileSync(det, [
        'name: X',
        "search: 'index=main | stats count'",
        'tests:',
        '- attack_data:',
        '  - data: https://media.githubusercontent.com/media/splunk/attack_data/master/../secret.txt',
        '    sourcetype: st',
      ].join('\n') + '\n');
      const r = await cli(['run', det, '--attack-data', path.join(dir, 'attack_data'), '--format', 'json']);
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /points outside the attack_data folder/);
      assert.ok(!r.out.includes('hunter2'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
