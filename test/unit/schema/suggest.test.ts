import * as assert from 'assert';
import { editDistance, suggest } from '../../../server/src/schema/suggest';
import { ASSET_TYPE, SECURITY_DOMAIN } from '../../../server/src/schema/model';

describe('schema/suggest', () => {
  it('computes Damerau-Levenshtein (OSA) distances', () => {
    assert.strictEqual(editDistance('kitten', 'sitting'), 3);
    assert.strictEqual(editDistance('abcd', 'abdc'), 1); // transposition
    assert.strictEqual(editDistance('', 'abc'), 3);
    assert.strictEqual(editDistance('same', 'same'), 0);
    assert.ok(editDistance('aaaaaaaaaa', 'bbbbbbbbbb', 2) > 2); // early exit above the limit
  });

  it('ranks a case-only difference first', () => {
    assert.deepStrictEqual(suggest('endpoint', ASSET_TYPE.values)[0], 'Endpoint');
    assert.deepStrictEqual(suggest('Network', SECURITY_DOMAIN.values), ['network']);
  });

  it('finds typos and transpositions', () => {
    assert.strictEqual(suggest('Endpiont', ASSET_TYPE.values)[0], 'Endpoint');
    assert.strictEqual(suggest('Windwos', ASSET_TYPE.values)[0], 'Windows');
    assert.strictEqual(suggest('data_sources', ['data_source', 'search', 'status'])[0], 'data_source');
  });

  it('uses prefixes', () => {
    assert.deepStrictEqual(suggest('security_content_cti', ['security_content_ctime', 'security_content_summariesonly']), ['security_content_ctime']);
  });

  it('returns at most max, nothing for unrelated words, never the word itself', () => {
    assert.ok(suggest('AWS', ASSET_TYPE.values, 2).length <= 2);
    assert.deepStrictEqual(suggest('zzzzqqqq', ASSET_TYPE.values), []);
    assert.deepStrictEqual(suggest('Endpoint', ['Endpoint']), []);
    assert.deepStrictEqual(suggest('', ['a']), []);
  });
});
