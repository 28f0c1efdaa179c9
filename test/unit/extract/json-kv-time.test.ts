import { strict as assert } from 'assert';
import { flattenJsonText, flattenJsonValue } from '../../../server/src/engine/extract/auto/json-flatten';
import { autoKv } from '../../../server/src/engine/extract/auto/kv';
import { parseTimestamp, parseWithFormat } from '../../../server/src/engine/extract/auto/time';
import { eventTime, compileTimeSpec } from '../../../server/src/engine/extract/auto/event-time';
import { newRow } from '../../../server/src/engine/types';
import { CLOUDTRAIL } from './fixtures/events';

function flat(text: string): Record<string, string[]> | false {
  const out: Record<string, string[]> = {};
  const ok = flattenJsonText(text, (p, v) => (out[p] ??= []).push(v));
  return ok ? out : false;
}

describe('extract/JSON flattening', () => {
  it('names paths a.b.c, arrays a{} and a{}.b, keeps number/bool/null text, drops empty containers', () => {
    const f = flat('{"a":{"b":{"c":1}},"arr":[1,2.50,"x"],"objs":[{"k":"v1"},{"k":"v2","n":null}],"e":{},"ea":[],"s":"","t":true,"nested":[[1],[2]],"esc":"a\\"b\\u00e9"}');
    assert.ok(f);
    assert.deepEqual(f['a.b.c'], ['1']);
    assert.deepEqual(f['arr{}'], ['1', '2.50', 'x']);
    assert.deepEqual(f['objs{}.k'], ['v1', 'v2']);
    assert.deepEqual(f['objs{}.n'], ['null']);
    assert.equal(f.e, undefined);
    assert.equal(f.ea, undefined);
    assert.deepEqual(f.s, ['']);
    assert.deepEqual(f.t, ['true']);
    assert.deepEqual(f['nested{}{}'], ['1', '2']);
    assert.deepEqual(f.esc, ['a"bé']);
  });

  it('keeps big integers exactly and agrees with JSON.parse-based flattening otherwise', () => {
    const f = flat(CLOUDTRAIL) as Record<string, string[]>;
    assert.deepEqual(f.big, ['12345678901234567890']);
    const viaParse: Record<string, string[]> = {};
    flattenJsonValue(JSON.parse(CLOUDTRAIL), (p, v) => (viaParse[p] ??= []).push(v));
    for (const k of Object.keys(viaParse)) if (k !== 'big' && k !== 'ratio') assert.deepEqual(f[k], viaParse[k], k);
    assert.deepEqual(f['resources{}.type'], ['AWS::IAM::User', 'AWS::IAM::Policy']);
  });

  it('rejects invalid or trailing text without emitting anything', () => {
    for (const bad of ['{"a":1', '{"a":1} x', 'not json', '{"a":tru}', '{"a" 1}', '', '[1,]']) assert.equal(flat(bad), false, bad);
  });
});

describe('extract/automatic key=value', () => {
  const kv = (s: string, esc = false) => {
    const out: [string, string][] = [];
    autoKv(s, (k, v) => out.push([k, v]), esc);
    return out;
  };
  it('handles plain and double-quoted values', () => {
    assert.deepEqual(kv('a=1 b="two words" c= d=x'), [['a', '1'], ['b', 'two words'], ['d', 'x']]);
  });
  it('extracts auditd records including the pairs inside msg=\'…\'', () => {
    const got = kv("type=USER_CMD msg=audit(1700000000.123:42): pid=7 uid=0 msg='cwd=\"/root\" exe=\"/usr/bin/sudo\" res=success'UID=\"root\"");
    const m = new Map(got);
    assert.equal(got[0][1], 'USER_CMD');
    assert.equal(m.get('msg'), 'audit(1700000000.123:42):');
    assert.equal(m.get('exe'), '/usr/bin/sudo');
    assert.equal(m.get('res'), 'success');
    assert.equal(m.get('UID'), 'root');
  });
  it('auto_escaped honours \\" inside quotes', () => {
    assert.deepEqual(kv('a="x\\"y" b=2', true), [['a', 'x"y'], ['b', '2']]);
  });
});

describe('extract/timestamps', () => {
  it('parses ISO 8601 with fractions and offsets, epochs and common log formats', () => {
    assert.equal(parseTimestamp('2024-01-02T03:04:05Z'), Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
    assert.equal(parseTimestamp('2024-01-02T03:04:05.5+01:00'), Date.UTC(2024, 0, 2, 2, 4, 5) / 1000 + 0.5);
    assert.equal(parseTimestamp('2024-01-02 03:04:05'), Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
    assert.equal(parseTimestamp('1723044684.257'), 1723044684.257);
    assert.equal(parseTimestamp('01/14/2021 11:41:39 PM'), Date.UTC(2021, 0, 14, 23, 41, 39) / 1000);
    assert.equal(parseTimestamp('Jan 22, 2021 3:59:16 AM'), Date.UTC(2021, 0, 22, 3, 59, 16) / 1000);
    assert.equal(parseTimestamp('Mar  5 10:00:00', 2023), Date.UTC(2023, 2, 5, 10, 0, 0) / 1000);
    assert.equal(parseTimestamp('garbage'), undefined);
  });

  it('parses strptime-style TIME_FORMAT', () => {
    assert.equal(parseWithFormat('2024-01-02T03:04:05Z', '%Y-%m-%dT%H:%M:%S%Z'), Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
    assert.equal(parseWithFormat('02/Jan/2024:03:04:05 -0500', '%d/%b/%Y:%H:%M:%S %z'), Date.UTC(2024, 0, 2, 8, 4, 5) / 1000);
    assert.equal(parseWithFormat('1700000000.5', '%s'), 1700000000.5);
    assert.equal(parseWithFormat('12:00:00.123', '%H:%M:%S.%3N'), 12 * 3600 + 0.123);
    assert.equal(parseWithFormat('nope', '%Y'), undefined);
  });

  it('finds event time by TIME_PREFIX, TIMESTAMP_FIELDS or automatically', () => {
    const none = compileTimeSpec(() => undefined, []);
    assert.equal(eventTime('type=X msg=audit(1700000000.5:1): a=b', newRow(), none), 1700000000.5);
    assert.equal(eventTime('{"x":1,"eventTime":"2024-03-04T05:06:07Z"}', newRow(), none), Date.UTC(2024, 2, 4, 5, 6, 7) / 1000);
    assert.equal(eventTime('no time here', newRow(), none), undefined);
    const spec = compileTimeSpec((k) => ({ TIME_PREFIX: 'when=', TIME_FORMAT: '%Y/%m/%d' })[k as 'TIME_PREFIX'], []);
    assert.equal(eventTime('a=1 when=2020/05/06 x', newRow(), spec), Date.UTC(2020, 4, 6) / 1000);
    const row = newRow();
    row.ts = '2021-01-01T00:00:00Z';
    const byField = compileTimeSpec((k) => (k === 'TIMESTAMP_FIELDS' ? 'ts' : undefined), []);
    assert.equal(eventTime('{}', row, byField), Date.UTC(2021, 0, 1) / 1000);
  });
});
