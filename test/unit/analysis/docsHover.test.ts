import { strict as assert } from 'assert';
import { docsHoverAt, findDataModelField } from '../../../server/src/analysis/docsHover';
import { createDocumentModel } from '../../../server/src/analysis/documentModel';
import { defaultDataModels } from '../../../server/src/engine/datamodels';
import { DETECTION_FILE, detectionYaml, SPL_FILE } from './helpers';

const SEARCH =
  '| tstats summariesonly=true count min(_time) as firstTime from datamodel=Endpoint.Processes ' +
  'where Processes.process_name=powershell.exe by Processes.dest Processes.parent_process_name ' +
  '| `drop_dm_object_name(Processes)` | eval short=substr(parent_process_name, 1, 10) | stats p95(firstTime) dc(dest) by short';

/** Hover on the `nth` occurrence of `word` (one character in), in a .spl document. */
function hover(text: string, word: string, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(word, i + 1);
  assert.ok(i >= 0, `${word} not in text`);
  const h = docsHoverAt(createDocumentModel(SPL_FILE, text), i + 1);
  return { h, hovered: h ? text.slice(h.range.start, h.range.end) : undefined };
}

describe('docs hover', () => {
  it('documents commands: syntax block, description and options table', () => {
    const { h, hovered } = hover(SEARCH, 'tstats');
    assert.ok(h);
    assert.equal(hovered, 'tstats');
    assert.match(h.markdown, /^```spl\ntstats /);
    assert.match(h.markdown, /accelerated data model/);
    assert.match(h.markdown, /\| Option \| Description \|/);
    assert.match(h.markdown, /\| `summariesonly` \|/);
    assert.match(hover(SEARCH, 'eval').h!.markdown, /```spl\neval /);
    assert.match(hover(SEARCH, 'stats', 1).h!.markdown, /```spl\nstats /);
  });

  it('documents command options', () => {
    const { h, hovered } = hover(SEARCH, 'summariesonly');
    assert.equal(hovered, 'summariesonly');
    assert.match(h!.markdown, /option of `tstats`/);
  });

  it('documents eval and stats functions with their signature', () => {
    const substr = hover(SEARCH, 'substr');
    assert.equal(substr.hovered, 'substr');
    assert.match(substr.h!.markdown, /```spl\nsubstr\(<text>, <start>\[, <length>\]\)\n```/);
    assert.match(substr.h!.markdown, /Eval function \(text\)/);
    const min = hover(SEARCH, 'min(');
    assert.equal(min.hovered, 'min');
    assert.match(min.h!.markdown, /Stats function/);
    const p95 = hover(SEARCH, 'p95');
    assert.match(p95.h!.markdown, /`p95`: Approximate N-th percentile/);
    assert.match(hover(SEARCH, 'dc(').h!.markdown, /distinct_count/);
  });

  it('documents data model fields and datasets', () => {
    const f = hover(SEARCH, 'Processes.process_name');
    assert.equal(f.hovered, 'Processes.process_name');
    assert.match(f.h!.markdown, /field `process_name` of dataset `Processes`/);
    assert.match(f.h!.markdown, /Endpoint/);
    assert.match(f.h!.markdown, /type `string`/);
    assert.match(hover(SEARCH, 'Processes.dest').h!.markdown, /field `dest`/);
    const ds = hover(SEARCH, 'Endpoint.Processes');
    assert.equal(ds.hovered, 'Endpoint.Processes');
    assert.match(ds.h!.markdown, /dataset `Processes` of the Endpoint data model/);
    assert.match(ds.h!.markdown, /tag=process/);
  });

  it('resolves child datasets through their lineage', () => {
    const reg = defaultDataModels();
    const hit = findDataModelField(reg, 'All_Traffic.dest_port', 'Network_Traffic.All_Traffic');
    assert.equal(hit?.resolved.model.modelName, 'Network_Traffic');
    assert.equal(findDataModelField(reg, 'Processes.no_such_field', 'Endpoint.Processes'), undefined);
    assert.equal(findDataModelField(reg, 'plain'), undefined);
    // A dotted field without a data model in the search is looked up by its object name.
    const h = hover('| stats count by Processes.user', 'Processes.user').h;
    assert.match(h!.markdown, /Endpoint/);
  });

  it('leaves macros, plain fields and values to other hovers', () => {
    assert.equal(hover(SEARCH, 'drop_dm_object_name').h, undefined);
    assert.equal(hover(SEARCH, 'short', 1).h, undefined);
    assert.equal(hover(SEARCH, 'powershell.exe').h, undefined);
    assert.equal(hover('index=a "unterminated', 'unterminated').h, undefined);
  });

  it('maps hover ranges inside a multi-line single-quoted YAML search', () => {
    const yaml = detectionYaml([
      "`sysmon` CommandLine=\"*''enc''*\" | eval n=''a b''",
      '| eval l=len(CommandLine) | stats values(l) by dest',
    ]);
    const model = createDocumentModel(DETECTION_FILE, yaml);
    const at = yaml.indexOf('len(') + 1;
    const h = docsHoverAt(model, at)!;
    assert.equal(yaml.slice(h.range.start, h.range.end), 'len');
    const v = docsHoverAt(model, yaml.indexOf('values') + 2)!;
    assert.equal(yaml.slice(v.range.start, v.range.end), 'values');
    assert.equal(docsHoverAt(model, yaml.indexOf('how_to_implement')), undefined);
  });
});
