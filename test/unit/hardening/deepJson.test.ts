// Nothing dropped silently (issue 11): JSON nested deeper than MAX_JSON_DEPTH keeps the fields
// above the cut and warns with the event's line.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { flattenJsonText, flattenJsonValue, MAX_JSON_DEPTH } from '../../../server/src/engine/extract/auto/json-flatten';
import { runJob } from '../../../server/src/engine/pipeline/runJob';

const nested = (levels: number, leaf = '"leaf"') => {
  let d = leaf;
  for (let i = 0; i < levels; i++) d = `{"a":${d}}`;
  return d;
};

describe('hardening: too-deep JSON', function () {
  this.timeout(30000);

  it('the scanner skips the too-deep value, keeps its siblings and names the cut', () => {
    const got: [string, string][] = [];
    let cut: string | undefined;
    const text = `{"before":"1","deep":${nested(MAX_JSON_DEPTH + 5)},"arr":[${nested(MAX_JSON_DEPTH + 1, '["x","y"]')}, "z"],"after":"2"}`;
    assert.strictEqual(flattenJsonText(text, (p, v) => got.push([p, v]), (p) => { cut ??= p; }), true);
    assert.deepStrictEqual(got, [['before', '1'], ['arr{}', 'z'], ['after', '2']]);
    assert.strictEqual(cut, `deep${'.a'.repeat(MAX_JSON_DEPTH)}`);
    // Exactly at the limit: everything is kept, no cut.
    const atLimit: [string, string][] = [];
    let none: string | undefined;
    flattenJsonText(`{"x":${nested(MAX_JSON_DEPTH - 1)}}`, (p, v) => atLimit.push([p, v]), (p) => { none = p; });
    assert.strictEqual(none, undefined);
    assert.deepStrictEqual(atLimit, [[`x${'.a'.repeat(MAX_JSON_DEPTH - 1)}`, 'leaf']]);
  });

  it('an already parsed value is cut the same way', () => {
    const got: string[] = [];
    let cut: string | undefined;
    flattenJsonValue(JSON.parse(`{"ok":"y","deep":${nested(MAX_JSON_DEPTH + 3)}}`), (p) => got.push(p), '', (p) => { cut ??= p; });
    assert.deepStrictEqual(got, ['ok']);
    assert.ok(cut?.startsWith('deep.a.a'));
  });

  it('a run keeps the fields above the cut and warns with the event\'s line', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-deep-'));
    try {
      const log = path.join(tmp, 'deep.json');
      fs.writeFileSync(log, `{"user":"a"}\n{"user":"b","deep":${nested(300)},"after":"kept"}\n`);
      for (const sourcetype of ['_json', 'custom:json']) {
        const r = await runJob({ search: '* | table user after', inputs: [{ path: log, format: 'json', source: 'deep.json', sourcetype, host: 'h' }] });
        assert.strictEqual(r.error, undefined);
        assert.deepStrictEqual(r.rows.map((x) => ({ ...x })), [{ user: 'a' }, { user: 'b', after: 'kept' }], sourcetype);
        const w = r.warnings.filter((m) => /nested deeper than 200 levels/.test(m.message));
        assert.strictEqual(w.length, 1, sourcetype);
        assert.strictEqual(w[0].line, 2);
        assert.match(w[0].message, /the value at "deep\.a\.a/);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
