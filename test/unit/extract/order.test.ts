import { strict as assert } from 'assert';
import { appFromTexts, mergeApps } from '../../../server/src/engine/extract/conf/layers';
import { FieldExtractor } from '../../../server/src/engine/extract/extractor';
import { EvalCompiler } from '../../../server/src/engine/extract/ops/eval';
import { EngineMessage, FieldValue, Row } from '../../../server/src/engine/types';

/** A fake evaluator that knows only the expressions these tests use. */
const fakeEval: EvalCompiler = {
  compile(expr: string): ((row: Row) => FieldValue | undefined) | EngineMessage {
    const table: Record<string, (row: Row) => FieldValue | undefined> = {
      'y*2': (r) => (r.y === undefined ? undefined : Number(r.y) * 2),
      '100': () => 100,
      'upper(alias_of_a)': (r) => (r.alias_of_a === undefined ? undefined : String(r.alias_of_a).toUpperCase()),
      'null()': () => undefined,
      'lookup_out': (r) => r.lookup_out,
      'k': (r) => r.k,
    };
    return table[expr] ?? { severity: 'warning', message: `unsupported in test: ${expr}` };
  },
};

const meta = { source: '/logs/app.log', sourcetype: 'app', host: 'h1' };

function extractor(files: Record<string, string>, lookups: Record<string, string> = {}, evalCompiler: EvalCompiler | null = fakeEval) {
  return new FieldExtractor({ config: mergeApps([appFromTexts('t', files, lookups)]), evalCompiler: evalCompiler ?? undefined });
}

describe('extract/search-time operation order', () => {
  it('EXTRACT → REPORT → KV → FIELDALIAS → EVAL → LOOKUP, each seeing only earlier results', () => {
    const ex = extractor(
      {
        'default/props.conf': [
          '[app]',
          'KV_MODE = auto',
          'EXTRACT-a = a:(?<a>\\w+)',
          'EXTRACT-from_a = (?<ex_sees_report>\\w+) in rep', // REPORT runs later: no value
          'REPORT-r = rep_from_a',
          'FIELDALIAS-x = a AS alias_of_a kvfield AS kv_alias',
          'EVAL-up = upper(alias_of_a)',
          'EVAL-sees_lookup = lookup_out',
          'LOOKUP-l = tbl a OUTPUT lookup_out',
        ].join('\n'),
        'default/transforms.conf': '[rep_from_a]\nSOURCE_KEY = a\nREGEX = (\\w)\nFORMAT = rep::$1\n[tbl]\nfilename = t.csv\n',
      },
      { 't.csv': 'a,lookup_out\nfoo,found\n' },
    );
    const r = ex.extract({ raw: 'a:foo kvfield=7', format: 'text', line: 1 }, meta);
    assert.equal(r.a, 'foo');
    assert.equal(r.ex_sees_report, undefined);
    assert.equal(r.rep, 'f');
    assert.equal(r.kvfield, '7');
    assert.equal(r.kv_alias, '7');
    assert.equal(r.alias_of_a, 'foo');
    assert.equal(r.up, 'FOO');
    assert.equal(r.sees_lookup, undefined, 'EVAL runs before LOOKUP');
    assert.equal(r.lookup_out, 'found');
  });

  it('classes run in ASCII order; within a REPORT chain the first value wins unless MV_ADD', () => {
    const ex = extractor({
      'default/props.conf': '[app]\nKV_MODE = none\nREPORT-b = second\nREPORT-a = first\nREPORT-c = mv1, mv2\n',
      'default/transforms.conf': [
        '[first]\nREGEX = (\\d+)\nFORMAT = n::$1',
        '[second]\nREGEX = (\\w+)$\nFORMAT = n::$1',
        '[mv1]\nREGEX = (\\d)\nFORMAT = d::$1\nMV_ADD = true',
        '[mv2]\nREGEX = x(\\d)\nFORMAT = d::$1\nMV_ADD = true',
      ].join('\n'),
    });
    const r = ex.extract({ raw: '12 x3 end', format: 'text', line: 1 }, meta);
    assert.equal(r.n, '12');
    assert.deepEqual(r.d, ['1', '2', '3', '3']);
  });

  it('FIELDALIAS: AS removes the target when the source is missing, ASNEW keeps an existing target', () => {
    const ex = extractor({
      'default/props.conf': '[app]\nFIELDALIAS-a = missing AS b c ASNEW d e ASNEW f "g" AS "h"\n',
    });
    const r = ex.extract({ raw: 'b=1 c=2 d=3 e=4 g=5', format: 'text', line: 1 }, meta);
    assert.equal(r.b, undefined);
    assert.equal(r.d, '3');
    assert.equal(r.f, '4');
    assert.equal(r.h, '5');
  });

  it('EVALs run in parallel: each reads pre-EVAL values; an EVAL overrides; null removes', () => {
    const ex = extractor({ 'default/props.conf': '[app]\nEVAL-x = y*2\nEVAL-y = 100\nEVAL-k = null()\n' });
    const r = ex.extract({ raw: 'y=5 k=1', format: 'text', line: 1 }, meta);
    assert.equal(r.x, 10);
    assert.equal(r.y, 100);
    assert.equal(r.k, undefined);
  });

  it('without an eval compiler EVALs are skipped with one warning each (not per event)', () => {
    const ex = extractor({ 'default/props.conf': '[app]\nEVAL-x = y*2\nEVAL-z = 100\n' }, {}, null);
    for (let i = 0; i < 3; i++) ex.extract({ raw: 'y=1', format: 'text', line: i + 1 }, meta);
    const evalWarnings = ex.messages().filter((m) => m.message.startsWith('EVAL-'));
    assert.equal(evalWarnings.length, 2);
    assert.deepEqual(ex.plan(meta).skippedEvals.map((e) => e.field), ['x', 'z']);
  });

  it('LOOKUP: OUTPUT overwrites, OUTPUTNEW keeps, AS renames, multivalue inputs and wildcard match_type', () => {
    const ex = extractor(
      {
        'default/props.conf': '[app]\nLOOKUP-a = codes code AS c OUTPUT desc AS c_desc sev\nLOOKUP-b = codes code AS c OUTPUTNEW keep\nLOOKUP-w = wild name OUTPUT kind\n',
        'default/transforms.conf': '[codes]\nfilename = codes.csv\n[wild]\nfilename = wild.csv\nmatch_type = WILDCARD(name)\ncase_sensitive_match = false\n',
      },
      { 'codes.csv': 'code,desc,sev,keep\n1,one,low,new\n2,two,high,new\n', 'wild.csv': 'name,kind\n*.EXE,program\n*,other\n' },
    );
    const r = ex.extract({ raw: 'c=1 c=2 sev=orig keep=orig name=cmd.exe', format: 'text', line: 1 }, meta);
    assert.equal(r.c_desc, 'one');
    assert.equal(r.sev, 'low');
    assert.equal(r.keep, 'orig');
    assert.equal(r.kind, 'program');
  });

  it('eventtypes and tags: eventtype, tag::eventtype, tag::<field> and tag', () => {
    const ex = extractor({
      'default/props.conf': '[app]\nKV_MODE = auto\n',
      'default/eventtypes.conf': '[et_login]\nsearch = sourcetype=app action=log* NOT user=root\n[et_any]\nsearch = (code IN (4, 5) OR "special phrase")\n[et_off]\nsearch = action=*\ndisabled = 1\n',
      'default/tags.conf': '[eventtype=et_login]\nauthentication = enabled\nold = disabled\n[eventtype=et_any]\nmisc = enabled\n[action=login]\nsuccess = enabled\n',
    });
    const r = ex.extract({ raw: 'action=login user=bob code=5', format: 'text', line: 1 }, meta);
    assert.deepEqual(r.eventtype, ['et_any', 'et_login']);
    assert.deepEqual(r['tag::eventtype'], ['authentication', 'misc']);
    assert.equal(r['tag::action'], 'success');
    assert.deepEqual(r.tag, ['authentication', 'misc', 'success']);
    const r2 = ex.extract({ raw: 'action=login user=root', format: 'text', line: 2 }, meta);
    assert.equal(r2.eventtype, undefined);
    assert.equal(r2['tag::action'], 'success');
  });

  it('source:: settings override sourcetype settings of the same key; rename applies another sourcetype', () => {
    const ex = extractor({
      'default/props.conf': '[app]\nEVAL-who = 100\nEXTRACT-v = v=(?<v>\\d)\n[source::/logs/*.log]\nEXTRACT-v = v=\\d(?<v>\\d)\n[old:name]\nrename = app\n',
    });
    const r = ex.extract({ raw: 'v=12', format: 'text', line: 1 }, meta);
    assert.equal(r.v, '2');
    const r2 = ex.extract({ raw: 'v=34', format: 'text', line: 1 }, { source: 'other', sourcetype: 'old:name', host: 'h' });
    assert.equal(r2.v, '3');
    assert.equal(r2.sourcetype, 'old:name');
  });

  it('REPORT with DELIMS/FIELDS, named groups, _KEY_/_VAL_ and SOURCE_KEY', () => {
    const ex = extractor({
      'default/props.conf': '[app]\nKV_MODE = none\nREPORT-a = pairs, cols, named, dyn\n',
      'default/transforms.conf': [
        '[pairs]\nSOURCE_KEY = body\nDELIMS = ";", ":"',
        '[cols]\nREGEX = ^(?<body>[^|]+)\\|(?<csv>.*)$',
        '[named]\nSOURCE_KEY = csv\nREGEX = (?<_KEY_1>\\w+)@(?<_VAL_1>\\w+)',
        '[dyn]\nREGEX = (\\w+)#(\\w*)\nFORMAT = $1::$2',
      ].join('\n'),
    });
    const r = ex.extract({ raw: 'k1:v1;k 2:v2|x@y a#b e#', format: 'text', line: 1 }, meta);
    assert.equal(r.body, 'k1:v1;k 2:v2');
    // cols runs after pairs in the list, so pairs saw no body yet:
    assert.equal(r.k1, undefined);
    assert.equal(r.x, 'y');
    assert.equal(r.a, 'b');
    assert.equal(r.e, undefined, 'empty values are dropped');
    const ex2 = extractor({
      'default/props.conf': '[app]\nKV_MODE = none\nREPORT-a = cols\nREPORT-b = pairs, fields\n',
      'default/transforms.conf': '[pairs]\nSOURCE_KEY = body\nDELIMS = ";", ":"\n[cols]\nREGEX = ^(?<body>[^|]+)\n[fields]\nSOURCE_KEY = body\nDELIMS = ";"\nFIELDS = first, second\n',
    });
    const r2 = ex2.extract({ raw: 'k1:v1;k 2:v2|z', format: 'text', line: 1 }, meta);
    assert.equal(r2.k1, 'v1');
    assert.equal(r2.k_2, 'v2');
    assert.equal(r2.first, 'k1:v1');
    assert.equal(r2.second, 'k 2:v2');
  });

  it('reports config problems as messages instead of throwing', () => {
    const ex = extractor({
      'default/props.conf': '[app]\nREPORT-x = nope\nEXTRACT-bad = (unclosed\nFIELDALIAS-bad = a BS b\nLOOKUP-bad = nodef a\n',
      'default/eventtypes.conf': '[e]\nsearch = `macro`\n',
    });
    const r = ex.extract({ raw: 'a=1', format: 'text', line: 1 }, meta);
    assert.equal(r.a, '1');
    const texts = ex.messages().map((m) => m.message).join('\n');
    assert.match(texts, /no transform \[nope\]/);
    assert.match(texts, /Invalid regular expression/);
    assert.match(texts, /FIELDALIAS/);
    assert.match(texts, /no CSV lookup definition "nodef"/);
    assert.match(texts, /eventtype e/);
    assert.match(texts, /No timestamp found/);
    assert.equal(r._time, 0);
  });

  it('JSON events: KV_MODE=json, AUTO_KV_JSON under auto, INDEXED_EXTRACTIONS, CSV columns', () => {
    const ex = extractor({
      'default/props.conf': '[j]\nKV_MODE = json\n[idx]\nINDEXED_EXTRACTIONS = json\nKV_MODE = none\n[noauto]\nAUTO_KV_JSON = false\n',
    });
    const raw = '{"a":{"b":[1,2]},"c=d":"x"}';
    const j = ex.extract({ raw, format: 'json', line: 1 }, { ...meta, sourcetype: 'j' });
    assert.deepEqual(j['a.b{}'], ['1', '2']);
    const auto = ex.extract({ raw, format: 'json', line: 1 }, { ...meta, sourcetype: 'unknown' });
    assert.deepEqual(auto['a.b{}'], ['1', '2']);
    const idx = ex.extract({ raw, format: 'json', line: 1 }, { ...meta, sourcetype: 'idx' });
    assert.deepEqual(idx['a.b{}'], ['1', '2']);
    const noauto = ex.extract({ raw, format: 'json', line: 1 }, { ...meta, sourcetype: 'noauto' });
    assert.equal(noauto['a.b{}'], undefined);
    const csv = ex.extract({ raw: 'x,y', format: 'csv', line: 2, columns: { h1: 'x', h2: 'y', h3: '' } }, meta);
    assert.equal(csv.h1, 'x');
    assert.equal(csv.h3, undefined);
  });

  it('caches one plan per (source, sourcetype, host)', () => {
    const ex = extractor({ 'default/props.conf': '[app]\nKV_MODE = none\n' });
    assert.equal(ex.plan(meta), ex.plan({ ...meta }));
    assert.notEqual(ex.plan(meta), ex.plan({ ...meta, host: 'other' }));
  });
});
