// detectionWorkbench.lookups.* reach local runs through the language server: a KV store collection
// starts from the CSV the setting names, a baseline fills the collection it writes, and a CSV
// outside the opened folders is refused with a message in the run's warnings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspTestClient, REPO_ROOT, uriOf } from './lspClient';

const FIXTURE = path.join(REPO_ROOT, 'test', 'unit', 'cli', 'fixtures', 'kvstore_repo');
const DETECTION = path.join(FIXTURE, 'detections', 'application', 'login_after_repeated_failures.yml');

interface RunResult {
  rows: Record<string, string | string[]>[];
  baselinesUsed: string[];
  warnings: string[];
  error?: string;
  planError?: string;
}

describe('language server over stdio: lookup settings', function () {
  this.timeout(60000);
  let client: LspTestClient;
  // An identity list that exists, but outside the workspace.
  const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dw-lookups-')), 'outside_identities.csv');
  before(async () => {
    fs.writeFileSync(outside, 'identity,first\nalice,Alice\n');
    client = await LspTestClient.start(FIXTURE, {
      lookups: { collections: { approved_admins: 'approved_admins.csv' }, esIdentitiesCsv: outside },
    });
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(path.dirname(outside), { recursive: true, force: true });
  });

  it('runs the baseline first and starts the collection from the setting', async () => {
    await client.open(DETECTION);
    const r = (await client.connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(DETECTION) })) as RunResult;
    assert.strictEqual(r.error, undefined, r.error);
    assert.strictEqual(r.planError, undefined, r.planError);
    // alice: 3 failures then a login (the baseline's collection); approved_admins.csv approves alice.
    assert.deepStrictEqual(r.rows, [{ user: 'alice', logins: '1', failures: '3', approved: 'yes' }]);
    // The client re-runs the preview when this baseline is saved.
    assert.deepStrictEqual(r.baselinesUsed, ['Previously Seen Login Failures - Initial']);
    assert.ok(r.warnings.some((w) => w.startsWith('warning: lookup previously_seen_login_failures: filled by running the baseline "Previously Seen Login Failures - Initial" (baselines/previously_seen_login_failures___initial.yml) on the same sample: 3 rows')), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => w.includes('lookup approved_admins: KV store collection "approved_admins" starts from approved_admins.csv (detectionWorkbench.lookups.collections["approved_admins"]): 1 row')), r.warnings.join('\n'));
  });

  it('refuses an identity CSV outside the opened folders, and says so', async () => {
    const r = (await client.connection.sendRequest('detectionWorkbench/runSearch', { uri: uriOf(DETECTION), search: '| inputlookup identity_lookup_expanded | stats count' })) as RunResult;
    assert.strictEqual(r.error, undefined, r.error);
    assert.deepStrictEqual(r.rows, [{ count: '0' }]);
    assert.ok(r.warnings.some((w) => /inputlookup identity_lookup_expanded: the CSV .*outside_identities\.csv named in detectionWorkbench\.lookups\.esIdentitiesCsv is refused: it is outside the opened folders/.test(w)), r.warnings.join('\n'));
  });
});
