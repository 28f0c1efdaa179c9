import * as assert from 'assert';
import { detectGeneration, expectedFileName, kindFromPath, fieldsAt, enumValuesAt, fieldAt, RULES } from '../../../server/src/schema';
import { loadRepo } from './helpers';

describe('schema/generation, kinds and model queries', () => {
  it('detects the generation from content', () => {
    for (const name of ['repo-v4', 'repo-v5'] as const) {
      const repo = loadRepo(name);
      const files = [...repo.files].map(([path, text]) => ({ path, text }));
      assert.strictEqual(detectGeneration(files), repo.generation);
    }
    assert.strictEqual(detectGeneration([]), 'v5');
    assert.strictEqual(detectGeneration([{ path: 'lookups/x.yml', text: 'name: x\nfilename: x.csv\n' }]), 'v4');
  });

  it('maps paths to kinds', () => {
    assert.strictEqual(kindFromPath('detections/endpoint/deprecated/x.yml'), 'detection');
    assert.strictEqual(kindFromPath('./macros/x.yml'), 'macro');
    assert.strictEqual(kindFromPath('stories\\deprecated\\x.yml'), 'story');
    assert.strictEqual(kindFromPath('data_sources/x.yml'), 'data_source');
    assert.strictEqual(kindFromPath('lookups/x.csv'), undefined);
    assert.strictEqual(kindFromPath('baselines/x.yml'), 'baseline');
    assert.strictEqual(kindFromPath('docs/x.yml'), undefined);
    assert.strictEqual(expectedFileName('O365 Add-App Role.Assignment/Grant'), 'o365_add_app_role_assignment_grant.yml');
  });

  it('answers completion/hover queries from the model', () => {
    const top5 = fieldsAt('detection', 'v5', [])!.map((f) => f.key);
    assert.ok(top5.includes('rba') && !top5.includes('datamodel') && !top5.includes('baselines'));
    const tags4 = fieldsAt('detection', 'v4', ['tags'])!.map((f) => f.key);
    assert.ok(tags4.includes('risk_score') && tags4.includes('observable'));
    assert.ok(!fieldsAt('detection', 'v5', ['tags'])!.some((f) => f.key === 'risk_score'));
    assert.deepStrictEqual(fieldsAt('detection', 'v5', ['tests', 'attack_data'])!.map((f) => f.key), ['data', 'source', 'sourcetype', 'custom_index', 'host']);
    assert.deepStrictEqual(enumValuesAt('detection', 'v5', ['rba', 'risk_objects', 'type']), ['system', 'user', 'other']);
    assert.ok(enumValuesAt('detection', 'v5', ['tags', 'product'])!.includes('Splunk Cloud'));
    assert.match(fieldAt('detection', 'v5', ['tags', 'asset_type'])!.description, /asset/);
    for (const [code, info] of Object.entries(RULES)) assert.ok(info.summary.length > 10, code);
  });
});
