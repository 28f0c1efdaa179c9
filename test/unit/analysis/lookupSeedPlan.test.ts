// Which baseline fills a lookup a run reads, and which CSVs the user's settings or flags name.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContentIndex } from '../../../server/src/content';
import type { DetectionEntry } from '../../../server/src/content/entries';
import { baselinesWriting, chooseBaseline, lookupsRead, lookupsWritten, planLookupSeeds } from '../../../server/src/analysis/lookupSeedPlan';
import { expandSearch } from '../../../server/src/analysis/runPlan';
import { detectionDependencies } from '../../../server/src/analysis/detectionDependencies';
import { parseSpl } from '../../../server/src/spl/parse';
import { lookupSourcesOf, normalizeSettings } from '../../../server/src/lsp/settings';

const ROOT = path.resolve(__dirname, '../cli/fixtures/kvstore_repo');

function baseline(name: string, search: string, extra: Partial<DetectionEntry> = {}): DetectionEntry {
  return { kind: 'baseline', name, search, file: path.join(ROOT, 'baselines', `${name}.yml`), root: ROOT, offset: 0, line: 0, dataSources: [], stories: [], ...extra };
}

describe('lookup seeds: baseline selection', () => {
  const index = new ContentIndex();
  index.buildSync([ROOT]);
  const expand = (s: string) => expandSearch(s, index).text;

  it('indexes baselines with the detections they feed, and lookups with their collection', () => {
    const b = index.baselines.first('Previously Seen Login Failures - Initial');
    assert.deepStrictEqual(b?.detections, ['Login After Repeated Failures']);
    assert.strictEqual(index.lookup('previously_seen_login_failures')?.collection, 'previously_seen_login_failures');
  });

  it('lookups read (lookup, inputlookup, in subsearches too) and written (outputlookup, .csv dropped)', () => {
    assert.deepStrictEqual(lookupsRead(parseSpl('x | lookup a f | join u [| inputlookup append=t b.csv] | search [| inputlookup c] | outputlookup d')), ['a', 'b', 'c']);
    assert.deepStrictEqual(lookupsWritten('x | outputlookup append=t d.csv | stats count | outputlookup e'), ['d', 'e']);
  });

  it('finds the baselines that write a table', () => {
    assert.deepStrictEqual(baselinesWriting(index, 'previously_seen_login_failures').map((b) => b.name).sort(), ['Previously Seen Login Failures - Initial', 'Previously Seen Login Failures - Update']);
    assert.deepStrictEqual(baselinesWriting(index, 'nothing_writes_this'), []);
  });

  it('prefers: not deprecated, then naming the detection, then not reading the table itself, then by name', () => {
    const initial = baseline('B Initial', 'x | outputlookup t');
    const update = baseline('A Update', '| inputlookup t | outputlookup t');
    assert.strictEqual(chooseBaseline([update, initial], 't')?.name, 'B Initial');
    const named = baseline('C Update', '| inputlookup t | outputlookup t', { detections: ['My Detection'] });
    assert.strictEqual(chooseBaseline([initial, named], 't', 'My Detection')?.name, 'C Update');
    const old = baseline('A Old', 'x | outputlookup t', { status: 'deprecated', detections: ['My Detection'] });
    assert.strictEqual(chooseBaseline([old, initial], 't', 'My Detection')?.name, 'B Initial');
    assert.strictEqual(chooseBaseline([baseline('Z', 'x | outputlookup t'), baseline('Y', 'x | outputlookup t')], 't')?.name, 'Y');
  });

  it('plans the Initial baseline for the detection\'s collection, with its macros expanded', () => {
    const seeds = planLookupSeeds(parseSpl(expand('`demo_logins` | lookup previously_seen_login_failures user OUTPUT failures')), index, { expand, detectionName: 'Login After Repeated Failures' });
    assert.deepStrictEqual(seeds, [{
      name: 'previously_seen_login_failures',
      kind: 'kv',
      baseline: {
        name: 'Previously Seen Login Failures - Initial',
        file: 'baselines/previously_seen_login_failures___initial.yml',
        target: 'previously_seen_login_failures',
        search: 'sourcetype=demo:logins action=failure | stats count as failures latest(_time) as lastFailure by user | outputlookup previously_seen_login_failures | stats count',
        problem: undefined,
      },
    }]);
  });

  it('a baseline whose macros do not expand is planned with the reason', () => {
    const [seed] = planLookupSeeds(parseSpl('| inputlookup blocked_hosts'), index, { expand });
    assert.strictEqual(seed.baseline?.search, undefined);
    assert.match(seed.baseline?.problem ?? '', /^its macros do not expand: .*no_such_macro/);
  });

  it('no seed for a lookup nothing fills', () => {
    assert.deepStrictEqual(planLookupSeeds(parseSpl('| inputlookup approved_admins'), index, { expand }), []);
  });

  it('settings: relative to the workspace folder and confined to the opened folders; flags: not confined', () => {
    const settings = { collections: { approved_admins: 'approved_admins.csv' }, esAssetsCsv: '/etc/hosts', baseDir: ROOT, confineTo: [ROOT], origin: 'setting' as const };
    const seeds = planLookupSeeds(parseSpl('| inputlookup approved_admins | lookup asset_lookup_by_str asset AS host'), index, { expand, sources: settings });
    assert.deepStrictEqual(seeds.find((s) => s.name === 'approved_admins'), { name: 'approved_admins', kind: 'kv', csv: { path: path.join(ROOT, 'approved_admins.csv'), origin: 'detectionWorkbench.lookups.collections["approved_admins"]' } });
    const assets = seeds.find((s) => s.name === 'asset_lookup_by_str');
    assert.strictEqual(assets?.csv, undefined);
    assert.strictEqual(assets?.csvProblem, `the CSV /etc/hosts named in detectionWorkbench.lookups.esAssetsCsv is refused: it is outside the opened folders (${ROOT}); put it inside the workspace`);
    const escape = planLookupSeeds(parseSpl('| inputlookup approved_admins'), index, { expand, sources: { ...settings, collections: { approved_admins: '../../../../../../etc/hosts' } } });
    assert.match(escape[0].csvProblem ?? '', /is refused: it is outside the opened folders/);
    const flags = planLookupSeeds(parseSpl('| inputlookup identity_lookup_expanded'), index, { expand, sources: { esIdentitiesCsv: 'ids.csv', baseDir: '/work', origin: 'flag' } });
    assert.deepStrictEqual(flags, [{ name: 'identity_lookup_expanded', kind: 'kv', csv: { path: '/work/ids.csv', origin: '--es-identities' } }]);
  });

  it('a collection mapped by its collection name applies to the lookup that stores it', () => {
    const seeds = planLookupSeeds(parseSpl('| inputlookup approved_admins'), index, { expand, sources: { collections: { approved_admins: 'a.csv' }, baseDir: '/w', origin: 'flag' } });
    assert.deepStrictEqual(seeds[0].csv, { path: '/w/a.csv', origin: '--collection approved_admins=…' });
  });

  it('a detection depends on the baselines that fill its lookups, and on their macros (test --changed-since)', () => {
    const deps = detectionDependencies(path.join(ROOT, 'detections', 'application', 'login_after_repeated_failures.yml'), index).map((f) => path.relative(ROOT, f)).sort();
    assert.deepStrictEqual(deps, [
      'baselines/previously_seen_login_failures___initial.yml',
      'baselines/previously_seen_login_failures___update.yml',
      'detections/application/login_after_repeated_failures.yml',
      'lookups/approved_admins.yml',
      'lookups/previously_seen_login_failures.yml',
      'macros/demo_logins.yml',
    ]);
  });

  it('a lookup whose CSV the repository ships keeps it, even when a baseline writes it', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-seed-'));
    for (const d of ['lookups', 'baselines', 'macros']) fs.mkdirSync(path.join(tmp, d));
    fs.writeFileSync(path.join(tmp, 'lookups', 'shipped.yml'), 'name: shipped\nfilename: shipped.csv\ndescription: d\n');
    fs.writeFileSync(path.join(tmp, 'lookups', 'shipped.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(tmp, 'baselines', 'writer.yml'), "name: Writer\nsearch: '| makeresults | eval a=9 | outputlookup shipped'\n");
    const ix = new ContentIndex();
    ix.buildSync([tmp]);
    try {
      assert.strictEqual(baselinesWriting(ix, 'shipped').length, 1);
      assert.deepStrictEqual(planLookupSeeds(parseSpl('| inputlookup shipped'), ix, { expand: (s2) => s2 }), []);
      fs.unlinkSync(path.join(tmp, 'lookups', 'shipped.csv'));
      ix.updateFile(path.join(tmp, 'lookups', 'shipped.yml'));
      assert.strictEqual(planLookupSeeds(parseSpl('| inputlookup shipped'), ix, { expand: (s2) => s2 })[0]?.baseline?.name, 'Writer');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('lookup settings', () => {
  it('reads detectionWorkbench.lookups.*, dropping values that are not paths', () => {
    const s = normalizeSettings({ lookups: { esAssetsCsv: ' assets.csv ', esIdentitiesCsv: 3, collections: { a: 'a.csv', b: 7, c: '' } } });
    assert.deepStrictEqual({ ...s.lookups, collections: { ...s.lookups.collections } }, { esAssetsCsv: 'assets.csv', esIdentitiesCsv: '', collections: { a: 'a.csv' } });
    const none = normalizeSettings(undefined).lookups;
    assert.deepStrictEqual({ ...none, collections: { ...none.collections } }, { esAssetsCsv: '', esIdentitiesCsv: '', collections: {} });
  });

  it('as a run\'s sources: relative to the first folder, confined to the opened folders; none when unset', () => {
    const s = normalizeSettings({ lookups: { esAssetsCsv: 'assets.csv' } });
    const src = lookupSourcesOf(s, ['/w', '/w/repo']);
    assert.deepStrictEqual({ ...src, collections: { ...src?.collections } }, { esAssetsCsv: 'assets.csv', esIdentitiesCsv: undefined, collections: {}, baseDir: '/w', confineTo: ['/w', '/w/repo'], origin: 'setting' });
    assert.strictEqual(lookupSourcesOf(normalizeSettings({}), ['/w']), undefined);
  });
});
