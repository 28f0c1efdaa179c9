import * as assert from 'assert';
import { applyFix, check, codes, contextOf, loadRepo, one, only, textAt } from './helpers';

const v5 = loadRepo('repo-v5');
const v4 = loadRepo('repo-v4');
const DET5 = 'detections/endpoint/suspicious_certutil_download.yml';
const DET4 = 'detections/endpoint/rundll32_no_arguments.yml';
const FILTER5 = '`suspicious_certutil_download_filter`';

describe('schema/detection rules', () => {
  it('requires the exact filter macro and inserts it', () => {
    const { diags, text } = check(v5, DET5, { edits: [[' | `suspicious_certutil_download_filter`', '']] });
    const d = one(diags, 'filter-macro');
    const fixed = applyFix(text, d);
    assert.ok(fixed.includes(`isRemote | ${FILTER5}'`), fixed);
    assert.deepStrictEqual(codes(check(v5, DET5, { text: fixed }).diags), []);
  });

  it('corrects a misspelled filter macro in place', () => {
    const { diags, text } = check(v5, DET5, { edits: [[FILTER5, '`suspicious_certutil_filter`']] });
    const d = one(diags, 'filter-macro');
    assert.strictEqual(textAt(text, d), '`suspicious_certutil_filter`');
    assert.ok(applyFix(text, d).includes(FILTER5));
  });

  it('inserts the filter macro in a block scalar search', () => {
    const text = v5.files.get(DET5)!.replace(/^search: '[\s\S]*?_filter`'\n/m, 'search: |\n  `sysmon` EventCode=1 | stats count by dest\nhow_to_implement_x: y\n').replace('how_to_implement_x: y\n', '');
    const { diags } = check(v5, DET5, { text });
    const fixed = applyFix(text, one(diags, 'filter-macro'));
    assert.ok(fixed.includes(`stats count by dest | ${FILTER5}\n`), fixed);
  });

  it('gives a hint (not an error) when the filter macro is not last', () => {
    const d = one(check(v5, DET5, { edits: [[`${FILTER5}'`, `${FILTER5} | table dest'`]] }).diags, 'filter-not-last');
    assert.strictEqual(d.severity, 'information');
  });

  it('rejects four backticks', () => {
    one(check(v5, DET5, { edits: [['| lookup', '| ```` | lookup']] }).diags, 'four-backticks');
  });

  it('requires two drilldowns with the placeholder for production non-Hunting (error v5, warning v4)', () => {
    const drop = [/^drilldown_searches:\n(?:[- ] .*\n)+/m, ''] as [RegExp, string];
    const e = one(check(v5, DET5, { edits: [drop] }).diags, 'drilldowns');
    assert.strictEqual(e.severity, 'error');
    assert.strictEqual(one(check(v4, DET4, { edits: [drop] }).diags, 'drilldowns').severity, 'warning');
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [drop, ['type: TTP', 'type: Hunting'], [/^rba:\n(?:  .*\n)+/m, '']] }).diags), []);
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [drop, ['status: production', 'status: experimental']] }).diags), []);
    assert.match(one(check(v5, DET5, { edits: [["'%original_detection_search% |", "'| search"]] }).diags, 'drilldowns').message, /%original_detection_search%/);
  });

  it('requires a test for production detections unless Correlation or manual_test', () => {
    const drop = [/^tests:\n(?:[- ] .*\n)+/m, ''] as [RegExp, string];
    one(check(v5, DET5, { edits: [drop] }).diags, 'tests-required');
    one(check(v4, DET4, { edits: [drop] }).diags, 'tests-required');
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [drop, ['  security_domain: endpoint', '  security_domain: endpoint\n  manual_test: needs a domain controller']] }).diags), []);
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [drop, ['status: production', 'status: experimental']] }).diags), []);
  });

  it('v5: requires rba for TTP/Anomaly and forbids it for Hunting/Correlation', () => {
    const drop = [/^rba:\n(?:  .*\n)+/m, ''] as [RegExp, string];
    const d = one(check(v5, DET5, { edits: [drop] }).diags, 'rba-required');
    assert.strictEqual(d.fix?.[0].kind, 'insert');
    one(check(v5, DET5, { edits: [['type: TTP', 'type: Hunting']] }).diags, 'rba-forbidden');
    one(check(v5, DET5, { edits: [['  risk_objects:\n  - field: dest\n    type: system\n    score: 50\n  - field: user\n    type: user\n    score: 50\n', '  risk_objects: []\n']] }).diags, 'length');
    one(check(v5, DET5, { edits: [['  threat_objects:\n  - field: process\n    type: process\n', '']] }).diags, 'missing-key');
    // v4 never reports v5 RBA rules
    assert.deepStrictEqual(codes(check(v4, DET4).diags), []);
  });

  it('checks that risk fields appear in the search (production only)', () => {
    const m = one(check(v5, DET5, { edits: [['on $dest$', 'on $dest_host$']] }).diags, 'field-not-in-search');
    assert.match(m.message, /dest_host/);
    one(check(v5, DET5, { edits: [['  - field: process\n', '  - field: parent_process\n']] }).diags, 'field-not-in-search');
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['on $dest$', 'on $dest_host$'], ['status: production', 'status: experimental']] }).diags), []);
    one(check(v4, DET4, { edits: [['  - name: user\n', '  - name: src_user\n']] }).diags, 'field-not-in-search');
    one(check(v4, DET4, { edits: [['run by $user$', 'run by $account$']] }).diags, 'field-not-in-search');
  });

  it('v4: observables need one role each and a Victim on production TTP', () => {
    one(check(v4, DET4, { edits: [['    role:\n    - Victim\n  - name: user', '    role:\n    - Victim\n    - Attacker\n  - name: user']] }).diags, 'observable-role');
    const noVictim = check(v4, DET4, { edits: [[/- Victim/g, '- Attacker']] }).diags;
    assert.match(one(noVictim, 'observable-role').message, /Victim/);
  });

  it('warns about $field$ tokens the search output cannot contain (injected analyser)', () => {
    const outputFieldsOf = (search: string) => (search.includes('tstats') ? new Set(['dest', 'User', 'process', 'count']) : undefined);
    const ctx = contextOf(v5, {}, { outputFieldsOf });
    const ds = check(v5, DET5, { context: ctx }).diags;
    const hits = only(ds, 'field-not-in-output');
    assert.deepStrictEqual(hits.map((h) => h.message.split(' `')[0]), ['Risk message field', 'Risk object field']);
    const d = hits[0];
    assert.strictEqual(d.severity, 'warning');
    assert.deepStrictEqual(d.suggestions, ['User']);
    assert.match(d.message, /case-sensitive/);
    // unknown output (undefined) → no warning
    assert.deepStrictEqual(codes(check(v5, DET5, { context: contextOf(v5, {}, { outputFieldsOf: () => undefined }) }).diags), []);
    // v4 observables too
    const ctx4 = contextOf(v4, {}, { outputFieldsOf: () => new Set(['dest', 'user']) });
    assert.deepStrictEqual(codes(check(v4, DET4, { context: ctx4 }).diags), []);
    const ctx4b = contextOf(v4, {}, { outputFieldsOf: () => new Set(['dest']) });
    assert.strictEqual(only(check(v4, DET4, { context: ctx4b }).diags, 'field-not-in-output').length, 2); // message + observable
  });

  it('checks throttling fields against the search', () => {
    const ok = '  throttling:\n    fields:\n    - dest\n    period: 3600s\n';
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['  security_domain: endpoint\n', '  security_domain: endpoint\n' + ok]] }).diags), []);
    one(check(v5, DET5, { edits: [['  security_domain: endpoint\n', '  security_domain: endpoint\n' + ok.replace('- dest', '- src_ip')]] }).diags, 'field-not-in-search');
    one(check(v5, DET5, { edits: [['  security_domain: endpoint\n', '  security_domain: endpoint\n' + ok.replace('3600s', '1d')]] }).diags, 'format');
  });

  it('checks enabled_by_default', () => {
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['tests:', 'enabled_by_default: true\ntests:']] }).diags), []);
    one(check(v5, DET5, { edits: [['tests:', 'enabled_by_default: true\ntests:'], ['status: production', 'status: experimental']] }).diags, 'enabled-by-default');
  });

  it('v5 only: a technique and its sub-technique may not both be listed', () => {
    const { diags, text } = check(v5, DET5, { edits: [['  - T1105\n', '  - T1218\n  - T1218.011\n']] });
    const d = one(diags, 'mitre-overlap');
    assert.strictEqual(textAt(text, d), 'T1218');
    assert.ok(!applyFix(text, d).includes('- T1218\n'));
    assert.deepStrictEqual(codes(check(v4, DET4).diags), []); // the v4 fixture lists T1218 and T1218.011
  });
});
