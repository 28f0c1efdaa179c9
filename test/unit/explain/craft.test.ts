// Crafted events: every example detection fires on the event crafted from its data source's
// example_log; hand-built cases check the solver (wildcards, CIDR, IN, negations, several
// patterns on one field), the rewriting in each format, and thresholds.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { planCraft } from '../../../server/src/analysis/craftPlan';
import { ContentIndex } from '../../../server/src/content';
import { craftEvent } from '../../../server/src/engine/craft/craft';
import { rewriteCandidates } from '../../../server/src/engine/craft/rewrite';
import { solveSearch } from '../../../server/src/engine/craft/solve';
import { regexExample } from '../../../server/src/engine/craft/regexExample';
import { compileSearch } from '../../../server/src/engine/search/compile';
import { newRow, type Row } from '../../../server/src/engine/types';
import { parseSearchClause } from '../../../server/src/spl/parse';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const row = (o: Record<string, string>): Row => Object.assign(newRow(), o);

/** Applies the solver's field edits to a row directly and returns the clause's verdict. */
function solvedHolds(clause: string, r: Row): boolean {
  const expr = parseSearchClause(clause).expr!;
  const sol = solveSearch(expr, r);
  assert.ok(!('impossible' in sol), JSON.stringify(sol));
  const out = row({});
  Object.assign(out, r);
  for (const e of sol.edits) if ('field' in e) { if (e.value === undefined) delete out[e.field]; else out[e.field] = e.value; }
  const c = compileSearch(expr);
  return c.ok && c.fn(out);
}

describe('craft: solving a condition', () => {
  it('wildcards, CIDR, IN, != and NOT, several patterns on one field', () => {
    const base = row({ process: 'cmd.exe /c dir', dest_ip: '10.1.1.1', user: 'bob' });
    assert.ok(solvedHolds('process="*whoami*" process="*/groups*" process="* find *"', base));
    assert.ok(solvedHolds('process="*composer*" AND process="*run-script*" AND process="*sudo*"', base));
    assert.ok(solvedHolds('process="*sudo*node*" AND process="*-e*" AND process="*child_process.spawn*" AND process="*stdio*"', base));
    assert.ok(solvedHolds('dest_ip!=10.0.0.0/8 dest_ip!=192.168.0.0/16', base));
    assert.ok(solvedHolds('src_ip=172.16.0.0/12', base));
    assert.ok(solvedHolds('process_name IN ("reg.exe", "regedit.exe") NOT user=bob', base));
    assert.ok(solvedHolds('(a=1 b=2) OR c=3', base));
    assert.ok(solvedHolds('count>5 NOT process="cmd*"', base));
  });
  it('an OR takes the alternative needing the fewest edits', () => {
    const expr = parseSearchClause('(a=1 b=2) OR c=3').expr!;
    const sol = solveSearch(expr, row({}));
    assert.deepStrictEqual(sol, { edits: [{ field: 'c', value: '3', patterns: ['3'] }] });
  });
});

describe('craft: values for regular expressions', () => {
  it('derives a matching string for the patterns detections use', () => {
    for (const p of ['(?i)regasm\\.exe.{0,4}$', '^[A-Za-z]:\\\\Users\\\\\\w+\\\\AppData', '(?i)(-e|-enc)\\s+[A-Za-z0-9+/=]{20,}', 'cmd(\\.exe)?\\s+/c', '\\d{1,3}\\.\\d{1,3}\\.\\d+\\.\\d+']) {
      const v = regexExample(p);
      assert.ok(v !== undefined, p);
      assert.ok(new RegExp(p.replace(/^\(\?i\)/, ''), p.startsWith('(?i)') ? 'i' : '').test(v!), `${p} → ${v}`);
    }
  });
});

describe('craft: rewriting the raw event in its format', () => {
  it('replaces a value where it occurs, or adds a field in the format', () => {
    const xml = "<Event><System><EventID>1</EventID></System><EventData><Data Name='Image'>C:\\x\\cmd.exe</Data></EventData></Event>";
    assert.ok(rewriteCandidates(xml, 'xml', 'process_name', 'cmd.exe', 'reg.exe').includes(xml.replace('cmd.exe', 'reg.exe')));
    assert.ok(rewriteCandidates(xml, 'xml', 'CommandLine', undefined, 'reg add')[0].includes("<Data Name='CommandLine'>reg add</Data></EventData>"));
    const json = '{"a":{"b":"1"},"c":"x"}';
    assert.deepStrictEqual(JSON.parse(rewriteCandidates(json, 'json', 'a.d', undefined, 'v')[0]), { a: { b: '1', d: 'v' }, c: 'x' });
    assert.deepStrictEqual(JSON.parse(rewriteCandidates(json, 'json', 'list{}.name', undefined, 'main')[0]).list, [{ name: 'main' }]);
    assert.strictEqual(rewriteCandidates('user=bob action=login', 'kv', 'action', 'login', 'logout')[0], 'user=bob action=logout');
    assert.strictEqual(rewriteCandidates('user=bob', 'kv', 'src', undefined, 'h 1').pop(), 'user=bob src="h 1"');
  });
});

describe('craft: events that fire', function () {
  this.timeout(60000);
  const index = new ContentIndex();
  before(() => index.buildSync([EXAMPLES]));
  const detections = ['cloud', 'endpoint'].flatMap((d) => fs.readdirSync(path.join(EXAMPLES, 'detections', d)).map((f) => path.join(EXAMPLES, 'detections', d, f)));

  for (const file of detections) {
    it(`crafts an event that fires for ${path.basename(file)}`, async () => {
      const plan = await planCraft({ detectionFile: file }, index);
      const r = await craftEvent(plan.request);
      assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
      assert.ok(r.rows >= 1);
    });
  }

  it('edits an event that does not match: field values through the add-ons, in Windows XML', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
    const log = path.join(EXAMPLES, 'attack_data', 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log');
    // Event 8 is a process creation (EventID 1) without network fields.
    const plan = await planCraft({ detectionFile: file, from: log, event: 8 }, index);
    const r = await craftEvent(plan.request);
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.strictEqual(r.events.length, 1);
    assert.match(r.events[0], /<EventID>3<\/EventID>/);
    assert.ok(r.edits.some((e) => e.field === 'EventID' && e.to === '3'));
    assert.ok(r.edits.some((e) => e.field === 'dest_ip'));
  });

  it('a condition on a lookup output: the event gets the keys of a matching lookup row', async () => {
    const r = await craftEvent({
      search: 'action=connect | lookup suspicious_network_tools.csv process_name OUTPUT is_suspicious | where is_suspicious="true"',
      base: { raw: 'action=connect process_name=chrome.exe', format: 'kv' }, meta: { source: 's', sourcetype: 'st', host: 'h' },
      lookupDirs: [path.join(EXAMPLES, 'lookups')],
    });
    assert.ok(r.fires, `${r.unsatisfiable} ${r.notes.join('; ')}`);
    assert.match(r.events[0], /process_name=regsvcs\.exe/);
  });

  it('generates copies for a count threshold and distinct values for dc()', async () => {
    const base = { raw: 'user=bob action=fail src=h1', format: 'kv' as const };
    const meta = { source: 'auth', sourcetype: 'auth_kv', host: 'h' };
    const count = await craftEvent({ search: 'action=fail | stats count by user | where count >= 4', base, meta });
    assert.ok(count.fires);
    assert.strictEqual(count.events.length, 5);
    const dc = await craftEvent({ search: 'action=fail | stats dc(src) as hosts by user | where hosts > 2', base, meta });
    assert.ok(dc.fires, dc.unsatisfiable);
    assert.strictEqual(new Set(dc.events).size, dc.events.length);
    // A condition on a computed field: craft varies the event field it is computed from.
    const longer = await craftEvent({ search: 'action=fail | eval n=len(user) | where n > 10', base, meta });
    assert.ok(longer.fires, longer.unsatisfiable);
    assert.match(longer.notes.join(' '), /n is computed by the search; changing user/);
    const impossible = await craftEvent({ search: 'action=fail | eval n=len(user) | where n < 0', base, meta });
    assert.ok(!impossible.fires);
    assert.match(impossible.unsatisfiable!, /n is computed by the search \(eval n=…\)/);
  });
});
