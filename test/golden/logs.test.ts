// Golden suite over raw logs: each case in logs/*.yaml gives a log text with its source and
// sourcetype, SPL, and the expected rows. The log goes through the readers, the built-in add-on
// packs (props/transforms/eventtypes/tags) and the engine, as `run` does. Expected values are worked
// out by hand from Splunk's documentation and the add-ons' documented .conf behaviour (see each
// file's header), never copied from the engine's output.
import * as assert from 'assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { runJob } from '../../server/src/engine/pipeline/runJob';
import { toResultJson } from '../../server/src/engine/resultFormat';
import { normRow } from '../support/goldenRows';

interface LogCase {
  name: string;
  source: string;
  sourcetype: string;
  log: string;
  spl: string;
  tz?: string;
  /** `rendered`: the rows as the CLI/JSON results show them (toResultJson, in `tz`). */
  expect: { rows?: Record<string, unknown>[]; fields?: string[]; warning?: string; rendered?: Record<string, string | string[]>[] };
}

const dir = join(__dirname, 'logs');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('golden SPL cases over raw logs and the built-in packs', function () {
  this.timeout(20000);
  const tmp = mkdtempSync(join(tmpdir(), 'golden-logs-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  for (const file of files) {
    const cases = load(readFileSync(join(dir, file), 'utf8')) as LogCase[];
    describe(file, () => {
      cases.forEach((c, i) => {
        it(c.name, async () => {
          const path = join(tmp, `${file}-${i}.log`);
          writeFileSync(path, c.log);
          const r = await runJob({ search: c.spl, inputs: [{ path, source: c.source, sourcetype: c.sourcetype, host: 'golden' }], tz: c.tz ?? 'UTC', now: 1700000000 });
          assert.strictEqual(r.error, undefined, r.error ? `unexpected error: ${r.error.message}` : '');
          if (c.expect.warning) assert.ok(r.warnings.some((w) => w.message.includes(c.expect.warning!)), `no warning containing "${c.expect.warning}"`);
          if (c.expect.rows) assert.deepStrictEqual(r.rows.map((x) => normRow(x as Record<string, unknown>)), c.expect.rows.map(normRow));
          if (c.expect.fields) assert.deepStrictEqual(r.fields, c.expect.fields);
          // result rows are null-prototype maps (field names are data): compare their entries
          if (c.expect.rendered) assert.deepStrictEqual(toResultJson(r, c.tz ?? 'UTC').rows.map((x) => ({ ...x })), c.expect.rendered);
        });
      });
    });
  }
});
