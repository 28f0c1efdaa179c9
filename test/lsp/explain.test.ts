import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, indexedServer, uriOf } from './lspClient';

interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }
interface Node { kind: string; verdict: boolean | null; text: string; range: LspRange; children?: Node[]; reason?: { code: string; message: string } }
interface Explained {
  events: number;
  resultCount: number;
  explanation?: { event: number; outcome: string; stoppedAt?: number; stages: { command: string; verdict: string; condition?: Node }[]; fields: { field: string; origin?: string }[] };
  nearMisses?: { nearMisses: { event?: number; failed: Node[] }[] };
  missingFields?: { field: string; suggestions: string[]; ranges: LspRange[] }[];
  error?: string;
  planError?: string;
}

const leaves = (n: Node): Node[] => (n.kind === 'leaf' ? [n] : (n.children ?? []).flatMap(leaves));

/** The LSP position of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('language server over stdio: explain', function () {
  this.timeout(60000);
  const server = indexedServer();

  const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');

  it('explains a dropped event with leaf ranges inside the folded single-quoted search', async () => {
    const text = fs.readFileSync(file, 'utf8');
    await server().open(file);
    const r = (await server().connection.sendRequest('detectionWorkbench/explain', { uri: uriOf(file), event: 8 })) as Explained;
    assert.strictEqual(r.error, undefined, r.error);
    assert.strictEqual(r.events, 8);
    const e = r.explanation!;
    assert.strictEqual(e.outcome, 'dropped');
    assert.strictEqual(e.stoppedAt, 0);
    const tree = e.stages[0].condition!;
    const eventId = leaves(tree).find((l) => l.text === 'EventID=3')!;
    assert.strictEqual(eventId.verdict, false);
    assert.strictEqual(eventId.reason!.code, 'value-mismatch');
    assert.deepStrictEqual(eventId.range.start, positionOf(text, 'EventID=3'));
    // On the scalar's second line (folded): the position is that of the text in the file.
    const proc = leaves(tree).find((l) => l.text === 'process_name=regsvcs.exe')!;
    const at = positionOf(text, 'process_name=regsvcs.exe');
    assert.ok(at.line > eventId.range.start.line);
    assert.deepStrictEqual(proc.range, { start: at, end: { line: at.line, character: at.character + 'process_name=regsvcs.exe'.length } });
    assert.match(e.fields.find((f) => f.field === 'process_name')!.origin!, /REPORT-sysmon_names/);
  });

  it('near misses and a missing field with a suggestion on the unsaved text', async () => {
    const text = fs.readFileSync(file, 'utf8').replace('process_name=regsvcs.exe', 'process_nme=regsvcs.exe');
    const other = file.replace('.yml', '_typo.yml');
    await server().open(other, text);
    const r = (await server().connection.sendRequest('detectionWorkbench/explain', { uri: uriOf(other), nearMisses: true })) as Explained;
    assert.strictEqual(r.resultCount, 0);
    const top = r.nearMisses!.nearMisses[0];
    assert.deepStrictEqual(top.failed.map((l) => l.text), ['process_nme=regsvcs.exe']);
    const m = r.missingFields!.find((x) => x.field === 'process_nme')!;
    assert.strictEqual(m.suggestions[0], 'process_name');
    assert.deepStrictEqual(m.ranges[0].start, positionOf(text, 'process_nme'));
    // …and an information diagnostic on the field, with the suggestion as a quick fix.
    const uri = uriOf(other);
    const deadline = Date.now() + 10000;
    let hint;
    while (!(hint = server().diagnostics.get(uri)?.diagnostics.find((d) => d.code === 'dw.sample.missing-field'))) {
      assert.ok(Date.now() < deadline, 'no missing-field diagnostic');
      await new Promise((res) => setTimeout(res, 50));
    }
    assert.strictEqual(hint.severity, 3);
    assert.deepStrictEqual(hint.range.start, positionOf(text, 'process_nme'));
    assert.match(String(hint.message), /No event of the sample has the field "process_nme"; did you mean "process_name"/);
  });

  it('crafts an event that fires from the data source example_log, and the run on it returns a row', async () => {
    const other = file.replace('.yml', '_craft.yml');
    const text = fs.readFileSync(file, 'utf8');
    await server().open(other, text);
    const r = (await server().connection.sendRequest('detectionWorkbench/craft', { uri: uriOf(other) })) as { fires: boolean; rows: number; text: string; base: string; meta: { sourcetype: string }; planError?: string };
    assert.strictEqual(r.planError, undefined);
    assert.ok(r.fires);
    assert.match(r.base, /example_log of data source "Sysmon EventID 3"/);
    assert.match(r.text, /^<Event xmlns=.*<EventID>3<\/EventID>.*\n$/);
    assert.strictEqual(r.meta.sourcetype, 'xmlwineventlog');
  });
});
