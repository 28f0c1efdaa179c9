// Field names are data (issue 11): any name — `__proto__`, `constructor`, `hasOwnProperty`,
// `toString` or random — goes through extraction (key=value and JSON), lookup, eval, stats and every
// output format unchanged.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { runJob } from '../../../server/src/engine/pipeline/runJob';
import { toCsv, toResultJson, toTable } from '../../../server/src/engine/resultFormat';
import { jsonPathValues } from '../../../server/src/engine/eval/json';
import { runSpl } from '../../../server/src/engine/pipeline/runSpl';
import { newRow } from '../../../server/src/engine/types';

const DANGEROUS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable'];
const fieldName = fc.oneof(fc.constantFrom(...DANGEROUS), fc.stringMatching(/^f[A-Za-z0-9_]{0,10}$/));

describe('hardening: field names are data', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-names-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('extraction, lookup, eval, stats and table/csv/json output keep every name (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fieldName, { minLength: 3, maxLength: 3 }), fc.boolean(), async ([a, b, c], json) => {
        const dir = path.join(tmp, String(run++));
        fs.mkdirSync(path.join(dir, 'lookups'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'lookups', 't.csv'), `k,${c}\nv1,vc\n`);
        const log = path.join(dir, json ? 'e.json' : 'e.log');
        fs.writeFileSync(log, json ? `${JSON.stringify({ k: 'v1', [a]: 'va', [b]: 'vb' })}\n` : `k=v1 ${a}=va ${b}=vb\n`);
        const search = `* | lookup t k OUTPUT ${c} | eval e='${a}'."!" | stats count values(e) as ${b}_e by ${a} ${b} ${c}`;
        const r = await runJob({
          search,
          inputs: [{ path: log, format: json ? 'json' : 'kv', source: 'e', sourcetype: json ? '_json' : 'kv', host: 'h' }],
          lookupDirs: [path.join(dir, 'lookups')],
        });
        assert.strictEqual(r.error, undefined, `${search}: ${r.error?.message}`);
        const j = toResultJson(r, 'UTC');
        assert.deepStrictEqual(j.fields, [a, b, c, 'count', `${b}_e`]);
        assert.strictEqual(j.rows.length, 1);
        assert.deepStrictEqual(Object.entries(j.rows[0]), [[a, 'va'], [b, 'vb'], [c, 'vc'], ['count', '1'], [`${b}_e`, 'va!']]);
        const parsed = JSON.parse(JSON.stringify(j)) as { rows: Record<string, string>[] };
        assert.deepStrictEqual(Object.entries(parsed.rows[0]), [[a, 'va'], [b, 'vb'], [c, 'vc'], ['count', '1'], [`${b}_e`, 'va!']]);
        assert.strictEqual(toCsv(j), `${a},${b},${c},count,${b}_e\nva,vb,vc,1,va!\n`);
        const table = toTable(j).split('\n');
        assert.deepStrictEqual(table[0].split(/\s+/), [a, b, c, 'count', `${b}_e`]);
        assert.deepStrictEqual(table[2].split(/\s+/), ['va', 'vb', 'vc', '1', 'va!']);
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('a missing field named like an Object.prototype member is null, not a function', async () => {
    const row = Object.assign(newRow(), { _raw: 'x', k: '1' });
    const r = await runSpl(`* | eval a=isnull(constructor), b=isnull('toString'), c=isnull(__proto__) | lookup missing_table k`, [row]);
    assert.match(r.error?.message ?? '', /no lookup tables are available|not found/);
    const ok = await runSpl(`* | eval a=if(isnull(constructor),"null","set"), b=if(isnull(hasOwnProperty),"null","set") | table a b`, [row]);
    assert.deepStrictEqual(ok.rows.map((x) => ({ ...x })), [{ a: 'null', b: 'null' }]);
  });

  it('JSON paths name own keys only', () => {
    assert.deepStrictEqual(jsonPathValues({ a: 1 }, 'constructor'), []);
    assert.deepStrictEqual(jsonPathValues({ a: 1 }, '__proto__'), []);
    assert.deepStrictEqual(jsonPathValues(JSON.parse('{"__proto__": {"x": "p"}, "constructor": "c"}'), '__proto__.x'), ['p']);
    assert.deepStrictEqual(jsonPathValues(JSON.parse('{"constructor": "c"}'), 'constructor'), ['c']);
  });

  it('json_object() keeps a `__proto__` key; an eval function named constructor() is unknown', async () => {
    const row = Object.assign(newRow(), { _raw: 'x' });
    const r = await runSpl(`* | eval j=json_object("__proto__", "p", "constructor", "c")`, [row]);
    assert.strictEqual(r.rows[0].j, '{"__proto__":"p","constructor":"c"}');
    const bad = await runSpl('* | eval j=constructor(1)', [row]);
    assert.match(bad.error?.message ?? '', /unknown eval function constructor\(\)/);
  });
});
