// The tstats dataset gate: a leading `tstats from datamodel=…` drops events outside the dataset
// during extraction (tags tested on a probe row as soon as the fields the tagger reads are final).
// Results and eventsRead must equal a run without the gate.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createExtractor } from '../../../server/src/engine/extract';
import { defaultDataModels } from '../../../server/src/engine/datamodels/registry';
import { createEventSource, tstatsGate } from '../../../server/src/engine/pipeline/eventInput';
import { runPipeline } from '../../../server/src/engine/pipeline/run';
import { runJob } from '../../../server/src/engine/pipeline/runJob';
import { readEventsSync } from '../../../server/src/engine/readers';
import { parseSpl } from '../../../server/src/spl/parse';

const SYSMON = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' };

function sysmonEvent(id: number, image: string, cmd: string, extra = ''): string {
  const d = (n: string, v: string) => `<Data Name='${n}'>${v}</Data>`;
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>` +
    `<EventID>${id}</EventID><TimeCreated SystemTime='2024-04-30T10:0${id % 10}:00.000Z'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>` +
    `<Computer>wks-${id}.corp.example</Computer></System><EventData>${d('Image', image)}${d('User', 'CORP\\jdoe')}` +
    `${d('CommandLine', cmd)}${d('ParentImage', 'C:\\Windows\\explorer.exe')}${extra}</EventData></Event>`
  );
}

const LINES = [
  sysmonEvent(1, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -enc SQBFAFgA'),
  sysmonEvent(3, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -enc SQBFAFgA'),
  sysmonEvent(1, 'C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c whoami'),
  sysmonEvent(11, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -e AAAA'),
  sysmonEvent(10, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -e BBBB'),
  // An event whose XML carries its own `source` attribute: its tags are decided on the final row.
  sysmonEvent(1, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell -e CCCC', "<Data Name='source'>other</Data>"),
];

const SEARCHES = [
  '| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name=powershell.exe by Processes.dest Processes.process Processes.user',
  '| tstats count from datamodel=Endpoint.Processes by Processes.process_name Processes.parent_process_name | sort - count',
  '| tstats values(Processes.process) as p from datamodel=Endpoint where nodename=Endpoint.Processes by Processes.dest',
  '| tstats count from datamodel=Network_Traffic by All_Traffic.dest',
];

describe('tstats dataset gate', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstats-gate-'));
    file = path.join(dir, 'sysmon.xml.log');
    fs.writeFileSync(file, LINES.join('\n') + '\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('derives a gate only when tstats over a data model is the sole reader of the input', () => {
    const dm = defaultDataModels();
    assert.ok(tstatsGate(parseSpl(SEARCHES[0]), dm));
    assert.strictEqual(tstatsGate(parseSpl('index=x | stats count'), dm), undefined);
    assert.strictEqual(tstatsGate(parseSpl('| tstats count where index=x by host'), dm), undefined);
    assert.strictEqual(tstatsGate(parseSpl('| tstats count from datamodel=Endpoint.Processes | append [| tstats count from datamodel=Endpoint.Filesystem]'), dm), undefined);
    assert.strictEqual(tstatsGate(parseSpl('| tstats count from datamodel=NoSuchModel'), dm), undefined);
    assert.strictEqual(tstatsGate(parseSpl(SEARCHES[2]), dm), undefined, 'nodename picks another dataset');
  });

  for (const search of SEARCHES) {
    it(`same rows with and without the gate: ${search.slice(0, 70)}`, async () => {
      const gated = await runJob({ search, inputs: [{ path: file, ...SYSMON }], tz: 'UTC' });
      assert.strictEqual(gated.error, undefined, gated.error?.message);
      const pipeline = parseSpl(search);
      const events = createEventSource({ inputs: [{ path: file, ...SYSMON }], tz: 'UTC', pipeline });
      const plain = await runPipeline(pipeline, { events }, { tz: 'UTC', sourceText: search });
      assert.deepStrictEqual(gated.rows, plain.rows);
      assert.strictEqual(gated.eventsRead, plain.eventsRead);
    });
  }

  it('extractIf with a tag gate returns exactly the rows extract would keep', () => {
    const ex = createExtractor({});
    const gate = { fields: ['tag'], test: (r: Record<string, unknown>) => [r.tag].flat().includes('process') && [r.tag].flat().includes('report') };
    const { events: raws } = readEventsSync(LINES.join('\n'), { format: 'xml' });
    let kept = 0;
    for (const raw of raws) {
      const full = ex.extract(raw, SYSMON);
      const gated = ex.extractIf(raw, SYSMON, gate);
      if (gate.test(full)) { kept++; assert.deepStrictEqual(gated, full); } else assert.strictEqual(gated, undefined);
    }
    assert.ok(kept >= 2 && kept < LINES.length, `kept ${kept}`);
  });
});
