import * as assert from 'assert';
import type { ResultJson } from '../../../server/src/engine/resultFormat';
import { compareResults, comparisonText } from '../../../server/src/splunk';

const result = (fields: string[], rows: Record<string, string | string[]>[], extra: Partial<ResultJson> = {}): ResultJson => ({
  fields,
  rows,
  stages: [],
  eventsRead: 0,
  warnings: [],
  timezone: 'UTC',
  ...extra,
});

describe('splunk: compare local and Splunk results', () => {
  it('matches rows regardless of order and treats _time as an instant', () => {
    const local = result(['_time', 'user', 'count'], [
      { _time: '2024-04-30T10:01:44.000+00:00', user: 'a', count: '1' },
      { _time: '2024-04-30T11:00:00.000+00:00', user: 'b', count: '2' },
    ]);
    const splunk = result(['_time', 'user', 'count', '_bkt', 'splunk_server'], [
      { _time: '2024-04-30T13:00:00.000+02:00', user: 'b', count: '2', _bkt: 'main~1', splunk_server: 'sh1' },
      { _time: '2024-04-30T12:01:44.000+02:00', user: 'a', count: '1', _bkt: 'main~2', splunk_server: 'sh1' },
    ]);
    const c = compareResults(local, splunk);
    assert.strictEqual(c.same, true);
    assert.strictEqual(c.matched, 2);
    assert.deepStrictEqual(c.compared, ['_time', 'user', 'count']);
    assert.deepStrictEqual(c.onlySplunkFields, []);
  });

  it('reports missing and extra rows and the differing fields of near rows', () => {
    const local = result(['user', 'count', 'ports'], [
      { user: 'a', count: '1', ports: ['443', '8443'] },
      { user: 'b', count: '2', ports: '80' },
      { user: 'c', count: '9', ports: '22' },
    ]);
    const splunk = result(['user', 'count', 'ports', 'extra'], [
      { user: 'a', count: '1', ports: ['443', '8443'], extra: 'x' },
      { user: 'b', count: '3', ports: '80' },
      { user: 'z', count: '7', ports: '25' },
    ]);
    const c = compareResults(local, splunk);
    assert.strictEqual(c.same, false);
    assert.strictEqual(c.matched, 1);
    assert.deepStrictEqual(c.onlySplunkFields, ['extra']);
    assert.deepStrictEqual(c.differing.map((d) => d.fields), [[{ field: 'count', local: '2', splunk: '3' }]]);
    assert.deepStrictEqual(c.missingOnSplunk, [{ user: 'c', count: '9', ports: '22' }]);
    assert.deepStrictEqual(c.extraOnSplunk, [{ user: 'z', count: '7', ports: '25' }]);
    assert.strictEqual(
      comparisonText(c),
      [
        'DIFFERENT: 1 row(s) match, 1 differ, 1 only local, 1 only on Splunk',
        'fields only on Splunk: extra',
        'row differs: user="b" count="2" ports="80"',
        '  count: local "2" vs Splunk "3"',
        'only local: user="c" count="9" ports="22"',
        'only on Splunk: user="z" count="7" ports="25"',
        '',
      ].join('\n'),
    );
  });

  it('counts duplicate rows (multisets), and a multivalue order difference is a difference', () => {
    const local = result(['v'], [{ v: 'x' }, { v: 'x' }, { v: ['1', '2'] }]);
    const splunk = result(['v'], [{ v: 'x' }, { v: ['2', '1'] }]);
    const c = compareResults(local, splunk);
    assert.strictEqual(c.matched, 1);
    assert.strictEqual(c.differing.length, 0, 'no field is equal, so nothing pairs');
    assert.deepStrictEqual(c.missingOnSplunk, [{ v: 'x' }, { v: ['1', '2'] }]);
    assert.deepStrictEqual(c.extraOnSplunk, [{ v: ['2', '1'] }]);
  });

  it('is never "same" when either side failed', () => {
    const c = compareResults(result([], []), result([], [], { error: 'error: Splunk FATAL: boom' }));
    assert.strictEqual(c.same, false);
    assert.deepStrictEqual(c.notes, ['the Splunk run failed: error: Splunk FATAL: boom']);
  });
});
