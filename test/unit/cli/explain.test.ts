import * as assert from 'assert';
import * as path from 'path';
import { cli, EXAMPLES } from './cliHarness';

describe('cli: explain', function () {
  this.timeout(60000);
  const regsvcs = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');

  it('explains a firing event: provenance, stages, the group', async () => {
    const r = await cli(['explain', regsvcs, '--event', '1']);
    assert.strictEqual(r.code, 0, r.err + r.out);
    assert.match(r.out, /^Event 1 of 8 \(line 1 of .*windows-sysmon\.log\): FIRED$/m);
    assert.match(r.out, /process_name = "RegSvcs\.exe" +← props\.conf \[source::XmlWinEventLog:Microsoft-Windows-Sysmon\/Operational\] REPORT-sysmon_names → transforms\.conf \[sysmon_process_name\]/);
    assert.match(r.out, /\[3\] stats: GROUPED — fell into the group dest="update-cdn\.example\.net"/);
  });

  it('JSON: a dropped event with its failing leaves and their search positions', async () => {
    const r = await cli(['explain', regsvcs, '--event', '8', '--format', 'json']);
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.explanation.outcome, 'dropped');
    const tree = j.explanation.stages[0].condition;
    const leaves = (n: { kind: string; children?: unknown[] }): { text: string; verdict: boolean; range: { start: number }; reason: { code: string } }[] =>
      n.kind === 'leaf' ? [n as never] : (n.children ?? []).flatMap((c) => leaves(c as never));
    const failed = leaves(tree).filter((l) => !l.verdict && !l.text.startsWith('source') && !l.text.startsWith('sourcetype'));
    assert.deepStrictEqual(failed.map((l) => [l.text, l.reason.code]), [
      ['EventID=3', 'value-mismatch'],
      ['dest_ip!=10.0.0.0/8', 'field-absent'],
      ['dest_ip!=172.16.0.0/12', 'field-absent'],
      ['dest_ip!=192.168.0.0/16', 'field-absent'],
    ]);
    // Offsets in the search as written (the `sysmon` macro call starts at 0).
    assert.strictEqual(failed[0].range.start, '`sysmon` '.length);
  });

  it('rejects a bad event number and an event past the end', async () => {
    assert.strictEqual((await cli(['explain', regsvcs, '--event', '0'])).code, 2);
    const r = await cli(['explain', regsvcs, '--event', '99']);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /there is no event 99: the sample has 8 event\(s\)/);
  });
});

describe('cli: craft', function () {
  this.timeout(60000);
  it('writes a firing event to stdout and the edits to stderr', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    const log = path.join(EXAMPLES, 'attack_data', 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log');
    const r = await cli(['craft', file, '--from', log, '--event', '8']);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(r.out.trim().split('\n').length, 1);
    assert.match(r.out, /<EventID>3<\/EventID>/);
    assert.match(r.err, /edits: EventID: "1" → "3"/);
    assert.match(r.err, /the search returns 1 row\(s\) on 1 crafted event\(s\)/);
  });
});
