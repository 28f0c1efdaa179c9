import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { junitXml, type TestRecord } from '../../../server/src/cli/testReport';
import { cli, EXAMPLES } from './cliHarness';

// A strict XML parser (xml2js on sax, installed with @vscode/vsce): the junit report must parse.
const xml2js = require('xml2js') as { parseStringPromise(s: string, o?: object): Promise<Record<string, any>> };

const ATTACK = path.join(EXAMPLES, 'attack_data');
const FIXTURES = path.join(__dirname, 'fixtures', 'detection-tests');
const byFile = (records: any[], file: string): any => records.find((r) => r.file.endsWith(file));

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

describe('cli: test', function () {
  this.timeout(60000);

  it('passes the three example detections on their attack data', async () => {
    const r = await cli(['test', 'examples', '--attack-data', 'examples/attack_data', '--jobs', '2']);
    assert.strictEqual(r.code, 0, r.out + r.err);
    const lines = r.out.split('\n').filter((l) => /^(PASS|FAIL|SKIP)/.test(l));
    // One line per test, in file order, whatever order the pool finished them in.
    assert.deepStrictEqual(
      lines.map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
      [
        'PASS detections/cloud/aws_cloudtrail_trail_deleted.yml:59',
        'PASS detections/endpoint/powershell_encoded_command.yml:65',
        'PASS detections/endpoint/regsvcs_outbound_network_connection.yml:67',
      ],
    );
    assert.match(r.out, /passed\s+3\n\s+failed\s+0\n\s+skipped\s+0\n\s+total\s+3\n/);
  });

  it('reports pass, missing risk field, zero rows with the stage, and missing data as JSON', async () => {
    const r = await cli(['test', FIXTURES, '--format', 'json']);
    assert.strictEqual(r.code, 1, 'a failed test exits 1');
    const records = JSON.parse(r.out);
    assert.strictEqual(records.length, 4);

    // tags.observable user (Victim) and src (Attacker), message $user$ $src$: alice has 2 failures from one source.
    const pass = byFile(records, 'login_failures_pass.yml');
    assert.strictEqual(pass.status, 'pass');
    assert.strictEqual(pass.rows, 1);
    assert.strictEqual(pass.reason, null);

    // stats by user, src over 3 login events gives 2 rows; the threat object dest_host is in none.
    const missing = byFile(records, 'login_missing_risk_field.yml');
    assert.strictEqual(missing.status, 'fail');
    assert.strictEqual(missing.rows, 2);
    assert.deepStrictEqual(missing.missingFields, ['dest_host']);
    assert.match(missing.reason, /no result has the risk field dest_host/);
    // `  - field: dest_host` is line 21; the value starts after "  - field: " (11 characters).
    assert.deepStrictEqual([missing.stage.line, missing.stage.column], [21, 12]);

    // search (3 logins) → eval → stats (2 groups) → rename → where count > 5 keeps none: stage 5.
    const zero = byFile(records, 'login_zero_rows.yml');
    assert.strictEqual(zero.status, 'fail');
    assert.strictEqual(zero.rows, 0);
    assert.strictEqual(zero.stage.command, 'where');
    assert.strictEqual(zero.stage.index, 4);
    assert.match(zero.reason, /rows went to zero at stage 5 \(where: 2 in, 0 out\)/);
    // The single-quoted search continues on line 12 as "  | where count > 5": `where` is at column 5,
    // after a '' escape on line 10 that shifts the scalar's value against the file.
    assert.deepStrictEqual([zero.stage.line, zero.stage.column], [12, 5]);
    const text = fs.readFileSync(path.join(FIXTURES, zero.file), 'utf8').split('\n');
    assert.strictEqual(text[11].slice(4, 9), 'where');

    const skip = byFile(records, 'login_missing_data.yml');
    assert.strictEqual(skip.status, 'skip');
    assert.strictEqual(skip.lookedFor, path.join(FIXTURES, 'attack_data', 'datasets', 'fixture', 'not_downloaded.json'));
    assert.match(skip.reason, /not_downloaded\.json/);
  });

  it('writes junit XML that a strict parser reads, with file, line, failure and skipped', async () => {
    const r = await cli(['test', FIXTURES, '--format', 'junit', '--jobs', '2']);
    assert.strictEqual(r.code, 1);
    const doc = await xml2js.parseStringPromise(r.out, { strict: true });
    const suites = doc.testsuites;
    assert.deepStrictEqual(
      { tests: suites.$.tests, failures: suites.$.failures, skipped: suites.$.skipped },
      { tests: '4', failures: '2', skipped: '1' },
    );
    const cases = suites.testsuite.flatMap((s: any) => s.testcase);
    const named = (f: string) => cases.find((c: any) => c.$.file.endsWith(f));
    assert.strictEqual(named('login_failures_pass.yml').$.line, '39');
    assert.strictEqual(named('login_failures_pass.yml').failure, undefined);
    const zero = named('login_zero_rows.yml');
    assert.strictEqual(zero.$.file, 'detections/endpoint/login_zero_rows.yml');
    assert.strictEqual(zero.$.name, 'True Positive Test');
    assert.strictEqual(zero.failure[0].$.type, 'no-results');
    assert.match(zero.failure[0]._, /at detections\/endpoint\/login_zero_rows\.yml:12:5$/);
    assert.strictEqual(named('login_missing_risk_field.yml').failure[0].$.type, 'missing-risk-fields');
    assert.match(named('login_missing_data.yml').skipped[0].$.message, /not_downloaded\.json/);
  });

  it('junit stays parseable with markup and control characters in names and reasons', async () => {
    const evil = 'a <b> & "c" \'d\' \u0007 ]]> \uD800';
    const record: TestRecord = {
      detection: evil, file: 'detections/x&y.yml', line: 3, test: evil, status: 'fail', rows: 0, ms: 5,
      reason: evil, stage: { command: 'search', index: 0, line: 4, column: 10 },
    };
    const doc = await xml2js.parseStringPromise(junitXml([record, { ...record, status: 'skip' }], 10), { strict: true });
    const cases = doc.testsuites.testsuite[0].testcase;
    assert.strictEqual(cases[0].$.name, 'a <b> & "c" \'d\' \uFFFD ]]> \uFFFD');
    assert.strictEqual(cases[0].$.file, 'detections/x&y.yml');
    assert.match(cases[0].failure[0]._, /at detections\/x&y\.yml:4:10$/);
    assert.strictEqual(cases[1].skipped[0].$.message, cases[0].$.name);
  });

  it('fails with exit 1 and the stage when an example sample log cannot make its detection fire', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-test-'));
    try {
      copyTree(EXAMPLES, tmp);
      // Only private destinations: `dest_ip!=10.0.0.0/8` in the leading search drops every event.
      const log = path.join(tmp, 'attack_data', 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log');
      const original = fs.readFileSync(log, 'utf8');
      fs.writeFileSync(log, original.replace(/<Data Name='DestinationIp'>[^<]*</g, "<Data Name='DestinationIp'>10.1.2.3<"));
      const r = await cli(['test', tmp, '--format', 'json']);
      assert.strictEqual(r.code, 1, r.err);
      const regsvcs = byFile(JSON.parse(r.out), 'regsvcs_outbound_network_connection.yml');
      assert.strictEqual(regsvcs.status, 'fail');
      assert.strictEqual(regsvcs.stage.command, 'search');
      assert.strictEqual(regsvcs.stage.index, 0);
      // The search is a single-quoted scalar starting on line 11 (after "search: '", column 10) with a macro call.
      assert.deepStrictEqual([regsvcs.stage.line, regsvcs.stage.column], [11, 10]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('skips (never passes) a test whose attack data is missing; --strict makes that a failure', async () => {
    const file = path.join(FIXTURES, 'detections', 'endpoint', 'login_missing_data.yml');
    const lenient = await cli(['test', file]);
    assert.strictEqual(lenient.code, 0);
    assert.match(lenient.out, /^SKIP /m);
    assert.match(lenient.out, /skipped\s+1/);
    const strict = await cli(['test', file, '--strict']);
    assert.strictEqual(strict.code, 1);
  });

  it('skips a test whose attack data is still a Git LFS pointer, instead of failing on the pointer text', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-test-'));
    try {
      copyTree(FIXTURES, tmp);
      const log = path.join(tmp, 'attack_data', 'datasets', 'fixture', 'logins.json');
      fs.writeFileSync(log, 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n');
      const r = await cli(['test', path.join(tmp, 'detections', 'endpoint', 'login_failures_pass.yml'), '--format', 'json']);
      assert.strictEqual(r.code, 0);
      const [x] = JSON.parse(r.out);
      assert.strictEqual(x.status, 'skip');
      assert.strictEqual(x.lookedFor, log);
      assert.match(x.reason, /Git LFS pointer \(run `git lfs pull`/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('skips every test when no attack_data folder exists, naming the folder looked for', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-test-'));
    try {
      copyTree(path.join(EXAMPLES, 'detections'), path.join(tmp, 'detections'));
      copyTree(path.join(EXAMPLES, 'macros'), path.join(tmp, 'macros'));
      const r = await cli(['test', tmp, '--format', 'json']);
      assert.strictEqual(r.code, 0);
      const records = JSON.parse(r.out);
      assert.strictEqual(records.length, 3);
      for (const x of records) {
        assert.strictEqual(x.status, 'skip');
        assert.strictEqual(x.lookedFor, path.join(tmp, 'attack_data'));
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('--changed-since tests the detections whose file or macros changed', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-test-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: tmp, stdio: 'pipe' });
    try {
      copyTree(FIXTURES, tmp);
      git('init', '-q');
      git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '-A');
      git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-q', '-m', 'fixtures');
      let r = await cli(['test', tmp, '--changed-since', 'HEAD', '--format', 'json']);
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(JSON.parse(r.out), []);
      assert.match(r.err, /4 detection\(s\) unchanged since HEAD/);

      // One detection file edited: only it.
      const pass = path.join(tmp, 'detections', 'endpoint', 'login_failures_pass.yml');
      fs.appendFileSync(pass, '# edited\n');
      r = await cli(['test', tmp, '--changed-since', 'HEAD', '--format', 'json']);
      assert.deepStrictEqual(JSON.parse(r.out).map((x: { file: string }) => x.file), ['detections/endpoint/login_failures_pass.yml']);

      // The macro every detection uses: all four.
      fs.appendFileSync(path.join(tmp, 'macros', 'login_events.yml'), '# edited\n');
      r = await cli(['test', tmp, '--changed-since', 'HEAD', '--format', 'json']);
      assert.strictEqual(JSON.parse(r.out).length, 4);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('--changed-since outside a git repository is a usage error that says so', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-test-'));
    try {
      copyTree(path.join(EXAMPLES, 'macros'), path.join(tmp, 'macros'));
      fs.mkdirSync(path.join(tmp, 'detections'));
      const r = await cli(['test', tmp, '--changed-since', 'main']);
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /--changed-since needs a git repository/);
      const bad = await cli(['test', tmp, '--changed-since', '--output=x']);
      assert.strictEqual(bad.code, 2);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('rejects bad options with exit 2', async () => {
    assert.strictEqual((await cli(['test', 'examples', '--jobs', '0'])).code, 2);
    assert.strictEqual((await cli(['test', 'examples', '--format', 'xml'])).code, 2);
    assert.strictEqual((await cli(['test', 'no/such/folder'])).code, 2);
    assert.strictEqual((await cli(['test', 'examples', '--attack-data', 'no/such/dir'])).code, 2);
  });
});
