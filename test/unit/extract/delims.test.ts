// DELIMS splitting: transforms.conf.spec says a double-quoted value may hold delimiter characters
// ("If a value may contain an embedded unescaped double quote … use REGEX, not DELIMS. An escaped
// double quote (\") is ok"), and that with FIELDS consecutive delimiters are not consumed.
import { strict as assert } from 'assert';
import { appFromTexts, mergeApps } from '../../../server/src/engine/extract/conf/layers';
import { FieldExtractor } from '../../../server/src/engine/extract/extractor';
import { splitDelimited } from '../../../server/src/engine/extract/ops/delims';

describe('extract/DELIMS splitting', () => {
  it('keeps empty pieces and splits at every delimiter character', () => {
    assert.deepEqual(splitDelimited('a,,b;c', ',;'), ['a', '', 'b', 'c']);
    assert.deepEqual(splitDelimited('', ','), ['']);
  });

  it('does not split inside a double-quoted value, nor end it at \\"', () => {
    assert.deepEqual(splitDelimited('1,"Mozilla/5.0 (KHTML, like Gecko)",x', ','), ['1', '"Mozilla/5.0 (KHTML, like Gecko)"', 'x']);
    assert.deepEqual(splitDelimited('"say \\"hi, there\\"",2', ','), ['"say \\"hi, there\\""', '2']);
  });

  it('an unclosed quote runs to the end of the text', () => {
    assert.deepEqual(splitDelimited('a,"b,c', ','), ['a', '"b,c']);
  });

  it('a FIELDS extraction takes a quoted value with commas as one field, without its quotes', () => {
    const ex = new FieldExtractor({
      config: mergeApps([appFromTexts('t', {
        'default/props.conf': '[csvlog]\nKV_MODE = none\nREPORT-cols = cols\n',
        'default/transforms.conf': '[cols]\nDELIMS = ","\nFIELDS = "id","agent","empty","last"\n',
      }, {})]),
    });
    const r = ex.extract({ raw: '7,"curl/8 (x, y)",,end', format: 'text', line: 1 }, { source: 's', sourcetype: 'csvlog', host: 'h' });
    assert.equal(r.id, '7');
    assert.equal(r.agent, 'curl/8 (x, y)');
    assert.equal(r.empty, undefined, 'an empty value is dropped (KEEP_EMPTY_VALS defaults to false)');
    assert.equal(r.last, 'end', 'the empty piece keeps its position');
  });
});
