// The ATT&CK snapshot shipped with the extension: compaction from a STIX bundle (a tiny fixture),
// reading it back, the generator script, the committed snapshot, and the AttackSource fallback.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { attackAbout, attackIndexFromData, attackIndexFromStix, type AttackIndex } from '../../../server/src/schema/attack';
import {
  attackDataFromSnapshot, type AttackSnapshot, bundledSnapshotPath, loadBundledAttackSnapshot, MITRE_ATTRIBUTION, snapshotFromStix, SNAPSHOT_FORMAT,
} from '../../../server/src/schema/attackSnapshot';
import { AttackSource } from '../../../server/src/schema/attackSource';
import { FIXTURES } from './helpers';

const TINY = path.join(FIXTURES, 'attack-stix-tiny.json');
const REPO = path.join(__dirname, '..', '..', '..');
const bundle = () => JSON.parse(fs.readFileSync(TINY, 'utf8')) as { objects: Record<string, unknown>[] };

function all(index: AttackIndex) {
  return [...index.ids()].sort().map((id) => index.get(id));
}

describe('schema/attackSnapshot', () => {
  it('compacts a STIX bundle: live objects, tactics, flags, parents, replacements, the collection version', () => {
    const snap = snapshotFromStix(bundle(), { source: 'tiny fixture' }) as AttackSnapshot;
    assert.deepStrictEqual(snap, {
      format: SNAPSHOT_FORMAT,
      attackVersion: '99.2',
      source: 'tiny fixture',
      attribution: MITRE_ATTRIBUTION,
      tactics: { 'command-and-control': { id: 'TA0011', name: 'Command and Control' }, 'defense-evasion': { id: 'TA0005', name: 'Defense Evasion' } },
      techniques: {
        T1064: ['Scripting', ['defense-evasion', 'execution'], 2],
        T1100: ['Old Proxy', [], 1, '', 'T1218.009'],
        T1105: ['Ingress Tool Transfer', ['command-and-control'], 0],
        T1218: ['System Binary Proxy Execution', ['defense-evasion'], 0],
        'T1218.009': ['Regsvcs/Regasm', ['defense-evasion'], 0, 'T1218'],
      },
    });
    assert.deepStrictEqual(Object.keys(snap.techniques), ['T1064', 'T1100', 'T1105', 'T1218', 'T1218.009'], 'ids in numeric order');
  });

  it('reads back to the same index as the STIX bundle', () => {
    const snap = snapshotFromStix(bundle(), { source: 'tiny' }) as AttackSnapshot;
    const fromSnap = attackIndexFromData(attackDataFromSnapshot(JSON.parse(JSON.stringify(snap)))!, 'bundled snapshot');
    const fromStix = attackIndexFromStix(bundle());
    assert.deepStrictEqual(all(fromSnap), all(fromStix));
    assert.strictEqual(fromSnap.version, '99.2');
    assert.strictEqual(fromStix.version, '99.2');
    assert.strictEqual(fromSnap.tacticName('command-and-control'), 'Command and Control');
    assert.strictEqual(fromSnap.tacticName('execution'), 'Execution', 'a tactic the data does not name is title-cased');
    assert.strictEqual(attackAbout(fromSnap), 'ATT&CK v99.2 (bundled snapshot)');
    assert.strictEqual(attackAbout(attackIndexFromStix({ objects: [] })), undefined);
  });

  it('says what is wrong instead of writing a bad snapshot', () => {
    assert.deepStrictEqual(snapshotFromStix({ objects: [] }, { source: 's' }), { error: 'the file holds no ATT&CK techniques (attack-pattern objects with a mitre-attack id)' });
    const noVersion = { objects: bundle().objects.filter((o) => o.type !== 'x-mitre-collection') };
    assert.match((snapshotFromStix(noVersion, { source: 's' }) as { error: string }).error, /pass --attack-version/);
    assert.strictEqual((snapshotFromStix(noVersion, { source: 's', attackVersion: '18.1' }) as AttackSnapshot).attackVersion, '18.1');
    assert.match((snapshotFromStix(bundle(), { source: 's', attackVersion: '18.1' }) as { error: string }).error, /contradicts the bundle's x-mitre-collection version 99\.2/);
  });

  it('never throws on a malformed snapshot', () => {
    assert.strictEqual(attackDataFromSnapshot(null), undefined);
    assert.strictEqual(attackDataFromSnapshot({ format: 'other', techniques: {} }), undefined);
    const d = attackDataFromSnapshot({ format: SNAPSHOT_FORMAT, techniques: { T1: ['ok', ['x', 3], 0], T2: 'bad', T3: [1, []] }, tactics: { a: null } })!;
    assert.deepStrictEqual(d.techniques, [{ id: 'T1', name: 'ok', tactics: ['x'], revoked: false, deprecated: false }]);
    assert.strictEqual(loadBundledAttackSnapshot(path.join(FIXTURES, 'attack-mini.json')), undefined, 'a STIX bundle is not a snapshot');
  });

  it('the generator script writes the same snapshot, one technique per line', function () {
    this.timeout(20000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-snap-'));
    try {
      const out = path.join(dir, 'snap.json');
      const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'attack', 'snapshot.mjs'), TINY, out, '--source', 'tiny fixture'], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /ATT&CK v99\.2, 5 techniques \(1 sub-techniques, 1 revoked, 1 deprecated\), 2 tactics/);
      const text = fs.readFileSync(out, 'utf8');
      assert.deepStrictEqual(JSON.parse(text), snapshotFromStix(bundle(), { source: 'tiny fixture' }));
      assert.match(text, /\n {4}"T1218\.009": \["Regsvcs\/Regasm",\["defense-evasion"\],0,"T1218"\],?\n/);
      const bad = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'attack', 'snapshot.mjs'), TINY], { encoding: 'utf8' });
      assert.strictEqual(bad.status, 2);
      assert.match(bad.stderr, /expected an input bundle and an output file\nusage:/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the committed snapshot names T1218.009 and its tactic, with the ATT&CK version and attribution', () => {
    const file = bundledSnapshotPath()!;
    assert.strictEqual(file, path.join(REPO, 'server', 'data', 'attack', 'enterprise-attack-snapshot.json'));
    assert.ok(fs.statSync(file).size < 300 * 1024, 'a few hundred KB at most');
    assert.ok(fs.existsSync(path.join(path.dirname(file), 'LICENSE.txt')), "MITRE's terms of use next to it");
    const index = loadBundledAttackSnapshot()!;
    const t = index.get('T1218.009')!;
    assert.strictEqual(`${t.id} · ${t.name} · ${t.tactics.map((x) => index.tacticName(x)).join(', ')}`, 'T1218.009 · Regsvcs/Regasm · Defense Evasion');
    assert.strictEqual(t.parent, 'T1218');
    assert.strictEqual(index.version, '18.1');
    assert.strictEqual(index.origin, 'bundled snapshot');
    assert.ok(index.size > 800, `${index.size} techniques`);
    assert.match(JSON.parse(fs.readFileSync(file, 'utf8')).attribution, /The MITRE Corporation/);
  });
});

describe('schema/attackSource: the bundled snapshot', () => {
  const snapshot = attackIndexFromStix(bundle(), 'bundled snapshot');
  const settings = { file: '', download: false, url: 'http://127.0.0.1:9/never' };

  it('answers with no settings', () => {
    const src = new AttackSource(undefined, undefined, () => snapshot);
    assert.strictEqual(src.get(settings), snapshot);
    assert.strictEqual(src.reason, undefined);
  });

  it('a configured file wins; an unreadable one says so instead of falling back', () => {
    const src = new AttackSource(undefined, undefined, () => snapshot);
    assert.strictEqual(src.get({ ...settings, file: TINY })?.get('T1218.009')?.name, 'Regsvcs/Regasm');
    assert.notStrictEqual(src.get({ ...settings, file: TINY }), snapshot);
    assert.strictEqual(src.get({ ...settings, file: path.join(FIXTURES, 'missing.json') }), undefined);
    assert.match(src.reason ?? '', /missing\.json could not be read/);
  });

  it('answers while a download runs and after it fails', async () => {
    const logs: string[] = [];
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-cache-'));
    try {
      const src = new AttackSource((m) => logs.push(m), undefined, () => snapshot);
      assert.strictEqual(src.get({ ...settings, download: true, cacheDir }), snapshot);
      await src.settled();
      assert.strictEqual(src.get({ ...settings, download: true, cacheDir }), snapshot);
      assert.strictEqual(src.reason, undefined);
      assert.match(logs.join('\n'), /downloading http:\/\/127\.0\.0\.1:9\/never failed: .*; using the bundled ATT&CK snapshot/);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('without a snapshot, says how to get names', () => {
    const src = new AttackSource(undefined, undefined, () => undefined);
    assert.strictEqual(src.get(settings), undefined);
    assert.match(src.reason ?? '', /detectionWorkbench\.attack\.file/);
  });
});
