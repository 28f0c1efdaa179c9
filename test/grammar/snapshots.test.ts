// Snapshot tests: every fixture in test/grammar/fixtures is tokenized (YAML files with VS Code's
// real YAML grammar + our injection, .spl files with source.spl) and compared with
// test/grammar/snapshots/<fixture>.snap. Update with DW_UPDATE_SNAPSHOTS=1.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, hostModule, sharedHost } from './grammar-host';

const snapshotsDir = join(__dirname, 'snapshots');
const update = process.env.DW_UPDATE_SNAPSHOTS === '1';
const fixtures = readdirSync(fixturesDir).filter((f) => /\.(ya?ml|spl)$/.test(f)).sort();

function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return `line ${i + 1}:\n  expected: ${e[i] ?? '<end>'}\n  actual:   ${a[i] ?? '<end>'}`;
  }
  return 'no difference';
}

describe('grammar snapshots', function () {
  this.timeout(20000);
  before(async () => { await sharedHost(); });

  it('has fixtures for SPL files and YAML files', () => {
    assert.ok(fixtures.some((f) => f.endsWith('.spl')));
    assert.ok(fixtures.filter((f) => f.endsWith('.yml')).length >= 4);
  });

  for (const fixture of fixtures) {
    it(`${fixture} matches its snapshot`, async () => {
      const host = await sharedHost();
      const { formatSnapshot } = await hostModule();
      const scope = fixture.endsWith('.spl') ? 'source.spl' : 'source.yaml';
      const actual = formatSnapshot(host.tokenize(readFileSync(join(fixturesDir, fixture), 'utf8'), scope));
      const snapshotPath = join(snapshotsDir, `${fixture}.snap`);
      if (update) {
        mkdirSync(snapshotsDir, { recursive: true });
        writeFileSync(snapshotPath, actual);
        return;
      }
      assert.ok(existsSync(snapshotPath), `missing snapshot ${snapshotPath}: run with DW_UPDATE_SNAPSHOTS=1`);
      const expected = readFileSync(snapshotPath, 'utf8');
      assert.ok(expected === actual, `${fixture} differs from its snapshot (DW_UPDATE_SNAPSHOTS=1 to accept) at ${firstDifference(expected, actual)}`);
    });
  }
});
