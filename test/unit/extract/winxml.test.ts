import { strict as assert } from 'assert';
import fc from 'fast-check';
import { xmlAttributes, xmlBlocks, xmlLeafElements, xmlNamedData } from '../../../server/src/engine/extract/auto/winxml';
import { appFromTexts, mergeApps } from '../../../server/src/engine/extract/conf/layers';
import { FieldExtractor } from '../../../server/src/engine/extract/extractor';
import { Row } from '../../../server/src/engine/types';
import { SECURITY_7045_QUALIFIERS, SYSMON_1 } from './fixtures/events';

function collect(fn: (t: string, e: (k: string, v: string) => void) => void, text: string): [string, string][] {
  const out: [string, string][] = [];
  fn(text, (k, v) => out.push([k, v]));
  return out;
}

function regexPairs(re: RegExp, text: string, unq = false): [string, string][] {
  const out: [string, string][] = [];
  for (const m of text.matchAll(re)) out.push([m[1], unq ? m[2].slice(1, -1) : m[2]]);
  return out;
}

const SYSTEM = SYSMON_1.slice(SYSMON_1.indexOf('<System>') + 8, SYSMON_1.indexOf('</System>'));
const EVENTDATA = SYSMON_1.slice(SYSMON_1.indexOf('<EventData>') + 11, SYSMON_1.indexOf('</EventData>'));

describe('extract/windows XML scanners', () => {
  it('leaf elements equal the regex <(\\w*)>([^<]*)<\\/\\1>', () => {
    const native = collect(xmlLeafElements, SYSTEM);
    assert.deepEqual(native, regexPairs(/<(\w*)>([^<]*)<\/\1>/g, SYSTEM));
    assert.ok(native.some(([k, v]) => k === 'EventID' && v === '1'));
  });

  it('attributes equal the regex ([^\\s=]+)\\s*=\\s*(\'…\'|"…") with quotes removed', () => {
    const native = collect(xmlAttributes, SYSTEM);
    assert.deepEqual(native, regexPairs(/([^\s=]+)\s*=\s*('[^<']*'|"[^<"]*")/g, SYSTEM, true));
    assert.deepEqual(native.map(([k]) => k), ['Name', 'Guid', 'SystemTime', 'ProcessID', 'ThreadID', 'UserID']);
  });

  it('named data equal the regex and keep XML entities undecoded', () => {
    const native = collect(xmlNamedData, EVENTDATA);
    assert.deepEqual(native, regexPairs(/<(?:\w+)\sName='([^>]*)'\/?>([^<]*)(?:<\/\w+>)?/g, EVENTDATA));
    assert.ok(native.some(([k, v]) => k === 'CommandLine' && v === 'cmd.exe /c whoami &gt; out.txt 2&gt;&amp;1'));
  });

  it('blocks: <System>, <EventData Name=…>, and no match for an unterminated block', () => {
    const got: string[] = [];
    xmlBlocks("<a><EventData Name='x'><Data>1</Data></EventData><EventData>2</EventData>", 'EventData', (s) => got.push(s));
    assert.deepEqual(got, ['<Data>1</Data>', '2']);
    const none: string[] = [];
    xmlBlocks('<EventData><Data Name="a">1</Data>', 'EventData', (s) => none.push(s));
    assert.deepEqual(none, []);
  });

  it('scanners agree with the regexes on random element soups', () => {
    const piece = fc.oneof(
      fc.constantFrom('<', '>', '/', "'", '"', '=', ' ', 'Name=', "<Data Name='", "'>", "'/>", '</Data>', '<X>', '</X>', 'a', 'b1', '\n'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        assert.deepEqual(collect(xmlLeafElements, s), regexPairs(/<(\w*)>([^<]*)<\/\1>/g, s).filter(([k]) => k !== ''));
        assert.deepEqual(collect(xmlAttributes, s), regexPairs(/([^\s=]+)\s*=\s*('[^<']*'|"[^<"]*")/g, s, true));
        const single = s.replace(/"/g, '');
        assert.deepEqual(collect(xmlNamedData, single), regexPairs(/<(?:\w+)\sName='([^>]*)'\/?>([^<]*)(?:<\/\w+>)?/g, single));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('extract/windows pack on XML events', () => {
  const ex = new FieldExtractor({ config: mergeApps([]) });
  let row: Row;
  const { loadAddonConfig } = require('../../../server/src/engine/extract/conf/load') as typeof import('../../../server/src/engine/extract/conf/load');
  const builtin = new FieldExtractor({ config: loadAddonConfig() });

  before(() => {
    row = builtin.extract({ raw: SYSMON_1, format: 'xml', line: 1 }, { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' });
  });

  it('extracts System children and attributes the way the Windows add-on names them', () => {
    assert.equal(row.EventID, '1');
    assert.equal(row.EventCode, '1');
    assert.equal(row.Computer, 'wks-01.example.test');
    assert.equal(row.Channel, 'Microsoft-Windows-Sysmon/Operational');
    assert.equal(row.EventRecordID, '777');
    assert.equal(row.RecordNumber, '777');
    assert.equal(row.Name, 'Microsoft-Windows-Sysmon');
    assert.equal(row.ProcessID, '1000');
    assert.equal(row.UserID, 'S-1-5-18');
    assert.equal(row.SystemTime, '2024-01-02T03:04:05.678901200Z');
    assert.equal(typeof row.System_Props_Xml, 'string');
    assert.equal(row.Image, 'C:\\Windows\\System32\\cmd.exe');
    assert.equal(row.ProcessId, '4242');
  });

  it('drops empty Data values and keeps the event time', () => {
    assert.equal(row.Empty, undefined);
    assert.equal(row.SelfClosed, undefined);
    assert.equal(row._time, Date.UTC(2024, 0, 2, 3, 4, 5) / 1000 + 0.6789012);
  });

  it('EventID with attributes gives EventCode through the fallback, not EventID', () => {
    const r = builtin.extract({ raw: SECURITY_7045_QUALIFIERS, format: 'xml', line: 1 }, { source: 'XmlWinEventLog:System', sourcetype: 'XmlWinEventLog', host: 'h' });
    assert.equal(r.EventID, undefined);
    assert.equal(r.EventCode, '7045');
    assert.equal(r.Qualifiers, '16384');
    assert.equal(r.ServiceName, 'evilsvc');
    assert.equal(r.service_name, 'evilsvc');
  });

  it('without add-ons, an XML event only gets automatic key/value extraction', () => {
    const r = ex.extract({ raw: SYSMON_1, format: 'xml', line: 1 }, { source: 's', sourcetype: 'unknown', host: 'h' });
    assert.equal(r.EventCode, undefined);
    assert.equal(r._raw, SYSMON_1);
  });
});

describe('extract/native and regex transforms agree', () => {
  it('the windows pack with NATIVE removed produces the same fields', () => {
    const fs = require('fs') as typeof import('fs');
    const path = require('path') as typeof import('path');
    const dir = path.join(__dirname, '../../../server/addons/windows/default');
    const props = fs.readFileSync(path.join(dir, 'props.conf'), 'utf8');
    const transforms = fs.readFileSync(path.join(dir, 'transforms.conf'), 'utf8');
    const meta = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' };
    const fast = new FieldExtractor({ config: mergeApps([appFromTexts('w', { 'default/props.conf': props, 'default/transforms.conf': transforms })]) });
    const slow = new FieldExtractor({
      config: mergeApps([appFromTexts('w', { 'default/props.conf': props, 'default/transforms.conf': transforms.replace(/^NATIVE = .*$/gm, '') })]),
    });
    for (const raw of [SYSMON_1, SECURITY_7045_QUALIFIERS]) {
      const a = fast.extract({ raw, format: 'xml', line: 1 }, meta);
      const b = slow.extract({ raw, format: 'xml', line: 1 }, meta);
      assert.deepEqual({ ...a }, { ...b });
    }
  });
});
