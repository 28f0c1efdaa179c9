// Golden explain verdicts on hand-built rows. Expected verdicts follow Splunk's documented search
// semantics (Search Reference: "search" — values case-insensitive, `*` wildcard, AND binds tighter
// than OR only through explicit grouping: implicit AND between terms, `a=1 b=2 OR c=3` is
// `a=1 AND (b=2 OR c=3)`; "Difference between NOT and !=") and eval semantics (case-sensitive
// comparison; null comparisons drop the row in where).
import * as assert from 'assert';
import { parseEvalExpression, parseSearchClause, parseSpl } from '../../../server/src/spl/parse';
import { explainSearchExpr, blockers, leavesOf } from '../../../server/src/engine/explain/searchTree';
import { explainEvalExpr } from '../../../server/src/engine/explain/evalTree';
import { traceEvent } from '../../../server/src/engine/explain/trace';
import { rankNearMisses } from '../../../server/src/engine/explain/nearMiss';
import { datasetFieldMap, fieldSuggestions, fieldsPresent, missingFields } from '../../../server/src/engine/explain/missingFields';
import { defaultDataModels } from '../../../server/src/engine/datamodels/registry';
import type { ConditionNode } from '../../../server/src/engine/explain/types';
import { newRow, type Row } from '../../../server/src/engine/types';

const row = (o: Record<string, string | number | string[]>): Row => Object.assign(newRow(), o);
const id = { toOriginal: (r: { start: number; end: number }) => r };

function search(text: string, r: Row): ConditionNode {
  const p = parseSearchClause(text);
  assert.deepStrictEqual(p.errors, [], text);
  return explainSearchExpr(p.expr!, r, { text, ...id });
}

function where(text: string, r: Row): ConditionNode {
  const p = parseEvalExpression(text);
  assert.deepStrictEqual(p.errors, [], text);
  return explainEvalExpr(p.expr!, r, { text, ...id }, { tz: 'UTC', now: 0 });
}

const leaf = (n: ConditionNode, text: string) => leavesOf(n).find((l) => l.text === text)!;

describe('explain: search clause verdicts', () => {
  it('precedence: a=1 b=2 OR c=3 is a=1 AND (b=2 OR c=3)', () => {
    const n = search('a=1 b=2 OR c=3', row({ a: '2', c: '3' }));
    assert.strictEqual(n.kind, 'and');
    assert.strictEqual(n.verdict, false);
    assert.deepStrictEqual(n.children!.map((c) => [c.kind, c.text, c.verdict]), [['leaf', 'a=1', false], ['or', 'b=2 OR c=3', true]]);
    assert.strictEqual(leaf(n, 'a=1').reason!.code, 'value-mismatch');
    assert.strictEqual(leaf(n, 'b=2').reason!.code, 'field-absent');
    // Only a=1 stands in the way: the OR already holds through c=3.
    assert.deepStrictEqual(blockers(n).map((l) => l.text), ['a=1']);
    assert.strictEqual(search('a=1 b=2 OR c=3', row({ a: '1', c: '3' })).verdict, true);
  });
  it('!= needs the field; NOT keeps events without it', () => {
    const r = row({ user: 'bob' });
    const ne = search('dest!=x', r);
    assert.strictEqual(ne.verdict, false);
    assert.strictEqual(ne.reason!.code, 'field-absent');
    assert.match(ne.reason!.message, /requires the field to exist/);
    const not = search('NOT dest=x', r);
    assert.strictEqual(not.kind, 'not');
    assert.strictEqual(not.verdict, true);
    assert.strictEqual(not.children![0].verdict, false);
    // A present field with the value: != is false and says which value matched.
    const eq = search('user!=BOB', r);
    assert.strictEqual(eq.verdict, false);
    assert.strictEqual(eq.reason!.code, 'value-mismatch');
    assert.deepStrictEqual(eq.reason!.values, ['bob']);
  });
  it('wildcards and case: values case-insensitive, field names case-sensitive', () => {
    const r = row({ process: 'C:\\Windows\\System32\\CMD.EXE' });
    const w = search('process=*\\\\cmd.exe', r);
    assert.strictEqual(w.verdict, true, JSON.stringify(w));
    const miss = search('process=cmd.exe', r);
    assert.strictEqual(miss.verdict, false);
    assert.match(miss.reason!.rule!, /whole value must be equal/);
    const field = search('Process=*cmd.exe', r);
    assert.strictEqual(field.verdict, false);
    assert.strictEqual(field.reason!.code, 'field-absent');
  });
  it('CIDR: contained, not contained, and not an IP', () => {
    assert.strictEqual(search('ip=10.0.0.0/8', row({ ip: '10.1.2.3' })).verdict, true);
    const out = search('ip=10.0.0.0/8', row({ ip: '8.8.8.8' }));
    assert.strictEqual(out.verdict, false);
    assert.strictEqual(out.reason!.code, 'cidr-not-contained');
    assert.strictEqual(search('ip=10.0.0.0/8', row({ ip: 'host-a' })).reason!.code, 'type-mismatch');
  });
  it('multivalue: = holds when any value matches; != fails when any value matches', () => {
    const r = row({ tag: ['process', 'report'] });
    assert.strictEqual(search('tag=report', r).verdict, true);
    const ne = search('tag!=report', r);
    assert.strictEqual(ne.verdict, false);
    assert.match(ne.reason!.message, /one of its values matches/);
    const inList = search('tag IN (network, "rep*")', r);
    assert.strictEqual(inList.verdict, true);
  });
  it('numeric comparison against text is a type mismatch', () => {
    // "many" < "5" is false in text order ("m" sorts after "5").
    const n = search('count<5', row({ count: 'many' }));
    assert.strictEqual(n.verdict, false);
    assert.strictEqual(n.reason!.code, 'type-mismatch');
    assert.strictEqual(search('count>5', row({ count: '12' })).verdict, true);
  });
  it('bare terms match _raw at breaker boundaries', () => {
    const r = row({ _raw: 'user=administrator action=login' });
    assert.strictEqual(search('admin', r).reason!.code, 'term-absent');
    assert.strictEqual(search('login', r).verdict, true);
  });
});

describe('explain: where verdicts', () => {
  it('null comparison, case-sensitive equality, LIKE rule', () => {
    const r = row({ user: 'Bob', n: '3' });
    const absent = where('missing > 1', r);
    assert.strictEqual(absent.verdict, null);
    assert.strictEqual(absent.reason!.code, 'field-absent');
    const eq = where('user="bob"', r);
    assert.strictEqual(eq.verdict, false);
    assert.match(eq.reason!.rule!, /case-sensitively/);
    const tree = where('n > 2 AND like(user, "B%") AND NOT user="Bob"', r);
    assert.strictEqual(tree.kind, 'and');
    assert.deepStrictEqual(tree.children!.map((c) => c.verdict), [true, true, false]);
    assert.deepStrictEqual(blockers(tree).map((l) => l.text), ['user="Bob"']);
  });
});

describe('explain: trace through a pipeline', () => {
  const evs = [
    row({ _raw: 'a', user: 'u1', action: 'fail', n: '1' }),
    row({ _raw: 'b', user: 'u1', action: 'fail', n: '2' }),
    row({ _raw: 'c', action: 'fail', n: '3' }),
    row({ _raw: 'd', user: 'u2', action: 'ok', n: '4' }),
  ];
  const trace = (spl: string, target: number) => traceEvent({ pipeline: parseSpl(spl), ctx: { text: spl, ...id }, events: evs, target, run: { tz: 'UTC', now: 0 } });
  it('an event that fires: kept, grouped, kept', async () => {
    const t = await trace('action=fail | stats count by user | where count >= 2', 0);
    assert.strictEqual(t.outcome, 'fired');
    assert.deepStrictEqual(t.stages.map((s) => s.verdict), ['kept', 'grouped', 'kept']);
    assert.deepStrictEqual(t.stages[1].group!.by, [{ field: 'user', value: 'u1' }]);
    assert.strictEqual(t.results.length, 1);
    assert.strictEqual(t.results[0].count, 2);
  });
  it('transaction: an event merged with others is followed into its transaction', async () => {
    const timed = [row({ _raw: 'a', _time: 100, user: 'u1' }), row({ _raw: 'b', _time: 200, user: 'u1' }), row({ _raw: 'c', _time: 300, user: 'u2' })];
    const spl = 'user=* | transaction user maxspan=1h | where eventcount > 1';
    const run = (target: number) => traceEvent({ pipeline: parseSpl(spl), ctx: { text: spl, ...id }, events: timed, target, run: { tz: 'UTC', now: 0 } });
    const merged = await run(0);
    assert.strictEqual(merged.outcome, 'fired');
    assert.strictEqual(merged.stages[1].verdict, 'kept');
    // u2's transaction holds one event: the where over eventcount drops it.
    const alone = await run(2);
    assert.deepStrictEqual(alone.stages.map((x) => x.verdict), ['kept', 'kept', 'dropped']);
  });
  it('join (inner): names the join field values the subsearch did not have', async () => {
    const spl = 'action=fail | join user [| makeresults | eval user="u1", role="admin"] | table user role';
    const kept = await trace(spl, 0);
    assert.strictEqual(kept.outcome, 'fired');
    assert.strictEqual(kept.results[0].role, 'admin');
    const noField = await trace(spl, 2);
    assert.strictEqual(noField.stages[1].verdict, 'dropped');
    assert.match(noField.stages[1].detail, /drops a row without the join field user/);
    const other = await trace('action=ok | join user [| makeresults | eval user="u1", role="admin"]', 3);
    assert.strictEqual(other.stages[1].verdict, 'dropped');
    assert.match(other.stages[1].detail, /found no row of the subsearch \(1 row\) with user="u2"/);
  });
  it('timechart: the event is counted in the bucket that holds its _time', async () => {
    const timed = [row({ _raw: 'a', _time: 65, user: 'u1' }), row({ _raw: 'b', _time: 130, user: 'u2' })];
    const spl = 'user=* | timechart span=1m count by user';
    const t = await traceEvent({ pipeline: parseSpl(spl), ctx: { text: spl, ...id }, events: timed, target: 1, run: { tz: 'UTC', now: 0 } });
    assert.strictEqual(t.outcome, 'fired');
    // Buckets start at 60 and 120: the event at 130 is in the one starting at 120.
    assert.match(t.stages[1].detail, /bucket starting at _time=120/);
    assert.strictEqual(t.results.length, 1);
  });
  it('follows the event through table (new rows) and dedup (keeps the first row per value)', async () => {
    const t = await trace('action=fail | table user n | dedup user', 1);
    assert.deepStrictEqual(t.stages.map((s) => s.verdict), ['kept', 'kept', 'dropped']);
    assert.match(t.stages[2].detail, /dedup removed/);
    const first = await trace('action=fail | table user n | dedup user', 0);
    assert.strictEqual(first.outcome, 'fired');
    assert.deepStrictEqual(Object.keys(first.results[0]).sort(), ['n', 'user']);
  });
  it('a missing by-field: no group', async () => {
    const t = await trace('action=fail | stats count by user', 2);
    assert.strictEqual(t.outcome, 'dropped');
    assert.strictEqual(t.stages[1].verdict, 'no-group');
    assert.deepStrictEqual(t.stages[1].group!.missing, ['user']);
  });
  it('dropped by the search clause, later stages not reached', async () => {
    const t = await trace('action=fail | stats count by user', 3);
    assert.strictEqual(t.stoppedAt, 0);
    assert.deepStrictEqual(t.stages.map((s) => s.verdict), ['dropped', 'not-reached']);
    assert.strictEqual(t.stages[0].condition!.reason!.code, 'value-mismatch');
  });
  it('a where over the aggregate drops the group', async () => {
    const t = await trace('action=fail | stats count by user | where count > 5', 0);
    assert.strictEqual(t.stages[2].verdict, 'dropped');
    assert.match(t.stages[2].detail, /count = "?2/);
  });
  it('tstats by _time span=1h: the group of the event is its hour', async () => {
    const ev = [row({ _raw: 'x', _time: 7200 + 1234, user: 'u1', action: 'fail' }), row({ _raw: 'y', _time: 3600 + 10, user: 'u1', action: 'fail' })];
    const spl = '| tstats count where action=fail by _time span=1h user';
    const t = await traceEvent({ pipeline: parseSpl(spl), ctx: { text: spl, ...id }, events: ev, target: 0, run: { tz: 'UTC', now: 0 } });
    assert.strictEqual(t.stages[0].verdict, 'grouped');
    assert.strictEqual(t.results.length, 1);
    assert.strictEqual(t.results[0]._time, 7200);
  });
  it('tstats: the data-set constraint that excluded the event', async () => {
    const ev = [row({ _raw: 'x', tag: ['network'], process_name: 'cmd.exe', dest: 'h1' }), row({ _raw: 'y', tag: ['process', 'report'], process_name: 'cmd.exe', dest: 'h1' })];
    const spl = '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest';
    const t0 = await traceEvent({ pipeline: parseSpl(spl), ctx: { text: spl, ...id }, events: ev, target: 0, run: { tz: 'UTC', now: 0 } });
    assert.strictEqual(t0.stages[0].verdict, 'excluded');
    const failed = t0.stages[0].dataset!.constraints.flatMap((k) => blockers(k.condition)).map((l) => l.text);
    assert.deepStrictEqual(failed, ['tag=process', 'tag=report']);
    const t1 = await traceEvent({ pipeline: parseSpl(spl), ctx: { text: spl, ...id }, events: ev, target: 1, run: { tz: 'UTC', now: 0 } });
    assert.strictEqual(t1.stages[0].verdict, 'grouped');
    assert.deepStrictEqual(t1.stages[0].group!.by, [{ field: 'Processes.dest', value: 'h1' }]);
    const miss = '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=regsvcs.exe by Processes.dest';
    const t2 = await traceEvent({ pipeline: parseSpl(miss), ctx: { text: miss, ...id }, events: ev, target: 1, run: { tz: 'UTC', now: 0 } });
    assert.strictEqual(t2.stages[0].verdict, 'excluded');
    assert.match(t2.stages[0].detail, /where clause is false.*process_name/);
  });
});

describe('explain: near misses and missing fields', () => {
  it('ranks rows by satisfied leaves and lists the failed ones', async () => {
    const evs = [
      row({ _raw: '1', EventCode: '1', Image: 'C:\\x\\RegSvcs.exe' }),
      row({ _raw: '2', EventCode: '3', Image: 'C:\\x\\RegSvcs.exe', process_name: 'RegSvc.exe' }),
      row({ _raw: '3', EventCode: '3', process_name: 'cmd.exe', dest_ip: '10.1.1.1' }),
    ];
    const spl = 'EventCode=3 process_name=regsvcs.exe dest_ip!=10.0.0.0/8';
    const t = await traceEvent({ pipeline: parseSpl(spl), ctx: { text: spl, ...id }, events: evs, target: -1, run: { tz: 'UTC', now: 0 } });
    assert.strictEqual(t.resultCount, 0);
    const r = rankNearMisses(t.deciding!, { text: spl, ...id }, { tz: 'UTC', now: 0 });
    assert.deepStrictEqual(r.nearMisses.map((m) => [m.event, m.satisfied, m.failed.map((l) => l.text)]), [
      [2, 1, ['process_name=regsvcs.exe', 'dest_ip!=10.0.0.0/8']],
      [3, 1, ['process_name=regsvcs.exe', 'dest_ip!=10.0.0.0/8']],
      [1, 0, ['EventCode=3', 'process_name=regsvcs.exe', 'dest_ip!=10.0.0.0/8']],
    ]);
    assert.strictEqual(r.nearMisses[1].failed[1].reason!.code, 'value-mismatch');
  });
  it('fields read but never present, with suggestions', () => {
    const spl = 'process_nme=x | eval y=lower(user) | where y="a" | stats count by dest';
    const present = fieldsPresent([row({ process_name: 'a', process_id: '1', user: 'u', _raw: 'r' })]);
    const m = missingFields(parseSpl(spl), present);
    assert.deepStrictEqual(m.map((x) => [x.field, x.suggestions[0]]), [['process_nme', 'process_name'], ['dest', undefined]]);
    assert.deepStrictEqual(m[0].ranges, [{ start: 0, end: 11 }]);
    assert.deepStrictEqual(fieldSuggestions('Process_Name', ['proc', 'process_name']), ['process_name', 'proc']);
    assert.deepStrictEqual(fieldSuggestions('usr', ['User', 'user']), ['user', 'User']);
  });
  it('tstats: data-set fields are read from the event fields of the same name', () => {
    const spl = '| tstats count from datamodel=Endpoint.Processes where Processes.process_nme=x by Processes.dest Processes.user';
    const present = fieldsPresent([row({ process_name: 'a', dest: 'd', user: 'u' })]);
    const m = missingFields(parseSpl(spl), present, undefined, datasetFieldMap(defaultDataModels()));
    assert.deepStrictEqual(m.map((x) => [x.field, x.suggestions[0]]), [['process_nme', 'process_name']]);
    assert.strictEqual(spl.slice(m[0].ranges[0].start, m[0].ranges[0].end), 'Processes.process_nme');
  });
});
