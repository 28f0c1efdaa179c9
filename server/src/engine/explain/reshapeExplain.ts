// What happened to the explained event at commands that reshape rows rather than test them:
// - timechart: the event is counted in the time bucket that holds its _time (buckets are the
//   output rows, each starting at its _time; the event's is the last one starting at or before
//   it — Search Reference, timechart: "_time ... the beginning of each bucket");
// - join: an inner join (the default type) keeps a row only when a subsearch row has the same
//   values of every join field (Search Reference, join: "type=inner ... only includes events that
//   have matches"); the detail names the fields, the event's values and how many subsearch rows
//   there were;
// - transaction: the event is in an output transaction when the merged row carries its marker
//   (transaction merges the fields of its events into multivalue fields); none holds it when
//   startswith/endswith/maxspan/maxpause constraints left it out or the transaction was discarded.
import type { Command } from '../../spl/ast';
import type { Row } from '../types';
import { option } from '../commands/args';
import { joinFields } from '../commands/join';
import { scalarText, toNumber, valuesOf } from '../eval/values';

/** The output row of a timechart that counts an event with time `t` (the last bucket starting at or before it). */
export function timechartBucket(out: Row[], t: number | undefined): number {
  if (t === undefined) return -1;
  let best = -1;
  let bestTime = -Infinity;
  out.forEach((r, i) => {
    const b = toNumber(r._time as never);
    if (b !== undefined && b <= t && b > bestTime) { best = i; bestTime = b; }
  });
  return best;
}

/** Why an inner join left the event out. */
export function joinDropDetail(cmd: Command, event: Row, subRows: Row[], leftRows: Row[]): string {
  const type = (option(cmd, 'type') ?? 'inner').toLowerCase();
  const fields = joinFields(cmd, leftRows, subRows);
  if (fields.length === 0) return `join (type=${type}) has no join field: the subsearch's rows share no field with the rows`;
  const absent = fields.filter((f) => event[f] === undefined);
  if (absent.length) return `join (type=${type}) drops a row without the join field${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`;
  const values = fields.map((f) => `${f}="${valuesOf(event[f]).map(scalarText).join(',')}"`).join(' ');
  return `join (type=${type}) found no row of the subsearch (${subRows.length} row${subRows.length === 1 ? '' : 's'}) with ${values} (values compared exactly, case-sensitively)`;
}
