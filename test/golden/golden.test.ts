// Golden suite: each case in cases/*.yaml gives events (rows), SPL and the expected output rows
// (worked out by hand from Splunk's documentation). Values are compared by their text (Splunk
// shows every value as text); multivalue fields as lists; row order and, when given, field order.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { runSpl } from '../../server/src/engine/pipeline/runSpl';
import { tableFromCsv, type LookupDefinition } from '../../server/src/engine/pipeline/csvLookups';
import type { LookupTable } from '../../server/src/engine/commands/types';
import { newRow, type Row } from '../../server/src/engine/types';
import { normRow } from '../support/goldenRows';

interface GoldenCase {
  name: string;
  doc?: string;
  events?: Record<string, unknown>[];
  lookups?: Record<string, string>;
  lookup_definitions?: Record<string, LookupDefinition>;
  spl: string;
  tz?: string;
  now?: number;
  /** stages: [command, rowsIn, rowsOut] or [command, rowsIn, rowsOut, matched] per stage. */
  expect: { rows?: Record<string, unknown>[]; fields?: string[]; error?: string; warning?: string; eventsRead?: number; stages?: (string | number)[][] };
}

function toRow(o: Record<string, unknown>): Row {
  const r = newRow();
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) r[k] = v.map((x) => String(x));
    else if (k === '_time' && typeof v === 'number') r[k] = v;
    else r[k] = String(v);
  }
  return r;
}

const dir = join(__dirname, 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('golden SPL cases', () => {
  for (const file of files) {
    const cases = load(readFileSync(join(dir, file), 'utf8')) as GoldenCase[];
    describe(file, () => {
      for (const c of cases) {
        it(c.name, async () => {
          const tables = new Map<string, LookupTable>();
          for (const [name, csv] of Object.entries(c.lookups ?? {})) {
            const def = c.lookup_definitions?.[name];
            tables.set(name, tableFromCsv(name, csv, def));
          }
          const resolver = { resolve: (n: string) => tables.get(n) ?? tables.get(`${n}.csv`) ?? tables.get(n.replace(/\.csv$/, '')) };
          const r = await runSpl(c.spl, (c.events ?? []).map(toRow), { tz: c.tz, now: c.now ?? 1700000000, lookups: resolver });
          if (c.expect.error) {
            assert.ok(r.error, `expected an error containing "${c.expect.error}"`);
            assert.ok(r.error.message.includes(c.expect.error), `error "${r.error.message}" lacks "${c.expect.error}"`);
          } else {
            assert.strictEqual(r.error, undefined, r.error ? `unexpected error: ${r.error.message}` : '');
          }
          if (c.expect.warning) assert.ok(r.warnings.some((w) => w.message.includes(c.expect.warning!)), `no warning containing "${c.expect.warning}"`);
          if (c.expect.rows) {
            assert.deepStrictEqual(r.rows.map((x) => normRow(x as Record<string, unknown>)), c.expect.rows.map(normRow));
          }
          if (c.expect.fields) assert.deepStrictEqual(r.fields, c.expect.fields);
          if (c.expect.eventsRead !== undefined) assert.strictEqual(r.eventsRead, c.expect.eventsRead, 'eventsRead');
          if (c.expect.stages) {
            assert.deepStrictEqual(r.stages.map((s) => [s.command, s.rowsIn, s.rowsOut, ...(s.matched !== undefined ? [s.matched] : [])]), c.expect.stages);
          }
        });
      }
    });
  }
});
