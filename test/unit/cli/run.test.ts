import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, EXAMPLES } from './cliHarness';

const ATTACK = path.join(EXAMPLES, 'attack_data');
const REGSVCS = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
const TRAIL = path.join(EXAMPLES, 'detections', 'cloud', 'aws_cloudtrail_trail_deleted.yml');
const ENCODED = path.join(EXAMPLES, 'detections', 'endpoint', 'powershell_encoded_command.yml');
const SYSMON_LOG = path.join(ATTACK, 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log');

describe('cli: run', function () {
  this.timeout(60000);

  it('runs a detection against its attack_data sample and returns the rows Splunk would', async () => {
    const r = await cli(['run', REGSVCS, '--attack-data', ATTACK, '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    // stats … by dest, user, process_name, src_ip, dest_ip, reason: by-fields first, then aggregations.
    assert.deepStrictEqual(j.fields, ['dest', 'user', 'process_name', 'src_ip', 'dest_ip', 'reason', 'count', 'firstTime', 'lastTime', 'dest_port']);
    // 8 events: 7 network connections. Private destinations (10.20.0.5, 192.168.10.10) and chrome.exe
    // drop out, leaving 3 connections by jdoe and 1 by svc_build; groups sort by dest.
    assert.deepStrictEqual(
      j.rows.map((x: Record<string, unknown>) => [x.dest, x.user, x.dest_ip, x.count, x.firstTime, x.lastTime, x.dest_port]),
      [
        ['files.example.org', 'CORP\\svc_build', '198.51.100.7', '1', '2024-04-30T11:42:00', '2024-04-30T11:42:00', '8080'],
        ['update-cdn.example.net', 'CORP\\jdoe', '203.0.113.50', '3', '2024-04-30T10:01:44', '2024-04-30T10:05:59', ['443', '8443']],
      ],
    );
    assert.ok(j.rows.every((x: Record<string, unknown>) => x.reason === '.NET services installation tool; can load attacker assemblies'));
    assert.deepStrictEqual(j.stages.map((s: { command: string }) => s.command), ['search', 'lookup', 'stats', 'convert', 'convert', 'search']);
    assert.deepStrictEqual(j.stages.map((s: { rowsOut: number }) => s.rowsOut), [4, 4, 2, 2, 2, 2]);
    // The leading search saw all 8 events (some were skipped before extraction, as Splunk's index would).
    assert.deepStrictEqual(j.stages.map((s: { rowsIn: number }) => s.rowsIn), [8, 4, 4, 2, 2, 2]);
    assert.strictEqual(j.eventsRead, 8);
  });

  it('runs a tstats detection over the Endpoint data model', async () => {
    const r = await cli(['run', ENCODED, '--attack-data', ATTACK, '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    // Of 5 process events, 4 are PowerShell; 3 have -enc/-EncodedCommand/-e, and `where length > 8`
    // drops the one whose last argument is "AA==".
    assert.deepStrictEqual(j.rows.map((x: Record<string, string>) => [x.dest, x.user, x.encoded]).sort(), [
      ['wks-finance-07.corp.example', 'CORP\\jdoe', 'SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'],
      ['wks-finance-07.corp.example', 'CORP\\jdoe', 'VwByAGkAdABlAC0ASABvAHMAdAAgAGgAaQA='],
    ]);
  });

  it('runs a CloudTrail detection on JSON lines, as CSV', async () => {
    const r = await cli(['run', TRAIL, '--attack-data', ATTACK, '--format', 'csv']);
    assert.strictEqual(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.strictEqual(lines[0], 'src,user_arn,awsRegion,count,firstTime,lastTime,trail_name');
    // Three DeleteTrail calls: two by ops-automation (eu-west-1), one denied by intern-sandbox (us-east-1).
    assert.strictEqual(lines.length, 4, 'header, a row whose multivalue cell spans two lines, a row');
    assert.strictEqual(lines.slice(1, 3).join('\n'), '198.51.100.23,arn:aws:iam::123456789012:user/ops-automation,eu-west-1,2,2024-04-29T21:14:08,2024-04-29T21:15:30,"org-audit-trail\norg-data-events-trail"');
    assert.match(lines[3], /^203\.0\.113\.200,arn:aws:iam::123456789012:user\/intern-sandbox,us-east-1,1,/);
  });

  it('runs ad-hoc SPL with --search and --log, and returns 0 for zero rows', async () => {
    const r = await cli(['run', '--search', '`sysmon` EventID=3 dest_ip=203.0.113.0/24 | stats count by dest_port', '--log', SYSMON_LOG,
      '--source', 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', '--sourcetype', 'xmlwineventlog', '--content', EXAMPLES, '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(JSON.parse(r.out).rows, [{ dest_port: '443', count: '2' }, { dest_port: '8443', count: '1' }]);
    const none = await cli(['run', '--search', 'EventID=999', '--log', SYSMON_LOG, '--format', 'json']);
    assert.strictEqual(none.code, 0);
    assert.deepStrictEqual(JSON.parse(none.out).rows, []);
  });

  it('exits 1 naming the unsupported command and where it is, keeping the rows that got there', async () => {
    const r = await cli(['run', '--search', 'EventID=3 | head 2 | anomalydetection dest_port', '--log', SYSMON_LOG, '--format', 'json']);
    assert.strictEqual(r.code, 1);
    const j = JSON.parse(r.out);
    assert.match(j.error, /anomalydetection/);
    assert.match(j.error, /column 22/);
    assert.strictEqual(j.rows.length, 2);
  });

  it('exits 1 on an unknown macro and 2 on usage and I/O errors', async () => {
    assert.strictEqual((await cli(['run', '--search', '`nope` x', '--log', SYSMON_LOG])).code, 1);
    const missing = await cli(['run', '--search', 'x', '--log', path.join(os.tmpdir(), 'does-not-exist.log')]);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.err, /no such log file/);
    assert.strictEqual((await cli(['run', REGSVCS, '--format', 'yaml'])).code, 2);
    assert.strictEqual((await cli(['run'])).code, 2);
    const noData = await cli(['run', REGSVCS, '--attack-data', fs.mkdtempSync(path.join(os.tmpdir(), 'dw-empty-'))]);
    assert.strictEqual(noData.code, 2);
    assert.match(noData.err, /does not exist/);
  });

  it('formats _time in the requested time zone and rejects unknown zones', async () => {
    const r = await cli(['run', '--search', 'EventID=1 | table _time', '--log', SYSMON_LOG, '--tz', 'Europe/Berlin', '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(JSON.parse(r.out).rows, [{ _time: '2024-04-30T12:01:40.000+02:00' }]);
    assert.strictEqual((await cli(['run', '--search', 'x', '--log', SYSMON_LOG, '--tz', 'Mars/Olympus'])).code, 2);
  });
});
