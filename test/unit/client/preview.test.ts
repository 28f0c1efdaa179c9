// Pure parts of the preview: the webview message validation, moving a run's positions through
// edits, the CodeLens words, the order in which a sample is chosen, and the table's sort order.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { lensTitles, searchKeyLineOf } from '../../../client/src/preview/lensText';
import { craftedFileName, craftSummary } from '../../../client/src/preview/craftText';
import { MAX_COPY_CHARS, parseFromWebview } from '../../../client/src/preview/protocol';
import { applyEdits, shiftPos, touches } from '../../../client/src/preview/rangeTracking';
import { attackDataProblem, automaticSample } from '../../../client/src/preview/sampleOrder';
import type { PreviewEntry } from '../../../client/src/preview/results';
import type { PreviewResult } from '../../../client/src/preview/protocol';
import { compareCells } from '../../../client/webview/sortOrder';

const span = (a: number, b: number, c: number, d: number) => ({ start: { line: a, character: b }, end: { line: c, character: d } });

describe('preview: messages from the webview', () => {
  it('accepts the known messages with valid fields', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'rerun' }), { type: 'rerun' });
    assert.deepStrictEqual(parseFromWebview({ type: 'craft', from: '/etc/passwd' }), { type: 'craft' });
    assert.deepStrictEqual(parseFromWebview({ type: 'reveal', stage: 3 }), { type: 'reveal', stage: 3 });
    assert.deepStrictEqual(parseFromWebview({ type: 'export', format: 'csv', extra: 'x' }), { type: 'export', format: 'csv' });
    assert.deepStrictEqual(parseFromWebview({ type: 'copy', text: 'a\tb' }), { type: 'copy', text: 'a\tb' });
    assert.deepStrictEqual(parseFromWebview({ type: 'explain', event: 3 }), { type: 'explain', event: 3, nearMisses: undefined });
    assert.deepStrictEqual(parseFromWebview({ type: 'explain', nearMisses: true }), { type: 'explain', event: undefined, nearMisses: true });
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };
    assert.deepStrictEqual(parseFromWebview({ type: 'revealRange', range }), { type: 'revealRange', range });
    assert.deepStrictEqual(parseFromWebview({ type: 'showMode', mode: 'compare' }), { type: 'showMode', mode: 'compare' });
  });

  it('drops malformed, unknown and oversized messages', () => {
    for (const m of [
      null, 'rerun', 42, {}, { type: 'eval', code: 'x' }, { type: 'reveal', stage: -1 }, { type: 'reveal', stage: 1.5 },
      { type: 'reveal', stage: '2' }, { type: 'stageRows' }, { type: 'export', format: 'html' }, { type: 'copy', text: 5 },
      { type: 'copy', text: { length: 1 } }, { type: '__proto__' }, { type: 'probeResult', id: 'x', report: {} },
      { type: 'explain', event: 0 }, { type: 'explain', event: 1.5 }, { type: 'explain', event: '2' },
      { type: 'revealRange', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }, { type: 'revealRange' },
      { type: 'showMode', mode: 'html' },
    ]) {
      assert.strictEqual(parseFromWebview(m), undefined, JSON.stringify(m));
    }
    const huge = { type: 'copy', text: { length: MAX_COPY_CHARS + 1 } as unknown as string };
    assert.strictEqual(parseFromWebview(huge), undefined);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (m) => {
      parseFromWebview(m);
    }));
  });
});

describe('preview: positions through edits', () => {
  it('moves positions after an edit on earlier lines and on the same line', () => {
    const insertLine = { range: span(1, 0, 1, 0), text: 'author: me\n' };
    assert.deepStrictEqual(shiftPos({ line: 3, character: 5 }, insertLine), { line: 4, character: 5 });
    const sameLine = { range: span(3, 0, 3, 2), text: 'abcd' };
    assert.deepStrictEqual(shiftPos({ line: 3, character: 5 }, sameLine), { line: 3, character: 7 });
    const joinLines = { range: span(1, 4, 2, 0), text: '' };
    assert.deepStrictEqual(shiftPos({ line: 3, character: 1 }, joinLines), { line: 2, character: 1 });
    assert.deepStrictEqual(shiftPos({ line: 0, character: 9 }, insertLine), { line: 0, character: 9 });
  });

  it('marks a run stale when an edit touches the search, and moves its ranges otherwise', () => {
    const search = span(2, 9, 3, 20);
    const stages = [span(2, 9, 2, 22), span(3, 4, 3, 20)];
    assert.strictEqual(applyEdits(search, stages, [{ range: span(2, 16, 2, 22), text: 'login' }]), undefined);
    assert.strictEqual(applyEdits(search, stages, [{ range: span(3, 20, 3, 20), text: 'x' }]), undefined, 'typing at the end of the search');
    const moved = applyEdits(search, stages, [{ range: span(0, 0, 0, 0), text: '# c\n' }])!;
    assert.deepStrictEqual(moved.watched, span(3, 9, 4, 20));
    assert.deepStrictEqual(moved.inner, [span(3, 9, 3, 22), span(4, 4, 4, 20)]);
    const after = applyEdits(search, stages, [{ range: span(5, 0, 6, 0), text: '' }])!;
    assert.deepStrictEqual(after.inner, stages);
    assert.ok(touches({ range: span(1, 0, 2, 9), text: '' }, search));
  });

  it('keeps a range’s text when lines are inserted before it (property)', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(5), fc.nat(30), fc.nat(10), (line, inserted, ch, len) => {
        const target = span(line + 1, ch, line + 1, ch + len);
        const e = { range: span(line, 0, line, 0), text: 'x\n'.repeat(inserted) };
        const moved = applyEdits(target, [target], [e])!;
        assert.deepStrictEqual(moved.watched, span(line + 1 + inserted, ch, line + 1 + inserted, ch + len));
      }),
    );
  });
});

describe('preview: CodeLens words', () => {
  const result = (over: Partial<PreviewResult> = {}): PreviewResult =>
    ({ fields: [], rows: [{}, {}, {}], stages: [], eventsRead: 12345, warnings: [], timezone: 'UTC', uri: 'u', search: 's', inputs: [], notes: [], macrosUsed: [], elapsedMs: 412, ...over }) as PreviewResult;
  const entry = (over: Partial<PreviewEntry>): PreviewEntry => ({ uri: 'u', title: 't', spec: { uri: 'u', sample: { origin: 'x' } }, stale: false, running: false, ...over });

  it('offers a preview before any run, then the summary and a re-run', () => {
    assert.deepStrictEqual(lensTitles(undefined).map((l) => l.title), ['▶ Preview on sample']);
    assert.deepStrictEqual(lensTitles(entry({ result: result() })).map((l) => l.title), ['3 results · 12,345 events · 412 ms', '▶ Re-run']);
    assert.deepStrictEqual(lensTitles(entry({ result: result({ rows: [{}], elapsedMs: 1500 }), stale: true })).map((l) => l.title), ['(out of date) 1 result · 12,345 events · 1.5 s', '▶ Re-run']);
    assert.match(lensTitles(entry({ result: result({ error: 'error: the local engine does not support the "mstats" command' }) }))[0].title, /^⚠ stopped: the local engine does not support/);
    assert.match(lensTitles(entry({ running: true }))[0].title, /Running/);
  });

  it('finds the top-level search: key, not a nested one', () => {
    const text = "name: x\ndrilldown_searches:\n- search: 'a'\nsearch: '| makeresults'\n";
    assert.strictEqual(searchKeyLineOf(text, '/r/detections/x.yml', 'yaml'), 3);
    assert.strictEqual(searchKeyLineOf('name: x\n', '/r/detections/x.yml', 'yaml'), undefined);
    assert.strictEqual(searchKeyLineOf('| makeresults', '/r/hunt.spl', 'spl'), 0);
  });
});

describe('preview: which sample runs', () => {
  const sources = (exists: boolean, dir = '/data') => ({
    name: 'X',
    attackDataDir: dir || undefined,
    attackData: [{ data: 'https://h/attack_data/master/datasets/a/b.log', file: '/data/datasets/a/b.log', exists, sourcetype: 'st' }],
    dataSources: [],
  });
  const picked = { logs: ['/tmp/mine.log'], origin: 'a log you picked' };

  it('prefers the attack data, then a remembered log; a log chosen from the panel wins', () => {
    assert.strictEqual(automaticSample(sources(true), undefined)!.origin, "the detection's attack data");
    assert.strictEqual(automaticSample(sources(true), { ...picked, picked: false })!.logs, undefined);
    assert.deepStrictEqual(automaticSample(sources(false), { ...picked, picked: false })!.logs, ['/tmp/mine.log']);
    assert.deepStrictEqual(automaticSample(sources(true), { ...picked, picked: true })!.logs, ['/tmp/mine.log']);
    assert.strictEqual(automaticSample(sources(false), undefined), undefined);
  });

  it('names the path that was looked for', () => {
    assert.strictEqual(attackDataProblem(sources(false)), 'The attack data b.log was not found: looked for /data/datasets/a/b.log.');
    assert.match(attackDataProblem(sources(false, ''))!, /no attack-data folder: set detectionWorkbench\.attackData/);
    assert.strictEqual(attackDataProblem(sources(true)), undefined);
  });
});

describe('preview: table sort order', () => {
  it('sorts numbers numerically, text case-insensitively, empty cells last', () => {
    const cells = ['10', '9', undefined, 'b', 'A', ['2', '1']];
    assert.deepStrictEqual([...cells].sort(compareCells), [['2', '1'], '9', '10', 'A', 'b', undefined]);
  });
});

describe('preview: crafting texts', () => {
  it('names the crafted log after the detection, with nothing a path could use', () => {
    assert.strictEqual(craftedFileName('/repo/detections/cloud/aws_cloudtrail_trail_deleted.yml'), 'aws_cloudtrail_trail_deleted.crafted.log');
    assert.strictEqual(craftedFileName('/x/..%2f evil name?.yaml'), '.._2f_evil_name_.crafted.log');
    assert.strictEqual(craftedFileName('/x/.yml'), 'detection.crafted.log');
  });
  it('summarises the edits, the rows, or why nothing fires', () => {
    const base = { events: ['e'], rows: 1, notes: [], meta: { source: 's', sourcetype: 'st', host: 'h' }, base: 'the example_log of data source "X"', text: 'e\n' };
    assert.strictEqual(
      craftSummary({ ...base, fires: true, edits: [{ field: 'eventName', from: 'ListBuckets', to: 'DeleteTrail' }, { field: 'x', to: undefined }] }),
      'Crafted an event from the example_log of data source "X" (edits: eventName → "DeleteTrail", x → (removed)); the search returns 1 row(s) on it.',
    );
    assert.strictEqual(
      craftSummary({ ...base, events: [], rows: 0, fires: false, edits: [], unsatisfiable: 'stage 3 (where): isOutlier depends on statistics over several events' }),
      'No crafted event fires: stage 3 (where): isOutlier depends on statistics over several events (started from the example_log of data source "X").',
    );
  });
});
