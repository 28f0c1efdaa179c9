import * as assert from 'assert';
import { readEventsSync } from '../../../server/src/engine/readers';
import { collect, fixtureBytes, fixturePath } from './helpers';

const SYSMON_1 = /^<Event xmlns='http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event'><System>.*<EventID>1<\/EventID>.*<\/Event>$/;

describe('readers: formats (fixtures)', () => {
  it('reads Sysmon XML one event per line, skipping blank lines, keeping entities', async () => {
    const { events, messages, info } = await collect({ path: fixturePath('sysmon.xml') });
    assert.deepStrictEqual(messages, []);
    assert.deepStrictEqual(info, { format: 'xml', detected: true, encoding: 'utf-8', gzip: false });
    assert.deepStrictEqual(events.map((e) => [e.line, e.format]), [[1, 'xml'], [2, 'xml'], [4, 'xml']]);
    assert.match(events[0].raw, SYSMON_1);
    assert.ok(events[0].raw.includes('2&gt;&amp;1'), 'entities are not decoded');
    assert.ok(events[1].raw.includes('<EventID>3</EventID>'));
    assert.strictEqual(events[2].raw, events[0].raw);
  });

  it('strips CR of CRLF line ends', async () => {
    const { events } = await collect({ path: fixturePath('sysmon_crlf.xml') });
    assert.strictEqual(events.length, 2);
    assert.ok(events.every((e) => e.raw.endsWith('</Event>')));
  });

  it('groups pretty-printed XML events, ignoring the declaration and <Events> wrapper', async () => {
    const { events, messages } = await collect({ path: fixturePath('security_pretty.xml') });
    assert.deepStrictEqual(messages, []);
    assert.deepStrictEqual(events.map((e) => e.line), [3, 46]);
    assert.ok(events[0].raw.startsWith("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>\n  <System>"));
    assert.ok(events[0].raw.endsWith('  </EventData>\n</Event>'));
    assert.ok(events[0].raw.includes('<EventID>4624</EventID>'));
    assert.ok(events[1].raw.includes("<Data Name='CommandLine'>ntdsutil.exe \"ac i ntds\""));
  });

  it('keeps a multi-line PowerShell ScriptBlockText inside one event', async () => {
    const { events } = await collect({ path: fixturePath('powershell_4104.xml') });
    assert.deepStrictEqual(events.map((e) => e.line), [1, 9]);
    const script = /<Data Name='ScriptBlockText'>([\s\S]*?)<\/Data>/.exec(events[0].raw)![1];
    assert.strictEqual(script.split('\n').length, 8);
    assert.ok(script.endsWith('Get-Secrets -Path C:\\Users'));
  });

  it('reads CloudTrail JSON lines with parsed values', async () => {
    const { events, messages, info } = await collect({ path: fixturePath('cloudtrail.json') });
    assert.deepStrictEqual(messages, []);
    assert.strictEqual(info?.format, 'json');
    assert.deepStrictEqual(events.map((e) => e.line), [1, 2, 4]);
    assert.deepStrictEqual(
      events.map((e) => (e.json as { eventName: string }).eventName),
      ['CreateAccessKey', 'PutBucketPolicy', 'ConsoleLogin'],
    );
    assert.ok(events[0].raw.startsWith('{"eventVersion": "1.08"') && events[0].raw.endsWith('"Management"}'));
    assert.deepStrictEqual(JSON.parse(events[1].raw), events[1].json);
  });

  it('yields each record of a pretty-printed {"Records": [...]} file', async () => {
    const { events, messages } = await collect({ path: fixturePath('cloudtrail_records.json') });
    assert.deepStrictEqual(messages, []);
    assert.deepStrictEqual(events.map((e) => e.line), [3, 14]);
    assert.deepStrictEqual(
      events.map((e) => (e.json as { eventName: string }).eventName),
      ['ModifySnapshotAttribute', 'StopLogging'],
    );
    assert.ok(events[0].raw.startsWith('{\n      "eventVersion"'));
    assert.deepStrictEqual(JSON.parse(events[0].raw), events[0].json);
  });

  it('yields each element of a pretty-printed JSON array (O365)', async () => {
    const { events, messages } = await collect({ path: fixturePath('o365.json') });
    assert.deepStrictEqual(messages, []);
    assert.deepStrictEqual(events.map((e) => e.line), [2, 21]);
    const first = events[0].json as { Operation: string; Parameters: unknown[] };
    assert.strictEqual(first.Operation, 'New-InboxRule');
    assert.strictEqual(first.Parameters.length, 3);
    assert.strictEqual((events[1].json as { ExtendedProperties: { Value: string }[] }).ExtendedProperties[0].Value, 'Mozilla/5.0 (X11; Linux x86_64)');
  });

  it('reads CSV with quoted fields, "" escapes and embedded newlines', async () => {
    const { events, messages, info } = await collect({ path: fixturePath('processes.csv') });
    assert.deepStrictEqual(messages, []);
    assert.strictEqual(info?.format, 'csv');
    assert.deepStrictEqual(events.map((e) => e.line), [2, 3, 6]);
    assert.strictEqual(events[0].columns!.command_line, '"C:\\Windows\\system32\\cmd.exe" /c whoami /all');
    assert.strictEqual(events[1].columns!.command_line, 'powershell.exe -nop -c "$a=1,2,3;\nWrite-Output $a"');
    assert.strictEqual(events[1].raw, '2024-03-05T09:12:46Z,wks-017,CORP\\jdoe,powershell.exe,"powershell.exe -nop -c ""$a=1,2,3;\nWrite-Output $a""",cmd.exe');
    assert.deepStrictEqual({ ...events[2].columns }, {
      _time: '2024-03-05T09:13:01Z',
      host: 'srv-db-01',
      user: 'NT AUTHORITY\\SYSTEM',
      process_name: 'sqlservr.exe',
      command_line: 'sqlservr.exe -sMSSQLSERVER',
      parent_process_name: 'services.exe',
    });
  });

  it('reads auditd one record per line (no grouping by serial)', async () => {
    const { events, info } = await collect({ path: fixturePath('auditd.log') });
    assert.strictEqual(info?.format, 'auditd');
    assert.strictEqual(events.length, 6);
    assert.deepStrictEqual(events.map((e) => e.raw.slice(0, e.raw.indexOf(' '))), [
      'type=SYSCALL', 'type=EXECVE', 'type=CWD', 'type=PATH', 'type=PROCTITLE', 'type=USER_CMD',
    ]);
    assert.ok(events.every((e, i) => e.format === 'auditd' && e.line === i + 1));
  });

  it('reads Sysmon for Linux: the whole syslog line is the event', async () => {
    const { events, info } = await collect({ path: fixturePath('sysmon_linux.log') });
    assert.strictEqual(info?.format, 'syslog-xml');
    assert.strictEqual(events.length, 2);
    assert.ok(events[0].raw.startsWith('Mar  5 09:20:11 ar-linux-02 sysmon: <Event><System>'));
    assert.ok(events[1].raw.endsWith('</EventData></Event>'));
  });

  it('groups classic multi-line WinEventLog events by their timestamp line', async () => {
    const { events, info, messages } = await collect({ path: fixturePath('wineventlog.log') });
    assert.deepStrictEqual(messages, []);
    assert.strictEqual(info?.format, 'wineventlog');
    assert.deepStrictEqual(events.map((e) => e.line), [1, 23]);
    assert.ok(events[0].raw.startsWith('01/14/2024 11:41:39 PM\nLogName=Security\nEventCode=4688\n'));
    assert.ok(events[0].raw.endsWith('\tProcess Command Line:\tnet group "Domain Admins" /domain'), 'trailing blank lines dropped');
    assert.ok(events[0].raw.includes('Message=A new process has been created.\n\nCreator Subject:'), 'inner blank lines kept');
    assert.ok(events[1].raw.endsWith('Service Start Type:  auto start'));
    assert.ok(!events[0].raw.includes('\r'));
  });

  it('reads key=value text', async () => {
    const { events, info } = await collect({ path: fixturePath('nginx_kv.log') });
    assert.strictEqual(info?.format, 'kv');
    assert.strictEqual(events.length, 2);
    assert.ok(events[1].raw.startsWith('site="www.corp.example"'));
  });

  it('decodes UTF-16LE with BOM and gzip, giving the same events as the plain file', async () => {
    const plain = await collect({ path: fixturePath('sysmon.xml') });
    const utf16 = await collect({ path: fixturePath('sysmon_utf16le.xml') });
    const gz = await collect({ path: fixturePath('sysmon.xml.gz') });
    assert.deepStrictEqual(utf16.info, { format: 'xml', detected: true, encoding: 'utf-16le', gzip: false });
    assert.deepStrictEqual(gz.info, { format: 'xml', detected: true, encoding: 'utf-8', gzip: true });
    assert.deepStrictEqual(utf16.events, plain.events);
    assert.deepStrictEqual(gz.events, plain.events);
    assert.deepStrictEqual(utf16.messages, []);
  });

  it('decodes UTF-16BE with BOM in odd-sized chunks', async () => {
    const plain = await collect({ path: fixturePath('sysmon.xml') });
    const le = fixtureBytes('sysmon_utf16le.xml');
    const be = Buffer.from(le).swap16();
    const r = await collect({ bytes: be }, { chunkSize: 7 });
    assert.strictEqual(r.info?.encoding, 'utf-16be');
    assert.deepStrictEqual(r.events, plain.events);
  });

  it('strips a UTF-8 BOM', async () => {
    const bom = await collect({ path: fixturePath('cloudtrail_utf8bom.json') });
    const plain = await collect({ path: fixturePath('cloudtrail.json') });
    assert.deepStrictEqual(bom.events, plain.events);
  });

  it('gives the same result from bytes, text, stream and the sync reader', async () => {
    const bytes = fixtureBytes('sysmon.xml.gz');
    const fromFile = await collect({ path: fixturePath('sysmon.xml.gz') });
    const fromBytes = await collect({ bytes });
    async function* stream() {
      yield bytes.subarray(0, 10);
      yield bytes.subarray(10);
    }
    const fromStream = await collect({ stream: stream() });
    const fromText = await collect({ text: fixtureBytes('sysmon.xml').toString('utf8') });
    const sync = readEventsSync(bytes);
    assert.deepStrictEqual(fromBytes.events, fromFile.events);
    assert.deepStrictEqual(fromStream.events, fromFile.events);
    assert.deepStrictEqual(fromText.events, fromFile.events);
    assert.deepStrictEqual(sync.events, fromFile.events);
    assert.strictEqual(sync.info.gzip, true);
  });

  it('honours a forced format', async () => {
    const { events, info } = await collect({ path: fixturePath('auditd.log') }, { format: 'text' });
    assert.deepStrictEqual(info, { format: 'text', detected: false, encoding: 'utf-8', gzip: false });
    assert.ok(events.every((e) => e.format === 'text'));
  });
});
