// Crafted events: every example detection fires on the event crafted from its data source's
// example_log; hand-built cases check the solver (wildcards, CIDR, IN, negations, several
// patterns on one field), the rewriting in each format, and thresholds.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { closeTruncatedJson, planCraft, windowsXmlSkeleton } from '../../../server/src/analysis/craftPlan';
import { ContentIndex } from '../../../server/src/content';
import { craftEvent } from '../../../server/src/engine/craft/craft';
import { rewriteCandidates } from '../../../server/src/engine/craft/rewrite';
import { solveSearch } from '../../../server/src/engine/craft/solve';
import { regexExample } from '../../../server/src/engine/craft/regexExample';
import { compileSearch } from '../../../server/src/engine/search/compile';
import { newRow, type Row } from '../../../server/src/engine/types';
import { parseSearchClause } from '../../../server/src/spl/parse';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const row = (o: Record<string, string>): Row => Object.assign(newRow(), o);

/** Applies the solver's field edits to a row directly and returns the clause's verdict. */
function solvedHolds(clause: string, r: Row): boolean {
  const expr = parseSearchClause(clause).expr!;
  const sol = solveSearch(expr, r);
  assert.ok(!('impossible' in sol), JSON.stringify(sol));
  const out = row({});
  Object.assign(out, r);
  for (const e of sol.edits) if ('field' in e) { if (e.value === undefined) delete out[e.field]; else out[e.field] = e.value; }
  const c = compileSearch(expr);
  return c.ok && c.fn(out);
}

describe('craft: solving a condition', () => {
  it('wildcards, CIDR, IN, != and NOT, several patterns on one field', () => {
    const base = row({ process: 'cmd.exe /c dir', dest_ip: '10.1.1.1', user: 'bob' });
    assert.ok(solvedHolds('process="*whoami*" process="*/groups*" process="* find *"', base));
    assert.ok(solvedHolds('process="*composer*" AND process="*run-script*" AND process="*sudo*"', base));
    assert.ok(solvedHolds('process="*sudo*node*" AND process="*-e*" AND process="*child_process.spawn*" AND process="*stdio*"', base));
    assert.ok(solvedHolds('dest_ip!=10.0.0.0/8 dest_ip!=192.168.0.0/16', base));
    assert.ok(solvedHolds('src_ip=172.16.0.0/12', base));
    assert.ok(solvedHolds('process_name IN ("reg.exe", "regedit.exe") NOT user=bob', base));
    assert.ok(solvedHolds('(a=1 b=2) OR c=3', base));
    assert.ok(solvedHolds('count>5 NOT process="cmd*"', base));
  });
  it('an OR takes the alternative needing the fewest edits', () => {
    const expr = parseSearchClause('(a=1 b=2) OR c=3').expr!;
    const sol = solveSearch(expr, row({}));
    assert.deepStrictEqual(sol, { edits: [{ field: 'c', value: '3', patterns: ['3'] }] });
  });
});

describe('craft: values for regular expressions', () => {
  it('derives a matching string for the patterns detections use', () => {
    for (const p of ['(?i)regasm\\.exe.{0,4}$', '^[A-Za-z]:\\\\Users\\\\\\w+\\\\AppData', '(?i)(-e|-enc)\\s+[A-Za-z0-9+/=]{20,}', 'cmd(\\.exe)?\\s+/c', '\\d{1,3}\\.\\d{1,3}\\.\\d+\\.\\d+']) {
      const v = regexExample(p);
      assert.ok(v !== undefined, p);
      assert.ok(new RegExp(p.replace(/^\(\?i\)/, ''), p.startsWith('(?i)') ? 'i' : '').test(v!), `${p} → ${v}`);
    }
  });
});

describe('craft: rewriting the raw event in its format', () => {
  it('replaces a value where it occurs, or adds a field in the format', () => {
    const xml = "<Event><System><EventID>1</EventID></System><EventData><Data Name='Image'>C:\\x\\cmd.exe</Data></EventData></Event>";
    assert.ok(rewriteCandidates(xml, 'xml', 'process_name', 'cmd.exe', 'reg.exe').includes(xml.replace('cmd.exe', 'reg.exe')));
    assert.ok(rewriteCandidates(xml, 'xml', 'CommandLine', undefined, 'reg add')[0].includes("<Data Name='CommandLine'>reg add</Data></EventData>"));
    const json = '{"a":{"b":"1"},"c":"x"}';
    assert.deepStrictEqual(JSON.parse(rewriteCandidates(json, 'json', 'a.d', undefined, 'v')[0]), { a: { b: '1', d: 'v' }, c: 'x' });
    assert.deepStrictEqual(JSON.parse(rewriteCandidates(json, 'json', 'list{}.name', undefined, 'main')[0]).list, [{ name: 'main' }]);
    assert.strictEqual(rewriteCandidates('user=bob action=login', 'kv', 'action', 'login', 'logout')[0], 'user=bob action=logout');
    assert.strictEqual(rewriteCandidates('user=bob', 'kv', 'src', undefined, 'h 1').pop(), 'user=bob src="h 1"');
  });
});

describe('craft: events that fire', function () {
  this.timeout(60000);
  const index = new ContentIndex();
  before(() => index.buildSync([EXAMPLES]));
  const detections = ['cloud', 'endpoint'].flatMap((d) => fs.readdirSync(path.join(EXAMPLES, 'detections', d)).map((f) => path.join(EXAMPLES, 'detections', d, f)));

  for (const file of detections) {
    it(`crafts an event that fires for ${path.basename(file)}`, async () => {
      const plan = await planCraft({ detectionFile: file }, index);
      const r = await craftEvent(plan.request);
      assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
      assert.ok(r.rows >= 1);
    });
  }

  it('edits an event that does not match: field values through the add-ons, in Windows XML', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    const log = path.join(EXAMPLES, 'attack_data', 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log');
    // Event 8 is a process creation (EventID 1) without network fields.
    const plan = await planCraft({ detectionFile: file, from: log, event: 8 }, index);
    const r = await craftEvent(plan.request);
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.strictEqual(r.events.length, 1);
    assert.match(r.events[0], /<EventID>3<\/EventID>/);
    assert.ok(r.edits.some((e) => e.field === 'EventID' && e.to === '3'));
    assert.ok(r.edits.some((e) => e.field === 'dest_ip'));
  });

  it('a condition on a lookup output: the event gets the keys of a matching lookup row', async () => {
    const r = await craftEvent({
      search: 'action=connect | lookup suspicious_network_tools.csv process_name OUTPUT is_suspicious | where is_suspicious="true"',
      base: { raw: 'action=connect process_name=chrome.exe', format: 'kv' }, meta: { source: 's', sourcetype: 'st', host: 'h' },
      lookupDirs: [path.join(EXAMPLES, 'lookups')],
    });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.match(r.events[0], /process_name=regsvcs\.exe/);
  });

  it('generates copies for a count threshold and distinct values for dc()', async () => {
    const base = { raw: 'user=bob action=fail src=h1', format: 'kv' as const };
    const meta = { source: 'auth', sourcetype: 'auth_kv', host: 'h' };
    const count = await craftEvent({ search: 'action=fail | stats count by user | where count >= 4', base, meta });
    assert.ok(count.fires);
    assert.strictEqual(count.events.length, 5);
    const dc = await craftEvent({ search: 'action=fail | stats dc(src) as hosts by user | where hosts > 2', base, meta });
    assert.ok(dc.fires, dc.unsatisfiable);
    assert.strictEqual(new Set(dc.events).size, dc.events.length);
    // A condition on a computed field: craft varies the event field it is computed from.
    const longer = await craftEvent({ search: 'action=fail | eval n=len(user) | where n > 10', base, meta });
    assert.ok(longer.fires, longer.unsatisfiable);
    assert.match(longer.notes.join(' '), /n is computed by the search; changing user/);
    const impossible = await craftEvent({ search: 'action=fail | eval n=len(user) | where n < 0', base, meta });
    assert.ok(!impossible.fires);
    assert.match(impossible.unsatisfiable!, /n is computed by the search \(eval n=…\)/);
  });
});

describe('craft: fields an add-on or the search computes, and edits that must not undo each other', function () {
  this.timeout(60000);
  const kv = (raw: string) => ({ raw, format: 'kv' as const });
  const meta = { source: 'auth', sourcetype: 'auth_kv', host: 'h' };

  it('a registry value name the Sysmon add-on cuts from TargetObject (EVAL under EventCode 13), keeping the key-path pattern', async () => {
    const xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>12</EventID><TimeCreated SystemTime='2021-07-12T08:10:32.607068200Z'/><Computer>host1</Computer></System><EventData><Data Name='EventType'>CreateKey</Data><Data Name='Image'>C:\\Windows\\regedit.exe</Data><Data Name='TargetObject'>HKLM\\System\\CurrentControlSet\\Services\\W32Time</Data></EventData></Event>";
    const r = await craftEvent({
      search: '| tstats count from datamodel=Endpoint.Registry where Registry.registry_path="*\\\\Winlogon*" AND Registry.registry_value_name=DefaultPassword by Registry.registry_path Registry.registry_value_name',
      base: { raw: xml, format: 'xml' }, meta: { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' },
    });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    // registry_value_name is the last segment of TargetObject, computed only for EventID 13 (SetValue).
    assert.match(r.events[0], /<EventID>13<\/EventID>/);
    assert.match(r.events[0], /<Data Name='TargetObject'>[^<]*Winlogon[^<]*\\DefaultPassword<\/Data>/);
  });

  it('a URL the nginx pack builds from scheme, host and path meets a url pattern through uri_path', async () => {
    const raw = 'site="www.example.com" server="www.example.com" src="198.51.100.1" time_local="22/Feb/2024:13:00:00 -0500" status="200" uri_query="-" uri_path="/index.html" http_method="GET" https="on"';
    const r = await craftEvent({
      search: '| tstats count from datamodel=Web where Web.url IN ("*/setup/setupadministrator.action*") Web.status=200 by Web.url Web.src',
      base: { raw, format: 'kv' }, meta: { source: '/var/log/nginx/access.log', sourcetype: 'nginx:plus:kv', host: 'h' },
    });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    // The path takes the pattern's text; scheme and host stay as they were.
    assert.match(r.events[0], /uri_path="\/x\/setup\/setupadministrator\.actionx"/);
    assert.match(r.events[0], /server="www\.example\.com"/);
    assert.deepStrictEqual(r.edits.map((e) => [e.field, e.to]), [['url', 'https://www.example.com/x/setup/setupadministrator.actionx']]);
  });

  it('two patterns on one field from two stages get one value that matches both', async () => {
    const r = await craftEvent({ search: 'process="*create*" | stats count by process | search process="*rhaegal*"', base: kv('process=cmd user=bob'), meta });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.match(r.events[0], /process=\S*create\S*rhaegal|process=\S*rhaegal\S*create/);
  });

  it('several match() on one field (and a pattern from an earlier stage) get one value every regex accepts', async () => {
    const r = await craftEvent({ search: 'process_name=cmd.exe process="*/Q*" | where match(process, "cmd\\.exe /Q /c") AND match(process, "echo cd") AND match(process, "(?i)__output")', base: kv('process_name=cmd.exe process=whoami'), meta });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    const v = /process="([^"]*)"/.exec(r.events[0])?.[1] ?? '';
    for (const re of [/cmd\.exe \/Q \/c/, /echo cd/, /__output/i, /\/Q/]) assert.match(v, re);
  });

  it('dedup drops a row without its field: the field is added', async () => {
    const r = await craftEvent({ search: 'action=fail | dedup src | stats count by user', base: kv('user=bob action=fail'), meta });
    assert.ok(r.fires, r.unsatisfiable);
    assert.match(r.events[0], /src=/);
  });

  it('a JSON event whose sourcetype extracts none of its keys is read as _json, and says so', async () => {
    const r = await craftEvent({ search: 'result.status=SUCCESS', base: { raw: '{"result":{"status":"FAILED"}}', format: 'json' }, meta: { source: 'PINGID', sourcetype: 'XmlWinEventLog', host: 'h' } });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.strictEqual(r.meta.sourcetype, '_json');
    assert.match(r.notes.join(' '), /sourcetype "XmlWinEventLog" extracts none of its keys/);
    assert.deepStrictEqual(JSON.parse(r.events[0]), { result: { status: 'SUCCESS' } });
  });

  it('a field computed by eval from a regex test, and one cut out by rex', async () => {
    const isRead = await craftEvent({ search: 'user=bob | eval isReadRole=if(match(rights, "(ReadAny)"), "true", "false") | search isReadRole="true"', base: kv('user=bob rights=Write'), meta });
    assert.ok(isRead.fires, isRead.unsatisfiable);
    assert.match(isRead.events[0], /rights=\S*ReadAny/);
    const domain = await craftEvent({ search: 'user=* | rex field=user "@(?<domain>[^@]+)$" | where domain="evil.com"', base: kv('user=bob@corp.com'), meta });
    assert.ok(domain.fires, domain.unsatisfiable);
    assert.match(domain.events[0], /user=\S*@evil\.com/);
  });

  it('a field built by foreach over a* from the event, tested by two like() on it; values with spaces written quoted', async () => {
    // linux_auditd_normalized_execve_process's shape: process_exec is the a0…aN arguments joined.
    const search = 'type=EXECVE | eval parts="" | foreach a* [eval parts=mvappend(parts, \'<<FIELD>>\')] | eval process_exec=trim(mvjoin(parts, " ")) | where LIKE(process_exec, "%base64%") AND LIKE(process_exec, "%-d %")';
    const r = await craftEvent({ search, base: kv('type=EXECVE argc=2 a0=ls a1=-la'), meta });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.match(r.events[0], /a[01]="[^"]*base64[^"]*-d [^"]*"/);
    assert.match(r.notes.join(' '), /process_exec is computed by the search; changing a[01]/);
  });

  it('an output of a computed lookup without OUTPUT (URL Toolbox entropy) is steered through its input', async () => {
    const r = await craftEvent({ search: 'EventCode=4698 | lookup ut_shannon_lookup word AS Task_Name | where ut_shannon > 3', base: kv('EventCode=4698 Task_Name=aaaa'), meta });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.match(r.notes.join(' '), /ut_shannon is computed by the search; changing Task_Name/);
    assert.doesNotMatch(r.events[0], /ut_shannon=/);
  });

  it('dc() over a field that a later values() of the same stats renames onto itself', async () => {
    const r = await craftEvent({ search: 'action=fail | stats values(src) as src dc(src) as n by user | where n > 2', base: kv('user=bob action=fail src=h1'), meta });
    assert.ok(r.fires, r.unsatisfiable);
    // n > 2: three events with distinct src values.
    assert.strictEqual(r.events.length, 3);
    assert.strictEqual(new Set(r.events).size, 3);
  });

  it('an eventtype or tag condition is met through the event types that carry it (their search solved on the event)', async () => {
    // windows_system: [wineventlog_system] is the System channel by source; the event is read from another source.
    const r = await craftEvent({ search: 'eventtype=wineventlog_system EventCode=7045', base: kv('EventCode=7045 ServiceName=evil'), meta: { source: 'custom', sourcetype: 'st', host: 'h' } });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.match(r.meta.source, /^(Xml|WMI:)?WinEventLog:System$/);
    assert.ok(r.edits.some((e) => e.field === 'source' && e.from === 'custom'));
    const none = await craftEvent({ search: 'tag=no_such_tag_anywhere', base: kv('a=1'), meta });
    assert.ok(!none.fires);
    assert.match(none.unsatisfiable!, /no event type of the loaded add-ons that carries it/);
  });

  it('a regex command with a PCRE code-point escape', async () => {
    const r = await craftEvent({ search: 'user=bob | stats count by process | regex process="\\\\x{202E}"', base: kv('user=bob process=cmd.exe'), meta });
    assert.ok(r.fires, r.unsatisfiable);
    assert.ok(r.events[0].includes('\u202E'));
  });
});

describe('craft: example logs that are not an event', () => {
  it('an xmlwineventlog data source whose example_log is only a timestamp gives an empty event of its channel and ID', () => {
    const x = windowsXmlSkeleton('10/09/2020 10:41:26 PM', 'Windows Event Log Security 4720', 'XmlWinEventLog:Security', 'xmlwineventlog')!;
    assert.match(x, /<Provider Name='Microsoft-Windows-Security-Auditing'\/><EventID>4720<\/EventID>/);
    assert.match(x, /<TimeCreated SystemTime='2020-10-09T22:41:26\.000000000Z'\/>/);
    assert.match(x, /<Channel>Security<\/Channel>/);
    assert.strictEqual(windowsXmlSkeleton('<Event>…</Event>', 'X 1', 'XmlWinEventLog:Security', 'xmlwineventlog'), undefined);
    assert.strictEqual(windowsXmlSkeleton('{"a":1}', 'PingID', 'XmlWinEventLog:Security', 'XmlWinEventLog'), undefined);
    assert.strictEqual(windowsXmlSkeleton('10/09/2020 10:41:26 AM', 'X 1', 'WinEventLog:Security', 'WinEventLog'), undefined);
  });
  it('transaction leaves out an event without its grouping field: the field is added', async () => {
    const r = await craftEvent({ search: 'EventCode=4720 | transaction src_user maxspan=180m | stats count by src_user', base: { raw: 'EventCode=4720 user=bob', format: 'kv' }, meta: { source: 's', sourcetype: 'st', host: 'h' } });
    assert.ok(r.fires, r.unsatisfiable);
    assert.match(r.events[0], /src_user=/);
  });
});

describe('craft: example logs cut short in the data source', () => {
  it('closes a JSON object cut mid-string, mid-array, or mid-member', () => {
    assert.deepStrictEqual(JSON.parse(closeTruncatedJson('{"a":"1","b":{"c":[1,2],"d":"tru')!), { a: '1', b: { c: [1, 2], d: 'tru' } });
    assert.deepStrictEqual(JSON.parse(closeTruncatedJson('{"a":"1","b":{"c":[1,2')!), { a: '1', b: { c: [1, 2] } });
    assert.deepStrictEqual(JSON.parse(closeTruncatedJson('{"a":"1","b":')!), { a: '1' });
    assert.deepStrictEqual(JSON.parse(closeTruncatedJson('{"a":"x\\')!), { a: 'x' });
    assert.strictEqual(closeTruncatedJson('{"a":1}'), undefined);
    assert.strictEqual(closeTruncatedJson('{"a":1} trailing'), undefined);
    assert.strictEqual(closeTruncatedJson('not json'), undefined);
  });
});
