import { strict as assert } from 'assert';
import { parseConf } from '../../../server/src/engine/extract/conf/parser';
import { appFromTexts, mergeApps } from '../../../server/src/engine/extract/conf/layers';

describe('extract/conf parser', () => {
  it('parses stanzas, settings, comments and line numbers', () => {
    const c = parseConf('# comment\nKV_MODE = none\n\n[XmlWinEventLog]\nREPORT-a = t1, t2\n  # indented comment\nEVAL-x = if(a=1,"b","c")\n', 'p.conf');
    assert.equal(c.errors.length, 0);
    assert.deepEqual(c.stanzas.map((s) => s.name), ['default', 'XmlWinEventLog']);
    assert.equal(c.stanzas[0].settings.get('KV_MODE')?.value, 'none');
    const x = c.stanzas[1].settings.get('EVAL-x')!;
    assert.equal(x.value, 'if(a=1,"b","c")');
    assert.equal(x.line, 7);
  });

  it('joins continuation lines and keeps "=" inside values', () => {
    const c = parseConf('[s]\nEVAL-y = case(a=="1", "x",\\\n  true(), "z")\nREGEX = (?<k>a=b)\n');
    assert.equal(c.stanzas[0].settings.get('EVAL-y')?.value, 'case(a=="1", "x",  true(), "z")');
    assert.equal(c.stanzas[0].settings.get('REGEX')?.value, '(?<k>a=b)');
  });

  it('reports bad lines with their line numbers and never throws', () => {
    const c = parseConf('[ok]\nno equals sign here\n[broken\n= value\n');
    assert.deepEqual(c.errors.map((e) => e.line), [2, 3, 4]);
    assert.doesNotThrow(() => parseConf('\u0000[[[]]]=\\\n\\'));
  });

  it('a repeated key keeps the last value; a repeated stanza merges', () => {
    const c = parseConf('[a]\nk = 1\n[b]\nk = 2\n[a]\nk = 3\nj = 4\n');
    assert.equal(c.stanzas.length, 2);
    assert.equal(c.stanzas[0].settings.get('k')?.value, '3');
    assert.equal(c.stanzas[0].settings.get('j')?.value, '4');
  });
});

describe('extract/conf layers', () => {
  it('local/ wins over default/ within an app, later apps win over earlier ones', () => {
    const builtin = appFromTexts('builtin', {
      'default/props.conf': '[st]\nKV_MODE = json\nEVAL-a = "builtin"\nEVAL-b = "builtin"\n',
      'local/props.conf': '[st]\nEVAL-b = "builtin-local"\n',
    }, { 'x.csv': 'a,b\n1,builtin\n' });
    const user = appFromTexts('user', { 'default/props.conf': '[st]\nEVAL-a = "user"\n' }, { 'x.csv': 'a,b\n1,user\n' });
    const cfg = mergeApps([builtin, user]);
    const st = cfg.props.get('st')!;
    assert.equal(st.settings.get('KV_MODE')?.value, 'json');
    assert.equal(st.settings.get('EVAL-a')?.value, '"user"');
    assert.equal(st.settings.get('EVAL-a')?.app, 'user');
    assert.equal(st.settings.get('EVAL-b')?.value, '"builtin-local"');
    assert.equal(cfg.lookupFile('x.csv'), 'a,b\n1,user\n');
    assert.equal(cfg.lookupFile('missing.csv'), undefined);
  });

  it('collects parse problems of all files', () => {
    const cfg = mergeApps([appFromTexts('a', { 'default/transforms.conf': '[t]\nbad line\n' })]);
    assert.equal(cfg.problems.length, 1);
    assert.equal(cfg.problems[0].line, 2);
    assert.match(cfg.problems[0].file, /transforms\.conf/);
  });
});
