import * as assert from 'assert';
import fc from 'fast-check';
import { validateFile, yamlPlaceAt } from '../../../server/src/schema';
import { contextOf, loadRepo } from './helpers';

const v5 = loadRepo('repo-v5');
const v4 = loadRepo('repo-v4');
const samples = [
  ['detections/endpoint/suspicious_certutil_download.yml', v5],
  ['detections/endpoint/rundll32_no_arguments.yml', v4],
  ['lookups/remote_tools_list.yml', v5],
  ['stories/living_off_the_land.yml', v5],
] as const;

describe('schema/fuzz', () => {
  it('never throws and keeps ranges inside the text under random edits', function () {
    this.timeout(60000);
    const ctx5 = contextOf(v5);
    const ctx4 = contextOf(v4);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom('', ' ', '\t', '\n', ':', '- ', "'", '"', '`', '#', '{', '[', 'tags:', '  ', '$x$', '\u00e9', '\ud83d\ude00')), { maxLength: 4 }),
        (which, edits) => {
          const [p, repo] = samples[which];
          let text = repo.files.get(p)!;
          for (const [at, del, ins] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + ins + text.slice(i + del);
          }
          const ds = validateFile({ text, path: p, generation: repo.generation, context: repo === v5 ? ctx5 : ctx4 });
          for (const d of ds) {
            assert.notStrictEqual(d.code, 'dw.schema.internal', d.message);
            assert.ok(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length, d.code);
          }
          yamlPlaceAt(text, text.length >> 1);
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
