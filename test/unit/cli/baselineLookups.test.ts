// End to end through the CLI's run planner: a detection reads a KV store collection that a
// repository baseline writes; the baseline runs first on the same sample and its outputlookup rows
// are the collection for this run. --collection / --es-* name CSVs for tables nothing fills.
import * as assert from 'assert';
import * as path from 'path';
import { cli } from './cliHarness';

const ROOT = path.join(__dirname, 'fixtures', 'kvstore_repo');
const DETECTION = path.join(ROOT, 'detections', 'application', 'login_after_repeated_failures.yml');
const LOG = path.join(ROOT, 'attack_data', 'datasets', 'demo', 'logins.log');

describe('cli: lookups filled by baselines and CSVs', function () {
  this.timeout(60000);

  it('run: the Initial baseline fills the collection on the same sample; the warnings say what was done', async () => {
    const r = await cli(['run', DETECTION, '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    // logins.log: alice fails 3 times then logs in; bob fails once; dave fails twice, never logs in.
    assert.deepStrictEqual(j.rows, [{ user: 'alice', logins: '1', failures: '3' }]);
    assert.deepStrictEqual(j.warnings, [
      'warning: lookup previously_seen_login_failures: filled by running the baseline "Previously Seen Login Failures - Initial" (baselines/previously_seen_login_failures___initial.yml) on the same sample: 3 rows (search line 1, column 71: "previously_seen_login_failures")',
      'warning: lookup approved_admins: KV store collection "approved_admins" (lookups/approved_admins.yml) is filled by a search in Splunk; no data for it here, so it starts empty for this run (no repository baseline writes it; to start it from a CSV, name one in detectionWorkbench.lookups.collections or with --collection approved_admins=FILE) (search line 1, column 154: "approved_admins")',
    ]);
  });

  it('run --collection NAME=FILE starts a collection from the CSV', async () => {
    const r = await cli(['run', DETECTION, '--collection', 'approved_admins=approved_admins.csv', '--format', 'json'], ROOT);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepStrictEqual(j.rows, [{ user: 'alice', logins: '1', failures: '3', approved: 'yes' }]);
    assert.ok(j.warnings.includes('warning: lookup approved_admins: KV store collection "approved_admins" starts from approved_admins.csv (--collection approved_admins=…): 1 row (search line 1, column 154: "approved_admins")'), j.warnings.join('\n'));
  });

  it('run --es-assets: the asset tables come from the list', async () => {
    const r = await cli(['run', '--search', 'action=success | stats count by src | lookup asset_lookup_by_str asset AS src OUTPUT nt_host owner', '--log', LOG, '--sourcetype', 'demo:logins', '--content', ROOT, '--es-assets', path.join(ROOT, 'assets.csv'), '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepStrictEqual(j.rows, [
      { src: '10.0.0.1', count: '1', nt_host: 'wks-alice', owner: 'alice' },
      { src: '10.0.0.2', count: '2' },
      { src: '10.0.0.3', count: '1' },
    ]);
    assert.match(j.warnings.join('\n'), /lookup asset_lookup_by_str: an Enterprise Security asset\/identity collection, built from assets\.csv \(--es-assets\) in ES's list format: 5 rows; 1 IP range\(s\) written a-b are not matched/);
  });

  it('a baseline that cannot run says so, and the collection starts empty', async () => {
    const r = await cli(['run', '--search', '| inputlookup blocked_hosts | stats count', '--log', LOG, '--content', ROOT, '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepStrictEqual(j.rows, [{ count: '0' }]);
    assert.match(j.warnings.join('\n'), /inputlookup blocked_hosts: the baseline "Broken Baseline" \(baselines\/broken_baseline\.yml\) failed on the same sample: its macros do not expand: .*no_such_macro.*; the KV store collection "blocked_hosts" starts empty for this run \(search line 1, column 15: "blocked_hosts"\)/);
  });

  it('--collection without NAME=FILE is a usage error', async () => {
    const r = await cli(['run', DETECTION, '--collection', 'approved_admins']);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /--collection takes NAME=FILE/);
  });

  it('test: the detection\'s test passes with the baseline and the --collection CSV', async () => {
    const r = await cli(['test', ROOT, '--collection', 'approved_admins=approved_admins.csv', '--format', 'json'], ROOT);
    assert.strictEqual(r.code, 0, r.err + r.out);
    const j = JSON.parse(r.out) as { detection: string; status: string; rows: number }[];
    assert.deepStrictEqual(j.map((t) => [t.detection, t.status, t.rows]), [['Login After Repeated Failures', 'pass', 1]]);
  });

  it('explain: tracing an event runs the baseline first too', async () => {
    // Event 5 is alice's login after her three failures.
    const r = await cli(['explain', DETECTION, '--event', '5', '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.resultCount, 1);
    assert.ok(j.warnings.includes('warning: lookup previously_seen_login_failures: filled by running the baseline "Previously Seen Login Failures - Initial" (baselines/previously_seen_login_failures___initial.yml) on the same sample: 3 rows'), j.warnings.join('\n'));
  });
});
