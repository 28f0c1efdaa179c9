import { strict as assert } from 'assert';
import { analyzeSpl, type SplAnalysisContext, type SplDiagnostic } from '../../../server/src/spl/diagnostics';
import { outputFieldsOf } from '../../../server/src/spl/outputFields';
import { parseSpl } from '../../../server/src/spl/parse';
import { at } from './helpers';

const diag = (text: string, ctx: SplAnalysisContext = {}): SplDiagnostic[] => analyzeSpl(parseSpl(text), ctx);
const codes = (ds: SplDiagnostic[]): string[] => ds.map((d) => d.code);

describe('spl/diagnostics', () => {
  it('returns nothing for a clean search', () => {
    const t = '`sysmon` EventCode=1 | stats count min(_time) as firstTime by dest | `security_content_ctime(firstTime)` | `x_filter`';
    assert.deepEqual(diag(t, { macros: new Map([['sysmon', [0]], ['security_content_ctime', [1]]]) }), []);
  });

  it('turns parse errors into error diagnostics at their ranges', () => {
    const t = 'x | where (a=1';
    const d = diag(t);
    assert.deepEqual(d.map((x) => [x.code, x.severity, x.range]), [['dw.spl.unbalanced-paren', 'error', at(t, '(')]]);
  });

  it('flags unknown commands with the closest suggestion', () => {
    const t = 'x | stast count | eventstat count | mycustomthing a';
    const d = diag(t);
    assert.deepEqual(codes(d), ['dw.spl.unknown-command', 'dw.spl.unknown-command', 'dw.spl.unknown-command']);
    assert.deepEqual(d[0].range, at(t, 'stast'));
    assert.equal(d[0].suggestions?.[0], 'stats');
    assert.equal(d[1].suggestions?.[0], 'eventstats');
    assert.deepEqual(d[2].suggestions, []);
    assert.equal(d[0].severity, 'warning');
  });

  it('flags unknown macros (up to 3 suggestions) and wrong argument counts', () => {
    const ctx = { macros: new Map([['security_content_ctime', [1]], ['sysmon', [0]], ['sysmon_process', [0]]]) };
    const t = '`sysmn` x | `security_content_ctime` | `security_content_ctime(a, b)` | `drop_dm_object_name(Processes)` | `get_asset()` | `z_filter`';
    const d = diag(t, ctx);
    assert.deepEqual(d.map((x) => [x.code, x.range]), [
      ['dw.spl.unknown-macro', at(t, 'sysmn')],
      ['dw.spl.macro-arg-count', at(t, '`security_content_ctime`')],
      ['dw.spl.macro-arg-count', at(t, '`security_content_ctime(a, b)`')],
      ['dw.spl.macro-arg-count', at(t, '`get_asset()`')],
    ]);
    assert.deepEqual(d[0].suggestions, ['sysmon']);
    assert.match(d[1].message, /takes 1 argument, not 0/);
  });

  it('checks macros inside eval, tstats where and subsearches', () => {
    const t = 'x | eval a=`m1` | tstats count where `m2` | join u [search `m3`]';
    const d = diag(t, { macros: new Map() });
    assert.deepEqual(d.map((x) => x.range), [at(t, 'm1'), at(t, 'm2'), at(t, 'm3')]);
  });

  it('flags unknown eval functions, bad argument counts and unknown aggregations', () => {
    const t = 'x | eval a=ifnull(b), c=if(d, 1), e=LOWER(f), g=mvindex(h, 0) | stats coutn(x) p99(y) perc5(z) distinct_count(w) | where isnul(a)';
    const d = diag(t);
    assert.deepEqual(d.map((x) => [x.code, t.slice(x.range.start, x.range.end)]), [
      ['dw.spl.unknown-function', 'ifnull'],
      ['dw.spl.function-arg-count', 'if(d, 1)'],
      ['dw.spl.unknown-aggregation', 'coutn'],
      ['dw.spl.unknown-function', 'isnul'],
    ]);
    assert.equal(d[3].suggestions?.[0], 'isnull');
    assert.equal(d[2].suggestions?.[0], 'count');
  });

  it('informs about lowercase and/or/not in search clauses only', () => {
    const t = 'a or b AND c not d | search x and y | where p and q';
    const d = diag(t);
    assert.deepEqual(d.map((x) => [x.code, x.severity, t.slice(x.range.start, x.range.end)]), [
      ['dw.spl.lowercase-operator', 'information', 'or'],
      ['dw.spl.lowercase-operator', 'information', 'not'],
      ['dw.spl.lowercase-operator', 'information', 'and'],
    ]);
    assert.deepEqual(d[0].suggestions, ['OR']);
  });

  it('warns about data-model field prefixes with the wrong case, underlining the prefix', () => {
    const t = '| tstats count from datamodel=Endpoint.Processes where (Processes.process_name=a OR processes.process_name=b) by Processes.dest PROCESSES.user';
    const d = diag(t);
    assert.deepEqual(d.map((x) => [x.code, x.range]), [
      ['dw.spl.datamodel-field-case', at(t, 'processes')],
      ['dw.spl.datamodel-field-case', at(t, 'PROCESSES')],
    ]);
    assert.deepEqual(d[0].suggestions, ['Processes.process_name']);
    const t2 = '| tstats count from datamodel=Web.Web where web.url=*x* by Web.src';
    assert.deepEqual(diag(t2).map((x) => x.range), [at(t2, 'web')]);
    // a dataset name from the context (datamodel=Network_Traffic has the root dataset All_Traffic)
    const t3 = '| tstats count from datamodel=Network_Traffic where all_traffic.dest_port=443 by All_Traffic.src';
    assert.deepEqual(diag(t3).length, 0);
    const ctx = { dataModelFields: new Map([['All_Traffic', new Set(['dest_port', 'src'])]]) };
    assert.deepEqual(diag(t3, ctx).map((x) => x.range), [at(t3, 'all_traffic')]);
  });

  it('flags unknown lookups when the lookups are known', () => {
    const t = 'x | lookup asset_lookup ip OUTPUT owner | inputlookup asset_lookups.csv';
    const d = diag(t, { lookups: new Set(['asset_lookup', 'asset_lookup.csv']) });
    assert.deepEqual(d.map((x) => [x.code, x.range]), [['dw.spl.unknown-lookup', at(t, 'asset_lookups.csv')]]);
    assert.ok(d[0].suggestions?.includes('asset_lookup.csv'));
  });
});

describe('spl/outputFields', () => {
  const out = (t: string): string[] | undefined => {
    const f = outputFieldsOf(parseSpl(t));
    return f ? [...f].sort() : undefined;
  };

  it('is undefined when events pass through', () => {
    assert.equal(out('`sysmon` EventCode=1'), undefined);
    assert.equal(out('x | eval a=1 | where a=1'), undefined);
    assert.equal(out('x | stats count by a | spath'), undefined);
  });

  it('follows stats, tstats, table, fields, rename, eval, lookup, convert, rex', () => {
    assert.deepEqual(out('x | stats count dc(u) values(p) as ps by host, dest'), ['count', 'dc(u)', 'dest', 'host', 'ps']);
    assert.deepEqual(
      out('| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* AS * | convert ctime(firstTime) | `x_filter`'),
      ['count', 'dest', 'firstTime', 'user'],
    );
    assert.deepEqual(out('x | table a b c | fields - b'), ['a', 'c']);
    assert.deepEqual(out('x | stats count by a | eval b=1 | lookup t a OUTPUT c AS d | rex field=a "(?<e>x)(?P<f>y)"'), ['a', 'b', 'count', 'd', 'e', 'f']);
    assert.deepEqual(out('x | stats count by user | eventstats avg(count) as avg | where count > avg | sort - count'), ['avg', 'count', 'user']);
    assert.equal(out('x | table a* b'), undefined);
    assert.deepEqual(out('x | stats count by a1 a2 b | table a* count'), ['a1', 'a2', 'count']);
  });
});
