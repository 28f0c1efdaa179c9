import { strict as assert } from 'assert';
import fc from 'fast-check';
import { completeAt } from '../../../server/src/analysis/completion';
import { docsHoverAt } from '../../../server/src/analysis/docsHover';
import { createDocumentModel } from '../../../server/src/analysis/documentModel';
import { signatureAt } from '../../../server/src/analysis/signatureHelp';
import { DETECTION_FILE, examplesIndex, SPL_FILE } from './helpers';

const PIECES = [
  '|', ' ', '\n', '"', "'", "''", '`', '```', '(', ')', '[', ']', ',', '=', '!=', '\\', 'stats', 'tstats', 'eval', 'where',
  'by', 'as', 'AS', 'OUTPUT', 'lookup', 'inputlookup', 'rename', 'datamodel=', 'Endpoint.Processes', 'Processes.', 'count',
  'dc(', 'if(', 'case(', 'eval(', 'x', 'dest', '`sysmon`', '`security_content_ctime(', 'from', 'IN', 'NOT', '5', 'é', '😀',
];

describe('analysis features on arbitrary input', () => {
  it('completion, signature help and hovers never throw, and ranges stay in the document', () => {
    const index = examplesIndex();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.nat(), fc.boolean(), (parts, pos, asYaml) => {
        const spl = parts.join('');
        const text = asYaml ? `name: X\nsearch: '${spl.replace(/'/g, "''")}'\ntype: TTP\n` : spl;
        const model = createDocumentModel(asYaml ? DETECTION_FILE : SPL_FILE, text);
        const offset = pos % (text.length + 1);
        const r = completeAt(model, offset, { index });
        if (r) {
          assert.ok(r.replaceRange.start <= offset && offset <= r.replaceRange.end);
          assert.ok(r.replaceRange.end <= text.length);
        }
        const s = signatureAt(model, offset);
        if (s) assert.ok(s.activeParameter >= 0);
        const h = docsHoverAt(model, offset);
        if (h) assert.ok(h.range.start <= offset && offset < h.range.end);
      }),
      { numRuns: 400 },
    );
  });
});
