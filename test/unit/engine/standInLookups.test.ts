// Lookups a repository cannot ship: URL Toolbox computed lookups built in, ES asset/identity tables
// and repository KV store collections empty with a warning, lookup YAMLs found by their `name:`;
// commands that need a Splunk server say so and name the command.
import * as assert from 'assert';
import { join } from 'node:path';
import { runSpl } from '../../../server/src/engine/pipeline/runSpl';
import { createCsvLookupResolver } from '../../../server/src/engine/pipeline/csvLookups';
import { shannonEntropy } from '../../../server/src/engine/pipeline/standInLookups';
import { newRow, type Row } from '../../../server/src/engine/types';

const dir = join(__dirname, 'fixtures', 'lookups');
const lookups = createCsvLookupResolver([dir]);
const row = (o: Record<string, string | number>): Row => Object.assign(newRow(), o);

describe('stand-in lookups', () => {
  it('Shannon entropy in bits per character (worked by hand)', () => {
    assert.strictEqual(shannonEntropy(''), 0);
    assert.strictEqual(shannonEntropy('aaaa'), 0);
    assert.strictEqual(shannonEntropy('aabb'), 1); // two symbols, p = 1/2 each
    assert.strictEqual(shannonEntropy('abcd'), 2); // four symbols, p = 1/4 each
    // "aab": p(a)=2/3, p(b)=1/3 → −(2/3·log2(2/3) + 1/3·log2(1/3)) = 0.9182958340544896
    assert.ok(Math.abs(shannonEntropy('aab') - 0.9182958340544896) < 1e-12);
  });

  it('ut_shannon_lookup computes ut_shannon from word, as the URL Toolbox macro uses it', async () => {
    const r = await runSpl('* | lookup ut_shannon_lookup word AS user | table user ut_shannon', [row({ _raw: 'a', user: 'abcd' }), row({ _raw: 'b', user: 'aabb' })], { lookups });
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.deepStrictEqual(r.rows.map((x) => [x.user, x.ut_shannon]), [['abcd', '2'], ['aabb', '1']]);
    assert.ok(r.warnings.some((w) => /ut_shannon_lookup: computed by the built-in URL Toolbox lookup/.test(w.message)));
  });

  it('ES identity/asset tables are empty, accept custom columns and say so', async () => {
    const r = await runSpl('* | lookup identity_lookup_expanded objectSid AS sid OUTPUT downLevelDomainName AS u | table sid u', [row({ _raw: 'a', sid: 'S-1-5-21-1' })], { lookups });
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.deepStrictEqual(r.rows.map((x) => [x.sid, x.u]), [['S-1-5-21-1', undefined]]);
    assert.ok(r.warnings.some((w) => /Enterprise Security asset\/identity collection.*used empty/.test(w.message)));
    const i = await runSpl('| inputlookup asset_lookup_by_str | stats count', [], { lookups });
    assert.deepStrictEqual(i.rows.map((x) => x.count), [0]);
  });

  it('a KV store collection the repository defines starts empty with its fields_list, and the warning names its file', async () => {
    const r = await runSpl('| inputlookup previously_seen_things', [], { lookups });
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.deepStrictEqual(r.rows, []);
    assert.deepStrictEqual(r.fields, ['_key', 'thing', 'firstTimeSeen', 'lastTimeSeen']);
    assert.ok(r.warnings.some((w) => w.message.includes('KV store collection "previously_seen_things" (lookups/previously_seen_things.yml)') && w.message.includes('starts empty')));
  });

  it('finds a lookup YAML by its name: when the file name differs (brandMonitoring_lookup)', async () => {
    const r = await runSpl('* | lookup brandMonitoring_lookup domain AS query OUTPUT brand | table query brand', [row({ _raw: 'a', query: 'www.paypa1-login.test' }), row({ _raw: 'b', query: 'example.test' })], { lookups });
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.deepStrictEqual(r.rows.map((x) => [x.query, x.brand]), [['www.paypa1-login.test', 'paypal'], ['example.test', undefined]]);
  });

  it('an unknown lookup is still an error', async () => {
    const r = await runSpl('* | lookup no_such_lookup a OUTPUT b', [row({ _raw: 'a', a: '1' })], { lookups });
    assert.ok(r.error && /table "no_such_lookup" was not found/.test(r.error.message));
  });

  it('mstats and MLTK commands need a Splunk server, and the reason names the command', async () => {
    const m = await runSpl('| mstats avg(cpu) WHERE index=metrics', [], {});
    assert.ok(m.error && m.error.message.startsWith('"mstats" needs a Splunk server: it reads a metrics index'), m.error?.message);
    const a = await runSpl('* | apply my_model', [row({ _raw: 'a' })], {});
    assert.ok(a.error && /"apply" needs a Splunk server: it reads a model trained by the Machine Learning Toolkit/.test(a.error.message), a.error?.message);
  });
});
