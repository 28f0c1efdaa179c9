import * as assert from 'assert';
import { enumValuesAt, fieldAt, fieldsAt, yamlPlaceAt } from '../../../server/src/schema';
import { loadRepo } from './helpers';

const text = loadRepo('repo-v5').files.get('detections/endpoint/suspicious_certutil_download.yml')!;

describe('schema/position', () => {
  it('finds keys and values with their key paths', () => {
    const k = yamlPlaceAt(text, text.indexOf('asset_type') + 3)!;
    assert.deepStrictEqual([k.path, k.on, k.text], [['tags', 'asset_type'], 'key', 'asset_type']);
    assert.match(fieldAt('detection', 'v5', k.path)!.description, /asset/);
    const v = yamlPlaceAt(text, text.indexOf('asset_type: Endpoint') + 14)!;
    assert.deepStrictEqual([v.path, v.on, v.text], [['tags', 'asset_type'], 'value', 'Endpoint']);
    assert.ok(enumValuesAt('detection', 'v5', v.path)!.includes('Endpoint'));
    const item = yamlPlaceAt(text, text.indexOf('    type: user') + 11)!;
    assert.deepStrictEqual([item.path, item.on], [['rba', 'risk_objects', 'type'], 'value']);
    assert.deepStrictEqual(enumValuesAt('detection', 'v5', item.path), ['system', 'user', 'other']);
  });

  it('works on a half-typed key', () => {
    const t = 'name: x\ntags:\n  analytic_story: []\n  asse\n';
    const p = yamlPlaceAt(t, t.indexOf('asse') + 4)!;
    assert.deepStrictEqual(p.path.slice(0, 1), ['tags']);
    assert.ok(fieldsAt('detection', 'v5', p.path.slice(0, -1))!.some((f) => f.key === 'asset_type'));
    assert.doesNotThrow(() => yamlPlaceAt('\u0000: [', 3));
  });
});
