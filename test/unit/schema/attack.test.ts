import * as assert from 'assert';
import * as path from 'path';
import { attackIndexFromStix, loadAttackIndex } from '../../../server/src/schema';
import { check, codes, contextOf, FIXTURES, loadRepo, one } from './helpers';

const MINI = path.join(FIXTURES, 'attack-mini.json');
const v5 = loadRepo('repo-v5');
const DET5 = 'detections/endpoint/suspicious_certutil_download.yml';

describe('schema/attack', () => {
  it('indexes techniques, tactics, revoked/deprecated and replacements', () => {
    const idx = loadAttackIndex(MINI)!;
    assert.ok(idx);
    assert.strictEqual(idx.size, 6);
    assert.deepStrictEqual(idx.get('T1218.011'), { id: 'T1218.011', name: 'Rundll32', tactics: ['defense-evasion'], revoked: false, deprecated: false, parent: 'T1218' });
    assert.strictEqual(idx.get('T1214')?.revoked, true);
    assert.strictEqual(idx.get('T1214')?.replacedBy, 'T1552.002');
    assert.deepStrictEqual(idx.get('T1064')?.tactics, ['execution', 'defense-evasion']);
    assert.strictEqual(idx.get('T1064')?.deprecated, true);
    assert.strictEqual(idx.get('T9999'), undefined);
  });

  it('never throws on bad input', () => {
    assert.strictEqual(loadAttackIndex(path.join(FIXTURES, 'missing.json')), undefined);
    assert.strictEqual(attackIndexFromStix(null).size, 0);
    assert.strictEqual(attackIndexFromStix({ objects: [null, 1, { type: 'attack-pattern' }] }).size, 0);
  });

  it('warns on unknown, revoked (with fix) and deprecated ids when an index is supplied', () => {
    const attack = loadAttackIndex(MINI)!;
    const ctx = contextOf(v5, {}, { attack });
    assert.deepStrictEqual(codes(check(v5, DET5, { context: ctx }).diags), []);
    one(check(v5, DET5, { context: ctx, edits: [['  - T1105', '  - T1999']] }).diags, 'mitre-unknown');
    const r = one(check(v5, DET5, { context: ctx, edits: [['  - T1105', '  - T1214']] }).diags, 'mitre-revoked');
    assert.deepStrictEqual(r.suggestions, ['T1552.002']);
    one(check(v5, DET5, { context: ctx, edits: [['  - T1105', '  - T1064']] }).diags, 'mitre-deprecated');
    // without the index only the format rules apply
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['  - T1105', '  - T1999']] }).diags), []);
  });
});
