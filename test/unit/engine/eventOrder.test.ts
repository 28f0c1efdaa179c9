// Event order helpers (pipeline/eventOrder.ts) and the eventtype metadata pre-filter for a top-level
// OR of sources (pipeline/eventtypeSearch.ts).
import * as assert from 'assert';
import { parseSpl } from '../../../server/src/spl/parse';
import type { Command } from '../../../server/src/spl/ast';
import { NewestRows, needsNewestFirst, plainHeadCount, sortNewestFirst } from '../../../server/src/engine/pipeline/eventOrder';
import { eventtypeSearchCompiler } from '../../../server/src/engine/pipeline/eventtypeSearch';
import { newRow, type Row } from '../../../server/src/engine/types';

const cmd = (spl: string): Command => parseSpl(`| makeresults | ${spl}`).commands[1] as Command;
const row = (o: Record<string, string | number>): Row => Object.assign(newRow(), o);

describe('event order helpers', () => {
  it('sorts by _time descending, stably, rows without a time last', () => {
    const rows = [row({ x: 'a', _time: 1 }), row({ x: 'b' }), row({ x: 'c', _time: 3 }), row({ x: 'd', _time: 1 }), row({ x: 'e', _time: '2' })];
    assert.deepStrictEqual(sortNewestFirst(rows).map((r) => r.x), ['c', 'e', 'a', 'd', 'b']);
  });

  it('keeps the N newest of a stream, ties in read order, whatever the stream length', () => {
    const n = new NewestRows(3);
    for (let i = 0; i < 1000; i++) n.push(row({ i: String(i), _time: i % 10 }));
    assert.deepStrictEqual(n.result().map((r) => r.i), ['9', '19', '29']);
  });

  it('plain head counts; head with an eval condition or keeplast is not bounded', () => {
    assert.strictEqual(plainHeadCount(cmd('head 5')), 5);
    assert.strictEqual(plainHeadCount(cmd('head limit=7')), 7);
    assert.strictEqual(plainHeadCount(cmd('head')), 10);
    assert.strictEqual(plainHeadCount(cmd('head (x>1)')), undefined);
    assert.strictEqual(plainHeadCount(cmd('head keeplast=t 3')), undefined);
  });

  it('stats without order-dependent functions does not need the events sorted', () => {
    assert.strictEqual(needsNewestFirst(cmd('stats count by user')), false);
    assert.strictEqual(needsNewestFirst(cmd('stats first(x) by user')), true);
    assert.strictEqual(needsNewestFirst(cmd('stats latest(x)')), true);
    assert.strictEqual(needsNewestFirst(cmd('dedup user')), true);
    assert.strictEqual(needsNewestFirst(cmd('sort user')), true);
    assert.strictEqual(needsNewestFirst(cmd('top user')), false);
  });

  it('eventtype metadata pre-filter: a top-level OR of sources is a metadata condition', () => {
    const m = eventtypeSearchCompiler.metadataCondition!('(source="XmlWinEventLog:Security" OR source="WinEventLog:Security") EventCode=4688');
    assert.ok(m);
    assert.strictEqual(m!(row({ source: 'XmlWinEventLog:Security', sourcetype: 'x', host: 'h' })), true);
    assert.strictEqual(m!(row({ source: 'WinEventLog:Security', sourcetype: 'x', host: 'h' })), true);
    assert.strictEqual(m!(row({ source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'x', host: 'h' })), false);
    assert.strictEqual(eventtypeSearchCompiler.metadataCondition!('(source=A OR EventCode=1) x=1'), undefined);
  });
});
