import * as assert from 'assert';
import { validateFile } from '../../../server/src/schema';
import { applyFix, check, codes, loadRepo, one, textAt } from './helpers';

const v5 = loadRepo('repo-v5');
const v4 = loadRepo('repo-v4');
const DET5 = 'detections/endpoint/suspicious_certutil_download.yml';
const DET4 = 'detections/endpoint/rundll32_no_arguments.yml';

describe('schema/shape', () => {
  it('accepts every valid fixture file in both generations', () => {
    for (const repo of [v5, v4]) {
      for (const [p] of repo.files) {
        if (!p.endsWith('.yml')) continue;
        const { diags } = check(repo, p);
        assert.deepStrictEqual(diags.map((d) => `${p}: ${d.code} ${d.message}`), [], `${repo.generation} ${p}`);
      }
    }
  });

  it('reports a missing required key, per generation', () => {
    const d = one(check(v5, DET5, { edits: [['how_to_implement: Ingest process creation events into the Endpoint data model.\n', '']] }).diags, 'missing-key');
    assert.match(d.message, /how_to_implement/);
    assert.strictEqual(d.severity, 'error');
    // v4 requires tags.confidence; v5 does not know it
    one(check(v4, DET4, { edits: [['  confidence: 70\n', '']] }).diags, 'missing-key');
    // stories need status only in v5
    assert.deepStrictEqual(codes(check(v4, 'stories/suspicious_rundll32_activity.yml').diags), []);
    one(check(v5, 'stories/living_off_the_land.yml', { edits: [['status: production\n', '']] }).diags, 'missing-key');
  });

  it('explains an indentation/colon mistake that turns tags into a string', () => {
    const text = v5.files.get(DET5)!.replace(/^tags:\n(?:  .*\n)+/m, 'tags:\n  asset_type Endpoint\n  security_domain endpoint\n');
    const d = one(check(v5, DET5, { text }).diags, 'wrong-type');
    assert.match(d.message, /^`tags` must be a mapping, but it is a string\. Check the indentation/);
  });

  it('says where a key belongs when tags children are not indented', () => {
    const { diags } = check(v5, DET5, { edits: [['  security_domain: endpoint\n  cve:\n  - CVE-2024-12345\n', 'security_domain: endpoint\n']] });
    const d = one(diags, 'unknown-key');
    assert.match(d.message, /`security_domain` belongs under `tags:` — check the indentation/);
    assert.match(one(diags, 'missing-key').message, /security_domain/);
    const n = check(v5, DET5, { edits: [[/^tags:\n(?:  .*\n)+/m, 'tags:\n']] }).diags;
    assert.match(one(n, 'wrong-type').message, /`tags` must be a mapping, but it is empty \(null\)\. Check the indentation/);
  });

  it('reports a string where a list is expected', () => {
    const d = one(check(v5, DET5, { edits: [['data_source:\n- Sysmon EventID 1\n- Windows Event Log Security 4688 AND Sysmon EventID 1\n', 'data_source: Sysmon EventID 1\n']] }).diags, 'wrong-type');
    assert.match(d.message, /must be a list/);
  });

  it('checks enums with suggestions and a replace fix', () => {
    const { diags, text } = check(v5, DET5, { edits: [['asset_type: Endpoint', 'asset_type: endpoint']] });
    const d = one(diags, 'enum');
    assert.match(d.message, /^`tags.asset_type` must be one of .*; did you mean `Endpoint`\?/);
    assert.strictEqual(d.suggestions?.[0], 'Endpoint');
    assert.strictEqual(textAt(text, d), 'endpoint');
    assert.ok(applyFix(text, d).includes('asset_type: Endpoint'));
    // quoted values keep their quotes
    const q = check(v5, DET5, { edits: [['type: TTP', "type: 'ttp'"]] });
    assert.ok(applyFix(q.text, one(q.diags, 'enum')).includes("type: 'TTP'"));
    // list items
    one(check(v5, DET5, { edits: [['  - Splunk Enterprise Security', '  - Splunk Enterprise Securty']] }).diags, 'enum');
    one(check(v5, DET5, { edits: [['status: production', 'status: removed']] }).diags, 'enum');
    one(check(v5, DET5, { edits: [['    type: system', '    type: host']] }).diags, 'enum');
    one(check(v4, DET4, { edits: [['    type: Hostname', '    type: hostname']] }).diags, 'enum');
  });

  it('checks formats: uuid, date, url, cve, mitre', () => {
    const u = one(check(v5, DET5, { edits: [['id: 0f6a3c1e-7b2d-4c8e-9a15-3d2e4f5a6b7c', 'id: not-a-uuid']] }).diags, 'format');
    assert.strictEqual(u.fix?.[0].kind, 'new-uuid');
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['id: 0f6a3c1e-7b2d-4c8e-9a15-3d2e4f5a6b7c', 'id: 0f6a3c1e7b2d4c8e9a153d2e4f5a6b7c']] }).diags), []);
    one(check(v5, DET5, { edits: [["date: '2025-03-14'", "date: '2025-02-30'"]] }).diags, 'format');
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [["date: '2025-03-14'", 'date: 2025-03-14']] }).diags), []); // unquoted YAML date
    one(check(v5, DET5, { edits: [['- https://example.com/certutil-abuse', '- example.com/certutil-abuse']] }).diags, 'format');
    one(check(v5, DET5, { edits: [['  - CVE-2024-12345', '  - CVE-24-1']] }).diags, 'format');
    const m = one(check(v5, DET5, { edits: [['  - T1105', '  - t1105']] }).diags, 'format');
    assert.deepStrictEqual(m.suggestions, ['T1105']);
  });

  it('flags a MITRE id that only passes the unescaped-dot regex', () => {
    const { diags, text } = check(v4, DET4, { edits: [['  - T1218.011', '  - T1218,011']] });
    const d = one(diags, 'mitre-lenient');
    assert.strictEqual(d.severity, 'warning');
    assert.ok(applyFix(text, d).includes('- T1218.011'));
  });

  it('reports the future date only in v5', () => {
    one(check(v5, DET5, { edits: [["date: '2025-03-14'", "date: '2030-01-01'"]] }).diags, 'future-date');
    assert.deepStrictEqual(codes(check(v4, DET4, { edits: [["date: '2023-11-20'", "date: '2030-01-01'"]] }).diags), []);
  });

  it('checks lengths and ranges', () => {
    const long = 'A'.repeat(68);
    const { diags } = check(v5, DET5, { edits: [['name: Suspicious Certutil Download', `name: ${long}`]], path: `detections/endpoint/${long.toLowerCase()}.yml` });
    assert.match(one(diags, 'length').message, /at most 67/);
    one(check(v5, DET5, { edits: [['known_false_positives: Administrators may use certutil to fetch certificates.', 'known_false_positives: n/a']] }).diags, 'length');
    // YAML 1.1 (PyYAML) reads an unquoted no as a boolean
    assert.match(one(check(v5, DET5, { edits: [['known_false_positives: Administrators may use certutil to fetch certificates.', 'known_false_positives: no']] }).diags, 'wrong-type').message, /boolean\. Quote it/);
    one(check(v5, DET5, { edits: [['    score: 50\n  - field: user', '    score: 150\n  - field: user']] }).diags, 'range');
    one(check(v4, DET4, { edits: [['  confidence: 70', '  confidence: -1']] }).diags, 'range');
    one(check(v5, DET5, { edits: [['version: 2', 'version: 2.5']] }).diags, 'wrong-type');
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['version: 2', "version: '2'"]] }).diags), []); // lax int
  });

  it('treats unknown keys as errors in v5 and warnings in v4, with did-you-mean', () => {
    const e = one(check(v5, DET5, { edits: [['data_source:', 'data_sources:']] }).diags, 'unknown-key');
    assert.strictEqual(e.severity, 'error');
    assert.match(e.message, /did you mean `data_source`/);
    const w = one(check(v4, DET4, { edits: [['data_source:', 'data_sources:']] }).diags, 'unknown-key');
    assert.strictEqual(w.severity, 'warning');
    one(check(v5, DET5, { edits: [['    sourcetype: XmlWinEventLog\n', '    sourcetype: XmlWinEventLog\n    update_timestamp: true\n']] }).diags, 'legacy-key');
  });

  it('keeps v4 and v5 keys apart', () => {
    const l = check(v5, DET5, { edits: [['  security_domain: endpoint', '  security_domain: endpoint\n  risk_score: 25']] }).diags;
    assert.match(one(l, 'legacy-key').message, /rba/);
    const r = check(v4, DET4, { edits: [['tests:', 'rba:\n  message: x\n  risk_objects: []\n  threat_objects: []\ntests:']] }).diags;
    assert.deepStrictEqual(codes(r), ['v5-key']);
    assert.strictEqual(r[0].severity, 'warning');
  });

  it('rejects computed keys', () => {
    one(check(v5, DET5, { edits: [['tests:', 'baselines:\n- x\ntests:']] }).diags, 'computed-key');
  });

  it('reports duplicate keys with both kept ranges', () => {
    const { diags, text } = check(v5, DET5, { edits: [['version: 2\n', 'version: 2\nversion: 3\n']] });
    const d = one(diags, 'duplicate-key');
    assert.strictEqual(textAt(text, d), 'version');
    assert.ok(d.range.start > text.indexOf('version: 2'));
    const fixed = applyFix(text, d);
    assert.ok(fixed.includes('id: 0f6a3c1e-7b2d-4c8e-9a15-3d2e4f5a6b7c\nversion: 3\ndate'), fixed.slice(0, 200));
  });

  it('reports YAML syntax errors at their position', () => {
    const text = 'name: x\nsearch: "unterminated\nid: 1\n';
    const ds = validateFile({ text, path: 'detections/endpoint/x.yml', generation: 'v5' });
    const d = ds.find((x) => x.code === 'dw.schema.yaml-syntax');
    assert.ok(d);
    assert.ok(d.range.start >= text.indexOf('"') && d.range.start <= text.length);
  });

  it('repairs and warns about unindented continuation lines PyYAML accepts', () => {
    const text = v4.files.get(DET4)!.replace(
      "  | inputlookup append=t known_rundll_hosts | `rundll32_no_arguments_filter`'",
      "| inputlookup append=t known_rundll_hosts | `rundll32_no_arguments_filter`'",
    );
    const { diags } = check(v4, DET4, { text });
    const d = one(diags, 'yaml-compat');
    assert.strictEqual(d.range.start, text.indexOf('| inputlookup'));
    assert.deepStrictEqual(codes(diags), ['yaml-compat']); // the rest of the file is still checked and valid
    const fixed = applyFix(text, d);
    assert.deepStrictEqual(codes(check(v4, DET4, { text: fixed }).diags), []);
  });

  it('checks other kinds: macro, data source, lookup', () => {
    one(check(v5, 'macros/security_content_ctime.yml', { edits: [['definition: convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)\n', '']] }).diags, 'missing-key');
    one(check(v5, 'macros/security_content_ctime.yml', { edits: [['description:', 'status: experimental\ndescription:']] }).diags, 'enum');
    const ta = one(check(v5, 'data_sources/sysmon_eventid_1.yml', { edits: [['  version: 4.0.0', '  version: 4.0']] }).diags, 'wrong-type');
    assert.match(ta.message, /Quote it: '4\.0'/);
    one(check(v5, 'lookups/remote_tools_list.yml', { edits: [['lookup_type: csv', 'lookup_type: CSV']] }).diags, 'enum');
    one(check(v5, 'lookups/remote_tools_list.yml', { edits: [['- WILDCARD(tool)', '- EXACT(tool)']] }).diags, 'format');
    one(check(v5, 'stories/living_off_the_land.yml', { edits: [['  usecase: Advanced Threat Detection', '  usecase: Threat Detection']] }).diags, 'enum');
    // v4 lookups: string match_type, filename
    assert.deepStrictEqual(codes(check(v4, 'lookups/known_rundll_hosts.yml').diags), []);
  });

  it('checks baselines', () => {
    const B = 'baselines/baseline_of_certutil_usage.yml';
    one(check(v5, B, { edits: [['type: Baseline', 'type: baseline']] }).diags, 'format');
    one(check(v5, B, { edits: [['status: production\n', '']] }).diags, 'missing-key');
    one(check(v5, B, { edits: [['  - Living Off The Land', '  - Living Of The Land']] }).diags, 'unknown-story');
    one(check(v5, B, { edits: [['outputlookup remote_tools_list', 'outputlookup certutil_hosts']] }).diags, 'unknown-lookup');
    one(check(v5, B, { edits: [['name: Baseline Of Certutil Usage', 'name: Baseline Of Certutil Usage On Endpoints Across The Entire Enterprise Fleet Today']] }).diags, 'length');
  });

  it('applies the file-name rule to every kind with a rename fix', () => {
    const d = one(check(v5, DET5, { path: 'detections/endpoint/certutil.yml' }).diags, 'file-name');
    assert.deepStrictEqual(d.fix?.[0], { kind: 'rename-file', title: 'Rename the file to suspicious_certutil_download.yml', newPath: 'detections/endpoint/suspicious_certutil_download.yml' });
    one(check(v5, 'stories/living_off_the_land.yml', { path: 'stories/lotl.yml' }).diags, 'file-name');
    one(check(v4, 'macros/security_content_ctime.yml', { path: 'macros/ctime.yml' }).diags, 'file-name');
  });

  it('never throws on hostile input', function () {
    this.timeout(60000);
    const inputs = [
      '', '# only a comment\n', '\u0000\u0001binary', 'name:\n\t- tab', '- a\n- b\n', 'just a string', ': : :', '{', 'name: [unclosed',
      'a: &x\n  b: *x\n', '---\na: 1\n---\nb: 2\n', 'tags:\n  - 1\n', 'search: 1\nname: 5\ntags: {analytic_story: 1, product: x}\n',
      v5.files.get(DET5)!.slice(0, 700), v5.files.get(DET5)!.slice(0, 1234),
    ];
    for (const text of inputs) {
      for (const generation of ['v4', 'v5'] as const) {
        for (const p of ['detections/a/x.yml', 'macros/x.yml', 'lookups/x.yml', 'stories/x.yml', 'data_sources/x.yml', 'baselines/x.yml']) {
          const ds = validateFile({ text, path: p, generation });
          assert.ok(Array.isArray(ds));
          for (const d of ds) {
            assert.ok(d.range.start >= 0 && d.range.end <= text.length && d.range.start <= d.range.end, `${d.code} range out of text`);
            assert.notStrictEqual(d.code, 'dw.schema.internal', d.message);
          }
        }
      }
    }
    // 5 MB files: a huge scalar and many keys
    for (const text of ['name: x\ndescription: ' + 'y'.repeat(5 * 1024 * 1024) + '\n', 'references:\n' + '- notaurl\n'.repeat(20000) + "search: '" + 'x | '.repeat(1200000) + "'\n"]) {
      const t0 = Date.now();
      const ds = validateFile({ text, path: 'detections/a/x.yml', generation: 'v5' });
      assert.ok(ds.length > 0 && Date.now() - t0 < 20000);
    }
    const bin = validateFile({ text: '\u0000abc', path: 'macros/x.yml' });
    assert.deepStrictEqual(codes(bin), ['binary-file']);
    assert.deepStrictEqual(codes(validateFile({ text: '\n# c\n', path: 'macros/x.yml' })), ['empty-file']);
    assert.deepStrictEqual(validateFile({ text: 'a: 1', path: 'docs/readme.yml' }), []);
  });
});
