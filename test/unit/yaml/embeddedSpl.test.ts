import * as assert from 'assert';
import { parseYaml } from '../../../server/src/yaml/document';
import { contentKindFromPath, findEmbeddedSpl, splRegionAt, splRegionAtText } from '../../../server/src/yaml/embeddedSpl';

const detection = [
  'name: Windows Demo Detection',
  'type: TTP',
  "search: '`sysmon` EventCode=1 Image=\"C:\\Windows\\System32\\*\" CommandLine=\"*''x''*\"",
  '  | stats count by dest | `windows_demo_detection_filter`\'',
  'drilldown_searches:',
  '- name: View the detection results',
  '  search: \'%original_detection_search% | search dest = "$dest$"\'',
  '  earliest_offset: $info_min_time$',
  '- name: Other',
  '  search: |-',
  '    | from datamodel Risk.All_Risk',
  '    | where normalized_risk_object="$dest$"',
  '',
].join('\n');

describe('yaml/embeddedSpl', () => {
  it('finds the search and the drilldown searches of a detection', () => {
    const regions = findEmbeddedSpl(detection, parseYaml(detection), 'detection');
    assert.deepStrictEqual(regions.map((r) => r.path), [['search'], ['drilldown_searches', 0, 'search'], ['drilldown_searches', 1, 'search']]);
    assert.deepStrictEqual(regions.map((r) => r.style), ['QUOTE_SINGLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL']);
    const main = regions[0];
    assert.ok(main.value.startsWith('`sysmon` EventCode=1 Image="C:\\Windows\\System32\\*" CommandLine="*\'x\'*" | stats'));
    const i = main.value.indexOf('`windows_demo_detection_filter`');
    const d = main.map.toDocumentRange({ start: i, end: i + '`windows_demo_detection_filter`'.length });
    assert.strictEqual(detection.slice(d.start, d.end), '`windows_demo_detection_filter`');
    assert.strictEqual(detection.slice(main.scalarRange.start, main.scalarRange.start + 2), "'`");
    assert.strictEqual(regions[2].value, '| from datamodel Risk.All_Risk\n| where normalized_risk_object="$dest$"');
  });

  it('splRegionAt maps a document offset to the region and value offset', () => {
    const regions = findEmbeddedSpl(detection, parseYaml(detection), 'detection');
    const off = detection.indexOf('stats count');
    const at = splRegionAt(regions, off)!;
    assert.deepStrictEqual(at.region.path, ['search']);
    assert.strictEqual(at.region.value.slice(at.valueOffset, at.valueOffset + 5), 'stats');
    const dd = splRegionAt(regions, detection.indexOf('normalized_risk_object'))!;
    assert.deepStrictEqual(dd.region.path, ['drilldown_searches', 1, 'search']);
    assert.strictEqual(splRegionAt(regions, detection.indexOf('earliest_offset')), undefined);
    assert.strictEqual(splRegionAt(regions, 0), undefined);
    // On the closing quote: only with the cursor bias.
    const q = detection.indexOf("`'") + 1;
    assert.strictEqual(splRegionAt(regions, q, 'char'), undefined);
    assert.strictEqual(splRegionAt(regions, q)!.valueOffset, regions[0].value.length);
    assert.strictEqual(splRegionAtText(detection, 'detection', off)!.valueOffset, at.valueOffset);
  });

  it('macros use definition; baselines use search; other kinds have none', () => {
    const macro = 'definition: "(index=main OR index=\\"win\\") sourcetype=x"\ndescription: d\nname: m\n';
    const [m] = findEmbeddedSpl(macro, parseYaml(macro), 'macro');
    assert.deepStrictEqual(m.path, ['definition']);
    assert.strictEqual(m.value, '(index=main OR index="win") sourcetype=x');
    const j = m.value.indexOf('"win"');
    const d = m.map.toDocumentRange({ start: j, end: j + 5 });
    assert.strictEqual(macro.slice(d.start, d.end), '\\"win\\"');
    const baseline = 'name: b\nsearch: index=x\n  | stats count\n';
    assert.strictEqual(findEmbeddedSpl(baseline, parseYaml(baseline), 'baseline')[0].value, 'index=x | stats count');
    assert.deepStrictEqual(findEmbeddedSpl(baseline, parseYaml(baseline), 'story'), []);
  });

  it('skips missing and non-string values', () => {
    for (const t of ['name: x\n', 'search:\n', 'search: [a]\n', 'search: 5\n', 'search: *a\n', '']) {
      assert.deepStrictEqual(findEmbeddedSpl(t, parseYaml(t), 'detection'), []);
    }
  });

  it('recovers a quoted search whose continuation lines are not indented (as PyYAML reads it)', () => {
    const t = "name: x\nsearch: '`okta` a=1\n| stats count\n| `x_filter`'\nhow_to_implement: y\n";
    const [r] = findEmbeddedSpl(t, parseYaml(t), 'detection');
    assert.ok(r.recovered);
    assert.strictEqual(r.value, '`okta` a=1 | stats count | `x_filter`');
    const i = r.value.indexOf('`x_filter`');
    const d = r.map.toDocumentRange({ start: i, end: i + 10 });
    assert.strictEqual(t.slice(d.start, d.end), '`x_filter`');
    assert.ok(r.errors.some((e) => e.message.includes('must be indented')));
  });

  it('content kind from path', () => {
    assert.strictEqual(contentKindFromPath('repo/detections/endpoint/a.yml'), 'detection');
    assert.strictEqual(contentKindFromPath('C:\\repo\\macros\\m.yml'), 'macro');
    assert.strictEqual(contentKindFromPath('baselines/b.yml'), 'baseline');
    assert.strictEqual(contentKindFromPath('x/y.yml'), 'other');
  });
});
