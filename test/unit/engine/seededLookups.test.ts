// Tables that start from the user's CSVs (ES asset/identity lists, KV collections) or that a
// repository baseline fills by running first on the same inputs; every one says where it came from.
import * as assert from 'assert';
import * as path from 'path';
import { createCsvLookupResolver } from '../../../server/src/engine/pipeline/csvLookups';
import { runSpl } from '../../../server/src/engine/pipeline/runSpl';
import { type LookupSeed, seededLookupResolver } from '../../../server/src/engine/pipeline/seededLookups';
import { esTableFromList } from '../../../server/src/engine/pipeline/standInLookups';
import { tableFromCsv } from '../../../server/src/engine/pipeline/csvLookups';
import type { EngineMessage } from '../../../server/src/engine/types';
import * as fs from 'fs';

const ROOT = path.resolve(__dirname, '../cli/fixtures/kvstore_repo');
const LOG = path.join(ROOT, 'attack_data', 'datasets', 'demo', 'logins.log');
const base = createCsvLookupResolver([path.join(ROOT, 'lookups')]);
const inputs = [{ path: LOG, format: 'auto' as const, source: 'demo', sourcetype: 'demo:logins', host: 'h' }];
const plain = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r }));

async function resolverFor(seeds: LookupSeed[], warnings: EngineMessage[] = []) {
  return seededLookupResolver({ inputs, tz: 'UTC', lookupSeeds: seeds }, base, { warn: (m) => warnings.push(m) });
}

describe('seeded lookups: ES asset and identity lists', () => {
  const assets = tableFromCsv('assets', fs.readFileSync(path.join(ROOT, 'assets.csv'), 'utf8'));

  it('asset_lookup_by_str: one row per string key of an asset (single IPs, MAC, host, DNS name); subnets and a-b ranges are not keys', () => {
    const { table, skipped } = esTableFromList('asset_lookup_by_str', assets);
    assert.deepStrictEqual(table.rows.map((r) => [r.asset, r.nt_host]), [
      ['10.0.0.1', 'wks-alice'], ['10.0.0.11', 'wks-alice'], ['00:11:22:33:44:55', 'wks-alice'], ['wks-alice', 'wks-alice'], ['wks-alice.corp.example', 'wks-alice'],
    ]);
    assert.strictEqual(skipped, 1);
    assert.strictEqual(table.fields[0], 'asset');
  });

  it('asset_lookup_by_cidr matches an address inside the subnet (match_type CIDR(ip))', async () => {
    const r = await runSpl('| makeresults | eval src="10.20.3.4" | lookup asset_lookup_by_cidr ip AS src OUTPUT owner category | table src owner category', [],
      { lookups: await resolverFor([{ name: 'asset_lookup_by_cidr', kind: 'kv', csv: { path: path.join(ROOT, 'assets.csv'), origin: '--es-assets' } }]) });
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.deepStrictEqual(plain(r.rows), [{ src: '10.20.3.4', owner: 'netops', category: 'server_subnet' }]);
    assert.ok(r.warnings.some((w) => w.message === "lookup asset_lookup_by_cidr: an Enterprise Security asset/identity collection, built from assets.csv (--es-assets) in ES's list format: 1 row; 1 IP range(s) written a-b are not matched (write them as CIDR subnets)"), r.warnings.map((w) => w.message).join('\n'));
  });

  it('asset_lookup_by_str finds the asset by any of its keys', async () => {
    const r = await runSpl('| makeresults | eval dest="10.0.0.11" | lookup asset_lookup_by_str asset AS dest OUTPUT nt_host priority | table dest nt_host priority', [],
      { lookups: await resolverFor([{ name: 'asset_lookup_by_str', kind: 'kv', csv: { path: path.join(ROOT, 'assets.csv'), origin: '--es-assets' } }]) });
    assert.deepStrictEqual(plain(r.rows), [{ dest: '10.0.0.11', nt_host: 'wks-alice', priority: 'high' }]);
  });

  it('identity_lookup_expanded: one row per identity, custom columns kept (objectSid → downLevelDomainName as content uses it)', async () => {
    const lookups = await resolverFor([{ name: 'identity_lookup_expanded', kind: 'kv', csv: { path: path.join(ROOT, 'identities.csv'), origin: '--es-identities' } }]);
    const r = await runSpl('| makeresults | eval sid="S-1-5-21-1001" | lookup identity_lookup_expanded objectSid AS sid OUTPUT downLevelDomainName AS user | table sid user', [], { lookups });
    assert.deepStrictEqual(plain(r.rows), [{ sid: 'S-1-5-21-1001', user: 'CORP\\bob' }]);
    const all = await runSpl('| inputlookup identity_lookup_expanded | table identity first', [], { lookups });
    assert.deepStrictEqual(plain(all.rows), [{ identity: 'alice', first: 'Alice' }, { identity: 'a.smith', first: 'Alice' }, { identity: 'bob', first: 'Bob' }]);
  });

  it('a CSV that cannot be read leaves the stand-in, and the warning says why', async () => {
    const r = await runSpl('| inputlookup identity_lookup_expanded | stats count', [],
      { lookups: await resolverFor([{ name: 'identity_lookup_expanded', kind: 'kv', csv: { path: path.join(ROOT, 'no_such.csv'), origin: '--es-identities' } }]) });
    assert.deepStrictEqual(plain(r.rows), [{ count: 0 }]);
    assert.ok(r.warnings.some((w) => /^inputlookup identity_lookup_expanded: the CSV no_such\.csv \(--es-identities\) cannot be read: no such file.*; an Enterprise Security asset\/identity collection, not available locally: used empty/.test(w.message)), r.warnings.map((w) => w.message).join('\n'));
  });
});

describe('seeded lookups: baselines', () => {
  const initial = {
    name: 'Previously Seen Login Failures - Initial', file: 'baselines/x.yml', target: 'previously_seen_login_failures',
    search: 'sourcetype=demo:logins action=failure | stats count as failures by user | outputlookup previously_seen_login_failures | stats count',
  };

  it('the rows outputlookup receives become the collection (fields_list columns), for this run only', async () => {
    const lookups = await resolverFor([{ name: 'previously_seen_login_failures', kind: 'kv', baseline: initial }]);
    const r = await runSpl('| inputlookup previously_seen_login_failures | table user failures', [], { lookups });
    // Failures in logins.log: alice 3, dave 2, bob 1 (stats by user sorts by user).
    assert.deepStrictEqual(plain(r.rows), [{ user: 'alice', failures: '3' }, { user: 'bob', failures: '1' }, { user: 'dave', failures: '2' }]);
    const all = await runSpl('| inputlookup previously_seen_login_failures', [], { lookups });
    assert.deepStrictEqual(all.fields, ['_key', 'user', 'failures', 'lastFailure']);
    assert.ok(r.warnings.some((w) => w.message === 'inputlookup previously_seen_login_failures: filled by running the baseline "Previously Seen Login Failures - Initial" (baselines/x.yml) on the same sample: 3 rows'));
    // The repository's resolver is untouched: a run without the seed still sees an empty collection.
    const plainRun = await runSpl('| inputlookup previously_seen_login_failures | stats count', [], { lookups: base });
    assert.deepStrictEqual(plain(plainRun.rows), [{ count: 0 }]);
  });

  it('append=true adds to the table the user\'s CSV starts', async () => {
    const appendBaseline = { ...initial, search: 'sourcetype=demo:logins action=failure | stats count as failures by user | outputlookup append=true approved_admins', target: 'approved_admins' };
    const lookups = await resolverFor([{ name: 'approved_admins', kind: 'kv', csv: { path: path.join(ROOT, 'approved_admins.csv'), origin: '--collection approved_admins=…' }, baseline: appendBaseline }]);
    const r = await runSpl('| inputlookup approved_admins | table user approved', [], { lookups });
    assert.deepStrictEqual(plain(r.rows), [{ user: 'alice', approved: 'yes' }, { user: 'alice' }, { user: 'bob' }, { user: 'dave' }]);
    assert.ok(r.warnings.some((w) => w.message === 'inputlookup approved_admins: filled by running the baseline "Previously Seen Login Failures - Initial" (baselines/x.yml) on the same sample (starting from approved_admins.csv): 3 rows appended, 4 in all'), r.warnings.map((w) => w.message).join('\n'));
  });

  it('a baseline that fails says so and the collection starts empty', async () => {
    const broken = { ...initial, search: 'sourcetype=demo:logins | eval x=nosuchfunction(1) | outputlookup previously_seen_login_failures' };
    const r = await runSpl('| inputlookup previously_seen_login_failures | stats count', [], { lookups: await resolverFor([{ name: 'previously_seen_login_failures', kind: 'kv', baseline: broken }]) });
    assert.deepStrictEqual(plain(r.rows), [{ count: 0 }]);
    const w = r.warnings.find((m) => m.message.startsWith('inputlookup previously_seen_login_failures: the baseline "Previously Seen Login Failures - Initial" (baselines/x.yml) failed on the same sample: '));
    assert.ok(w, r.warnings.map((m) => m.message).join('\n'));
    assert.match(w!.message, /nosuchfunction/);
    assert.match(w!.message, /; the KV store collection "previously_seen_login_failures" starts empty for this run$/);
  });

  it('baselines run one level deep: a baseline reads the starting table, not another baseline\'s', async () => {
    // B writes approved_admins reading previously_seen_login_failures, which A would fill: B sees it empty.
    const a = { ...initial };
    const b = { ...initial, name: 'B', target: 'approved_admins', search: '| inputlookup previously_seen_login_failures | stats count as n | eval user="n" | outputlookup approved_admins' };
    const lookups = await resolverFor([{ name: 'previously_seen_login_failures', kind: 'kv', baseline: a }, { name: 'approved_admins', kind: 'kv', baseline: b }]);
    const r = await runSpl('| inputlookup approved_admins | table user n', [], { lookups });
    assert.strictEqual(r.error, undefined, r.error?.message);
    const t = await Promise.resolve(lookups.resolve('approved_admins'));
    assert.ok(t && 'rows' in t);
    assert.deepStrictEqual(plain(t.rows), [{ n: '0', user: 'n' }]);
  });
});
