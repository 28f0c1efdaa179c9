// Counts that generating commands report (issue 16): a leading tstats/datamodel/from reads every
// event of the input, so `eventsRead` and its stage's rowsIn are the events read, and `matched` is how
// many the data model's constraints kept before tstats' `where`. A 22-event Sysmon log through the
// whole job (reader → add-on extraction → engine, with and without the tstats dataset gate).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createEventSource } from '../../../server/src/engine/pipeline/eventInput';
import { runPipeline } from '../../../server/src/engine/pipeline/run';
import { runJob } from '../../../server/src/engine/pipeline/runJob';
import { stagesText, toResultJson } from '../../../server/src/engine/resultFormat';
import { parseSpl } from '../../../server/src/spl/parse';

const SYSMON = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' };

function sysmonEvent(n: number, id: number, host: string, image: string): string {
  const d = (k: string, v: string) => `<Data Name='${k}'>${v}</Data>`;
  const min = String(n).padStart(2, '0');
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>` +
    `<EventID>${id}</EventID><TimeCreated SystemTime='2024-04-30T10:${min}:00.000Z'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>` +
    `<Computer>${host}</Computer></System><EventData>${d('Image', image)}${d('User', 'CORP\\jdoe')}` +
    `${d('CommandLine', image.split('\\').pop()!)}${d('ParentImage', 'C:\\Windows\\explorer.exe')}</EventData></Event>`
  );
}

const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const CMD = 'C:\\Windows\\System32\\cmd.exe';
// 22 events. EventID 1 is the sysmon pack's ms-sysmon-process eventtype (tags process, report: the
// Endpoint.Processes constraint); 3 is network, 11 filemod — outside Processes.
// 12 process creations: 7 powershell.exe on 4 hosts (wks-1 ×2, wks-2 ×2, wks-3 ×2, wks-4), 5 cmd.exe.
const LINES = [
  ...['wks-1', 'wks-1', 'wks-2', 'wks-2', 'wks-3', 'wks-3', 'wks-4'].map((h, i) => sysmonEvent(i, 1, h, PS)),
  ...['wks-1', 'wks-2', 'wks-5', 'wks-5', 'wks-6'].map((h, i) => sysmonEvent(10 + i, 1, h, CMD)),
  ...[0, 1, 2, 3, 4, 5].map((i) => sysmonEvent(20 + i, 3, 'wks-1', PS)),
  ...[0, 1, 2, 3].map((i) => sysmonEvent(30 + i, 11, 'wks-2', PS)),
];

const TSTATS = '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=powershell.exe by Processes.dest';

describe('counts reported by generating commands', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-counts-'));
    file = path.join(dir, 'windows-sysmon.log');
    fs.writeFileSync(file, LINES.join('\n') + '\n');
    assert.strictEqual(LINES.length, 22);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('tstats over Endpoint.Processes: 22 read, 12 in the dataset, 4 groups', async () => {
    const r = await runJob({ search: TSTATS, inputs: [{ path: file, ...SYSMON }], tz: 'UTC' });
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.deepStrictEqual(r.rows.map((x) => [x['Processes.dest'], x.count]), [['wks-1', 2], ['wks-2', 2], ['wks-3', 2], ['wks-4', 1]]);
    assert.strictEqual(r.eventsRead, 22);
    assert.deepStrictEqual(r.stages.map((s) => [s.command, s.rowsIn, s.rowsOut, s.matched]), [['tstats', 22, 4, 12]]);
  });

  it('the same figures without the dataset gate (events dropped during extraction still count as read)', async () => {
    const pipeline = parseSpl(TSTATS);
    const events = createEventSource({ inputs: [{ path: file, ...SYSMON }], tz: 'UTC', pipeline });
    const r = await runPipeline(pipeline, { events }, { tz: 'UTC', sourceText: TSTATS });
    assert.strictEqual(r.eventsRead, 22);
    assert.deepStrictEqual(r.stages.map((s) => [s.command, s.rowsIn, s.rowsOut, s.matched]), [['tstats', 22, 4, 12]]);
  });

  it('datamodel and from: every event read, the dataset\'s events out', async () => {
    for (const search of ['| datamodel Endpoint Processes search', '| from datamodel=Endpoint.Processes']) {
      const r = await runJob({ search: `${search} | stats count`, inputs: [{ path: file, ...SYSMON }], tz: 'UTC' });
      assert.strictEqual(r.error, undefined, r.error?.message);
      assert.strictEqual(r.eventsRead, 22, search);
      assert.deepStrictEqual(r.stages.map((s) => [s.rowsIn, s.rowsOut, s.matched]), [[22, 12, 12], [12, 1, undefined]], search);
    }
  });

  it('a tstats subsearch counts the events it reads too', async () => {
    const search = '| makeresults | append [| tstats count from datamodel=Endpoint.Processes]';
    const r = await runJob({ search, inputs: [{ path: file, ...SYSMON }], tz: 'UTC' });
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.strictEqual(r.eventsRead, 22);
    assert.deepStrictEqual(r.stages.map((s) => [s.command, s.rowsIn, s.rowsOut]), [['makeresults', 0, 1], ['append', 1, 2]]);
  });

  it('the CLI JSON and stage summary carry matched', async () => {
    const r = await runJob({ search: TSTATS, inputs: [{ path: file, ...SYSMON }], tz: 'UTC' });
    const j = toResultJson(r, 'UTC');
    assert.strictEqual(j.eventsRead, 22);
    assert.deepStrictEqual(j.stages.map((s) => [s.rowsIn, s.rowsOut, s.matched]), [[22, 4, 12]]);
    const text = stagesText(j);
    assert.match(text, /^22 event\(s\) read; stages/);
    assert.match(text, /1\. tstats\s+22 → 4\s+[\d.]+ ms {2}\(12 in the data model\)/);
  });
});
