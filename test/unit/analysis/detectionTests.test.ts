import * as assert from 'assert';
import { contentctlSkipReason, detectionTestsOf, riskFieldRange } from '../../../server/src/analysis/detectionTests';
import { createDocumentModel } from '../../../server/src/analysis/documentModel';
import { judgeRun } from '../../../server/src/analysis/testVerdict';
import type { RunResult } from '../../../server/src/engine/pipeline/run';
import { newRow, type Row } from '../../../server/src/engine/types';
import { xmlEscape } from '../../../server/src/cli/testReport';
import { runDetectionTest } from '../../../server/src/analysis/detectionTestRun';
import { DETECTION_FILE, examplesIndex } from './helpers';

const detection = (body: string) => createDocumentModel(DETECTION_FILE, body);

function result(rows: Record<string, string>[], stages: [string, number, number][], extra: Partial<RunResult> = {}): RunResult {
  let at = 0;
  return {
    fields: [...new Set(rows.flatMap((r) => Object.keys(r)))],
    rows: rows.map((r) => Object.assign(newRow(), r) as Row),
    stages: stages.map(([command, rowsIn, rowsOut]) => ({ command, rowsIn, rowsOut, ms: 1, range: { start: at, end: (at += 10) } })),
    warnings: [],
    eventsRead: stages[0]?.[1] ?? 0,
    ...extra,
  };
}

describe('detection tests: discovery', () => {
  it('lists each tests: item with its name and exact range, including one without a name', () => {
    const text = [
      'name: X',
      'search: "| makeresults"',
      'tests:',
      '- name: True Positive Test',
      '  attack_data:',
      '  - data: https://example.org/a.log',
      '- attack_data: []',
      '',
    ].join('\n');
    const tests = detectionTestsOf(detection(text));
    assert.deepStrictEqual(tests.map((t) => [t.index, t.name, t.attackData]), [
      [0, 'True Positive Test', 1],
      [1, 'test 2', 0],
    ]);
    assert.strictEqual(text.slice(tests[0].range.start, tests[0].range.start + 'name: True'.length), 'name: True');
    assert.strictEqual(text.slice(tests[1].range.start).trimEnd(), 'attack_data: []');
  });

  it('finds none outside detections or without tests:', () => {
    assert.deepStrictEqual(detectionTestsOf(detection('name: X\ntests: nope\n')), []);
    assert.deepStrictEqual(detectionTestsOf(createDocumentModel('/tmp/x/macros/m.yml', 'tests:\n- name: a\n')), []);
  });

  it("follows contentctl's skips: manual_test, non-production status, Correlation", () => {
    assert.strictEqual(contentctlSkipReason(detection('status: production\ntype: TTP\n')), undefined);
    assert.match(contentctlSkipReason(detection('status: experimental\n'))!, /status is experimental/);
    assert.match(contentctlSkipReason(detection('status: production\ntype: Correlation\n'))!, /Correlation/);
    assert.match(contentctlSkipReason(detection('status: production\ntags:\n  manual_test: needs ES\n'))!, /manual_test/);
  });

  it('places a risk field at its rba field: value or its v4 observable name:', () => {
    const v5 = 'rba:\n  risk_objects:\n  - field: user\n  threat_objects:\n  - field: "dest_host"\n';
    const r = riskFieldRange(detection(v5), 'dest_host')!;
    assert.strictEqual(v5.slice(r.start, r.end), '"dest_host"');
    const v4 = 'tags:\n  observable:\n  - name: src\n    role: [Attacker]\n';
    const r4 = riskFieldRange(detection(v4), 'src')!;
    assert.strictEqual(v4.slice(r4.start, r4.end), 'src');
    assert.strictEqual(riskFieldRange(detection(v4), 'user'), undefined);
  });
});

describe('detection tests: running', () => {
  it('fails, saying why, a test whose attack_data has no data: entry (rather than running on nothing)', async () => {
    const model = detection('name: X\nstatus: production\nsearch: "`sysmon` | stats count"\ntests:\n- name: T\n  attack_data:\n  - source: s\n');
    const [test] = detectionTestsOf(model);
    const o = await runDetectionTest(model, test, examplesIndex());
    assert.strictEqual(o.status, 'fail');
    assert.match(o.reason!, /no attack_data item with a data: path or URL/);
  });
});

describe("detection tests: contentctl's pass rule", () => {
  it('passes with rows holding every risk field (in any row)', () => {
    const v = judgeRun(result([{ user: 'a' }, { src: '1.2.3.4' }], [['search', 2, 2]]), ['user', 'src']);
    assert.deepStrictEqual(v, { status: 'pass', rows: 2 });
  });

  it('fails with rows when a risk field is in none of them (names are case-sensitive)', () => {
    const v = judgeRun(result([{ User: 'a', src: 'x' }], [['search', 1, 1]]), ['user', 'src']);
    assert.strictEqual(v.status, 'fail');
    assert.deepStrictEqual(v.missingFields, ['user']);
    assert.match(v.reason!, /1 result\(s\), but no result has the risk field user$/);
  });

  it('fails with no rows, naming the first stage whose output was empty', () => {
    const v = judgeRun(result([], [['search', 8, 4], ['stats', 4, 2], ['where', 2, 0], ['search', 0, 0]]), ['user']);
    assert.strictEqual(v.status, 'fail');
    assert.deepStrictEqual(v.stage, { index: 2, command: 'where', rowsIn: 2, range: { start: 20, end: 30 } });
    assert.match(v.reason!, /rows went to zero at stage 3 \(where: 2 in, 0 out\)/);
  });

  it('says so when the attack data yielded no events at all', () => {
    const v = judgeRun(result([], [['search', 0, 0]]), []);
    assert.match(v.reason!, /yielded no events/);
  });

  it('fails when the search cannot run, with the place of the error', () => {
    const v = judgeRun(result([], [], { error: { severity: 'error', message: 'unsupported command foo', range: { start: 3, end: 6 } } }), []);
    assert.strictEqual(v.status, 'fail');
    assert.match(v.reason!, /cannot run locally: unsupported command foo/);
    assert.deepStrictEqual(v.errorRange, { start: 3, end: 6 });
  });
});

describe('detection tests: junit escaping', () => {
  it('escapes markup and replaces characters XML 1.0 cannot hold', () => {
    assert.strictEqual(xmlEscape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    assert.strictEqual(xmlEscape('a\u0000b\u001bc\uD800d'), 'a\uFFFDb\uFFFDc\uFFFDd');
    assert.strictEqual(xmlEscape('line1\nline2\ttab'), 'line1&#10;line2\ttab');
    assert.strictEqual(xmlEscape('😀'), '😀', 'a surrogate pair is kept');
  });
});
