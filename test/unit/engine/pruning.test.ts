// Speed paths of runJob must not change results: verbatim-field pruning, the JSON-lines prefilter,
// the early search gate during extraction, stats input projection, the chunked UTF-8 decoder.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDecoder } from 'util';
import { createExtractor } from '../../../server/src/engine/extract';
import { isVerbatimTerm } from '../../../server/src/engine/extract/verbatim';
import { pruningTerms, searchGate } from '../../../server/src/engine/pipeline/eventInput';
import { statsInputFields } from '../../../server/src/engine/pipeline/inputProjection';
import { runJob } from '../../../server/src/engine/pipeline/runJob';
import { completeUtf8Length, Utf8ChunkDecoder } from '../../../server/src/engine/readers/encoding';
import { readEventsSync } from '../../../server/src/engine/readers';
import { rawTermsFilter } from '../../../server/src/engine/search/termFilter';
import { parseSpl } from '../../../server/src/spl/parse';
import { decodeAtCuts } from '../../support/chunkedDecode';

const SYSMON = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' };
const CLOUDTRAIL = { source: 'aws_cloudtrail', sourcetype: 'aws:cloudtrail', host: 'h' };

function sysmonEvent(id: number, image: string, dest: string, user = 'CORP\\jdoe'): string {
  const d = (n: string, v: string) => `<Data Name='${n}'>${v}</Data>`;
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>` +
    `<EventID>${id}</EventID><TimeCreated SystemTime='2024-04-30T10:0${id % 10}:00.000Z'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>` +
    `<Computer>wks-1.corp.example</Computer></System><EventData>${d('Image', image)}${d('User', user)}${d('DestinationIp', dest)}` +
    `${d('DestinationHostname', 'cdn.example.net')}${d('CommandLine', `"${image}" -x &amp; y`)}</EventData></Event>`
  );
}

const SYSMON_LINES = [
  sysmonEvent(3, 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\RegSvcs.exe', '203.0.113.5'),
  sysmonEvent(3, 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\regsvcs.exe', '10.1.2.3'),
  sysmonEvent(1, 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\RegSvcs.exe', '198.51.100.1'),
  sysmonEvent(3, 'C:\\Windows\\System32\\svchost.exe', '203.0.113.9', 'NT AUTHORITY\\SYSTEM'),
  sysmonEvent(1, 'C:\\Windows\\System32\\cmd.exe', '-'),
  sysmonEvent(11, 'C:\\Windows\\explorer.exe', '-'),
];

const CLOUDTRAIL_LINES = [
  { eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1', sourceIPAddress: '192.0.2.1', eventTime: '2024-04-29T21:14:08Z', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a', userName: 'a' }, requestParameters: { name: 't1' } },
  { eventName: 'DescribeTrails', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1', sourceIPAddress: '192.0.2.1', eventTime: '2024-04-29T21:15:08Z', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a', userName: 'a' } },
  { eventName: 'deletetrail', eventSource: 'CloudTrail.amazonaws.com', awsRegion: 'eu-west-1', sourceIPAddress: '192.0.2.2', eventTime: '2024-04-29T22:14:08Z', userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' }, requestParameters: { name: 't2' } },
  { eventName: 'GetObject', eventSource: 's3.amazonaws.com', awsRegion: 'eu-west-1', sourceIPAddress: '192.0.2.2', eventTime: '2024-04-29T23:14:08Z', userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' }, requestParameters: { bucketName: 'DeleteTrail' } },
].map((o) => JSON.stringify(o));

let dir: string;
const write = (name: string, lines: string[]) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, lines.join('\n') + '\n');
  return f;
};

async function run(search: string, file: string, meta: typeof SYSMON) {
  const r = await runJob({ search, inputs: [{ path: file, ...meta }], tz: 'UTC' });
  assert.strictEqual(r.error, undefined, r.error?.message);
  return r;
}

describe('engine speed paths keep results', () => {
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-pruning-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes field=value terms only from fields extracted verbatim from _raw', () => {
    const ex = createExtractor({});
    const sys = ex.rawVerbatim(SYSMON);
    assert.ok(sys('process_name', 'regsvcs.exe'), 'REPORT from Image');
    assert.ok(sys('Image', 'regsvcs.exe'));
    assert.ok(sys('user', 'jdoe'), 'alias of User');
    assert.ok(!sys('dest', 'wks-1'), 'EVAL');
    assert.ok(!sys('signature', 'network'), 'lookup output');
    assert.ok(!sys('sourcetype', 'xmlwineventlog'));
    assert.ok(!sys('process_name', 'c:\\windows'), 'backslash may be escaped');
    const ct = ex.rawVerbatim(CLOUDTRAIL);
    assert.ok(ct('eventName', 'deletetrail'));
    assert.ok(ct('src', '192.0.2.1'), 'alias of sourceIPAddress');
    assert.ok(!ct('user', 'a'), 'EVAL');
    assert.ok(!ct('userIdentity.arn', 'arn:aws:iam::1:user/a'), '"/" may be escaped in JSON');
    assert.ok(isVerbatimTerm('cloudtrail.amazonaws.com') && !isVerbatimTerm('a&b') && !isVerbatimTerm('é'));
    const p = parseSpl('search (sourcetype=x OR source=y) EventID=3 process_name=regsvcs.exe dest=foo | stats count');
    assert.deepStrictEqual(pruningTerms(p, sys), ['regsvcs.exe']);
  });

  it('the case-insensitive term filter is never stricter than lower-casing _raw', () => {
    const keep = rawTermsFilter(['key', 'regsvcs.exe'])!;
    assert.ok(keep('a KEY b RegSvcs.EXE'));
    assert.ok(!keep('a KEY b regsvcs'));
    assert.ok(keep('\u212Aey regsvcs.exe'), 'KELVIN SIGN lower-cases to k');
    assert.ok(rawTermsFilter(['größe'])!('GRÖSSE größe'));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('k', 'K', '\u212A', 'i', 'I', '\u0130', 'e', 'y', 'ß', 'é', 'É', ' '), { maxLength: 12 }).map((a) => a.join('')),
        fc.array(fc.constantFrom('k', 'i', 'e', 'y', 'ß', 'é'), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
        (raw, term) => {
          if (raw.toLowerCase().includes(term)) assert.ok(rawTermsFilter([term])!(raw), `${raw} / ${term}`);
        },
      ),
    );
  });

  it('a pruned, gated Sysmon search returns what an unpruned one does, and counts every event', async () => {
    const file = write('sysmon.log', SYSMON_LINES);
    const body = 'EventID=3 dest_ip!=10.0.0.0/8 process_name=regsvcs.exe | stats count values(dest_ip) as ip by dest user process_name';
    const pruned = await run(`search (sourcetype=xmlwineventlog OR source=nothing) ${body}`, file, SYSMON);
    const plain = await run(`search * | search (sourcetype=xmlwineventlog OR source=nothing) ${body}`, file, SYSMON);
    assert.deepStrictEqual(pruned.rows, plain.rows);
    assert.strictEqual(pruned.rows.length, 1);
    assert.strictEqual(pruned.rows[0].count, 1);
    assert.strictEqual(pruned.eventsRead, SYSMON_LINES.length);
    assert.strictEqual(pruned.stages[0].rowsOut, 1);
    const broad = await run('search EventID=1 | stats count by dest process_name', file, SYSMON);
    const broadPlain = await run('search * | search EventID=1 | stats count by dest process_name', file, SYSMON);
    assert.deepStrictEqual(broad.rows, broadPlain.rows);
    assert.deepStrictEqual(broad.rows.map((r) => r.process_name), ['RegSvcs.exe', 'cmd.exe']);
  });

  it('JSON lines rejected by the terms are not parsed but still counted', async () => {
    const file = write('ct.json', [...CLOUDTRAIL_LINES, '{"eventName": "not json', ...CLOUDTRAIL_LINES]);
    const s = 'eventName=DeleteTrail eventSource=cloudtrail.amazonaws.com | stats count values(requestParameters.name) as t by src awsRegion';
    const pruned = await run(`search ${s}`, file, CLOUDTRAIL);
    const plain = await run(`search * | search ${s}`, file, CLOUDTRAIL);
    assert.deepStrictEqual(pruned.rows, plain.rows);
    assert.deepStrictEqual(pruned.rows.map((r) => [r.src, r.count, r.t]), [['192.0.2.1', 2, 't1'], ['192.0.2.2', 2, 't2']]);
    assert.strictEqual(pruned.eventsRead, 8, 'the invalid line is skipped unparsed (no event)');
    assert.strictEqual(plain.eventsRead, 8);
  });

  it('extractIf returns extract()’s row or nothing', () => {
    const ex = createExtractor({});
    const gate = searchGate(parseSpl('search EventID=3 process_name=regsvcs.exe'))!;
    assert.deepStrictEqual([...gate.fields].sort(), ['EventID', 'process_name']);
    const { events } = readEventsSync(SYSMON_LINES.join('\n'), { format: 'xml' });
    const kept = events.map((e) => ex.extractIf(e, SYSMON, gate));
    assert.deepStrictEqual(kept.map((r) => r !== undefined), [true, true, false, false, false, false]);
    assert.deepStrictEqual(kept[0], ex.extract(events[0], SYSMON));
    const tagged = searchGate(parseSpl('search tag=network'))!;
    assert.deepStrictEqual(events.map((e) => ex.extractIf(e, SYSMON, tagged) !== undefined), events.map((e) => tagged.test(ex.extract(e, SYSMON))));
    assert.strictEqual(searchGate(parseSpl('search process*=x')), undefined);
  });

  it('stats input projection keeps the fields stats reads', () => {
    const cmd = (s: string) => parseSpl('| ' + s).commands[0] as Parameters<typeof statsInputFields>[0];
    assert.deepStrictEqual(statsInputFields(cmd('stats count min(_time) values(dest_port) as p by dest user'))?.sort(), ['_time', 'dest', 'dest_port', 'user']);
    assert.deepStrictEqual(statsInputFields(cmd('stats count(eval(len(process)>8)) as n'))?.sort(), ['_time', 'process']);
    assert.strictEqual(statsInputFields(cmd('stats values(*) as * by user')), undefined);
    assert.strictEqual(statsInputFields(cmd('stats count(eval(searchmatch("x=1"))) as n')), undefined);
    assert.strictEqual(statsInputFields(cmd('eventstats count by user')), undefined);
  });

  it('the chunked UTF-8 decoder matches TextDecoder wherever the chunks split', () => {
    assert.strictEqual(completeUtf8Length(Buffer.from([0x41, 0xe2, 0x82])), 1);
    assert.strictEqual(completeUtf8Length(Buffer.from([0x41, 0xe2, 0x82, 0xac])), 4);
    assert.strictEqual(completeUtf8Length(Buffer.from([0xf0, 0x9f, 0x98])), 0);
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)), { maxLength: 40 });
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(40), { maxLength: 5 }), (arr, cuts) => {
        const all = Uint8Array.from(arr);
        const out = decodeAtCuts(all, cuts, new Utf8ChunkDecoder(), (d, piece) => d.write(piece));
        assert.strictEqual(out, new TextDecoder('utf-8', { ignoreBOM: true }).decode(all));
      }),
    );
  });
});
