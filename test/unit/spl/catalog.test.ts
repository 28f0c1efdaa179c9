import { strict as assert } from 'assert';
import { COMMANDS, commandNames, findCommand } from '../../../server/src/spl/catalog/commands';
import { EVAL_FUNCTIONS, findEvalFunction } from '../../../server/src/spl/catalog/evalFunctions';
import { STATS_FUNCTIONS, findStatsFunction } from '../../../server/src/spl/catalog/statsFunctions';

// Commands, eval functions and aggregations that security_content detections use (spl-usage.md §2, §3a, §3b).
const USED_COMMANDS = 'convert rename tstats stats where eval search table lookup rex fields bucket join eventstats fillnull regex spath foreach mvexpand dedup bin iplocation mstats apply inputlookup sort appendpipe append transaction xmlkv map replace summary outputlookup fromjson addtotals from makemv timechart anomalydetection multikv extract outlier streamstats cyberchef'.split(' ');
const USED_EVAL = 'if isnotnull match case mvindex like replace coalesce relative_time true now isnull mvcount split null mvjoin upper mvappend trim mvfind round urldecode len lower min strftime mvfilter tostring mvdedup strptime floor abs pow substr sqrt mvmap mvzip cidrmatch'.split(' ');
const COMMON_EVAL = 'tonumber printf searchmatch json_extract md5 sha1 sha256 mvsort mvrange isnum isstr typeof exact ltrim rtrim urldecode strcat random time'.split(' ');
const USED_STATS = 'count min max values dc latest earliest avg stdev sum list distinct_count p95 sparkline range'.split(' ');

describe('spl/catalog', () => {
  it('covers every command real detections use, with a family, syntax and description', () => {
    for (const name of USED_COMMANDS) {
      const c = findCommand(name);
      assert.ok(c, `missing command ${name}`);
      assert.ok(c.syntax.length > 0 && c.description.length > 10, name);
    }
    assert.equal(findCommand('bucket')?.name, 'bin');
    assert.equal(findCommand('STATS')?.name, 'stats');
  });

  it('has unique names and aliases and sensible flags', () => {
    const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    assert.equal(new Set(names).size, names.length);
    assert.equal(commandNames().length, names.length);
    for (const g of ['tstats', 'inputlookup', 'makeresults', 'rest', 'from', 'mstats']) assert.equal(findCommand(g)?.generating, true, g);
    for (const s of ['outputlookup', 'collect', 'sendemail', 'rest', 'script']) assert.equal(findCommand(s)?.sideEffects, true, s);
    for (const e of ['apply', 'summary', 'cyberchef']) assert.ok(findCommand(e)?.externalApp, e);
    assert.equal(findCommand('stats')?.generating, undefined);
    assert.deepEqual(findCommand('rex')?.options.map((o) => o.name), ['field', 'max_match', 'offset_field', 'mode']);
    for (const c of COMMANDS) for (const o of c.options) assert.ok(o.doc.length > 3, `${c.name}.${o.name}`);
  });

  it('covers the eval functions detections use plus the common documented ones', () => {
    for (const name of [...USED_EVAL, ...COMMON_EVAL]) assert.ok(findEvalFunction(name), `missing eval function ${name}`);
    assert.equal(findEvalFunction('ISNOTNULL')?.name, 'isnotnull');
    const names = EVAL_FUNCTIONS.map((f) => f.name);
    assert.equal(new Set(names).size, names.length);
    for (const f of EVAL_FUNCTIONS) {
      assert.ok(f.maxArgs === undefined || f.maxArgs >= f.minArgs, f.name);
      assert.ok(f.signature.startsWith(`${f.name}(`), f.name);
    }
    assert.deepEqual([findEvalFunction('if')?.minArgs, findEvalFunction('if')?.maxArgs], [3, 3]);
    assert.equal(findEvalFunction('case')?.maxArgs, undefined);
  });

  it('covers aggregations, aliases and the percentile family', () => {
    for (const name of USED_STATS) assert.ok(findStatsFunction(name), `missing aggregation ${name}`);
    assert.equal(findStatsFunction('distinct_count')?.name, 'dc');
    assert.equal(findStatsFunction('c')?.name, 'count');
    assert.equal(findStatsFunction('perc99.5')?.name, 'perc');
    assert.equal(findStatsFunction('exactperc50')?.name, 'exactperc');
    assert.equal(findStatsFunction('upperperc90')?.name, 'upperperc');
    assert.equal(findStatsFunction('p101'), undefined);
    assert.equal(findStatsFunction('bogus'), undefined);
    for (const f of STATS_FUNCTIONS) assert.ok(f.description.length > 10, f.name);
  });
});
