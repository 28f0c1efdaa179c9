import * as assert from 'assert';
import { findOrphanLookupFiles } from '../../../server/src/schema';
import { applyFix, check, codes, contextOf, loadRepo, one, only, textAt } from './helpers';

const v5 = loadRepo('repo-v5');
const v4 = loadRepo('repo-v4');
const DET5 = 'detections/endpoint/suspicious_certutil_download.yml';
const DET4 = 'detections/endpoint/rundll32_no_arguments.yml';

describe('schema/cross-file rules', () => {
  it('unknown analytic story with suggestions and fix; duplicates', () => {
    const { diags, text } = check(v5, DET5, { edits: [['  - Living Off The Land', '  - Living Off the Land']] });
    const d = one(diags, 'unknown-story');
    assert.deepStrictEqual(d.suggestions, ['Living Off The Land']);
    assert.ok(applyFix(text, d).includes('  - Living Off The Land'));
    const dup = check(v5, DET5, { edits: [['  - Living Off The Land', '  - Living Off The Land\n  - Living Off The Land']] }).diags;
    assert.strictEqual(one(dup, 'duplicate-entry').severity, 'error');
    const dup4 = check(v4, DET4, { edits: [['  - Suspicious Rundll32 Activity', '  - Suspicious Rundll32 Activity\n  - Suspicious Rundll32 Activity']] }).diags;
    assert.strictEqual(one(dup4, 'duplicate-entry').severity, 'warning');
  });

  it('unknown data source, split on AND (error v5, warning v4)', () => {
    const { diags, text } = check(v5, DET5, { edits: [['Windows Event Log Security 4688 AND Sysmon EventID 1', 'Windows Event Log Security 4689 AND Sysmon EventID 1']] });
    const d = one(diags, 'unknown-data-source');
    assert.strictEqual(d.severity, 'error');
    assert.strictEqual(textAt(text, d), 'Windows Event Log Security 4689');
    assert.strictEqual(d.suggestions?.[0], 'Windows Event Log Security 4688');
    assert.ok(applyFix(text, d).includes('- Windows Event Log Security 4688 AND Sysmon EventID 1'));
    const w = one(check(v4, DET4, { edits: [['- Sysmon EventID 1', '- Sysmon Event ID 1']] }).diags, 'unknown-data-source');
    assert.strictEqual(w.severity, 'warning');
  });

  it('unknown macros (ignore list and _filter exempt) and argument counts', () => {
    const { diags, text } = check(v5, DET5, { edits: [['`security_content_ctime(firstTime)`', '`security_content_ctim(firstTime)`']] });
    const d = one(diags, 'unknown-macro');
    assert.strictEqual(textAt(text, d), 'security_content_ctim');
    assert.deepStrictEqual(d.suggestions?.[0], 'security_content_ctime');
    assert.ok(applyFix(text, d).includes('`security_content_ctime(firstTime)`'));
    const a = one(check(v5, DET5, { edits: [['`security_content_ctime(firstTime)`', '`security_content_ctime(firstTime, lastTime)`']] }).diags, 'macro-args');
    assert.match(a.message, /takes 1 argument, but is called with 2/);
    one(check(v5, DET5, { edits: [['`security_content_ctime(firstTime)`', '`security_content_ctime`']] }).diags, 'macro-args');
    // macros inside ``` comments ``` are not resolved; other apps' macros on the ignore list are skipped
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['| lookup', '``` `nope` ``` | `get_asset(dest)` | lookup']] }).diags), []);
  });

  it('unknown lookups, including file names (error v5, warning v4)', () => {
    const { diags, text } = check(v5, DET5, { edits: [['  remote_tools_list tool', '  remote_tool_list tool']] });
    const d = one(diags, 'unknown-lookup');
    assert.strictEqual(textAt(text, d), 'remote_tool_list');
    assert.deepStrictEqual(d.suggestions, ['remote_tools_list']);
    const w = check(v4, DET4, { edits: [['inputlookup append=t known_rundll_hosts', 'inputlookup append=t previously_seen_hosts.csv']] });
    const wd = one(w.diags, 'unknown-lookup');
    assert.strictEqual(wd.severity, 'warning');
    assert.strictEqual(textAt(w.text, wd), 'previously_seen_hosts.csv');
    assert.match(wd.message, /file name/);
    // ignored lookups
    assert.deepStrictEqual(codes(check(v5, DET5, { edits: [['| lookup', '| lookup ut_shannon_lookup word as x | lookup']] }).diags), []);
  });

  it('duplicate ids and names across content', () => {
    const story = v5.files.get('stories/living_off_the_land.yml')!;
    const other = story.replace('name: Living Off The Land', 'name: Suspicious Certutil Download');
    const ctx = contextOf(v5, { 'stories/other.yml': other });
    const ds = check(v5, DET5, { context: ctx }).diags;
    assert.match(one(ds, 'duplicate-name').message, /stories\/other\.yml/);
    const sameId = story.replace('id: 7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', 'id: 0F6A3C1E-7B2D-4C8E-9A15-3D2E4F5A6B7C');
    const d = one(check(v5, DET5, { context: contextOf(v5, { 'stories/living_off_the_land.yml': sameId }) }).diags, 'duplicate-id');
    assert.strictEqual(d.fix?.[0].kind, 'new-uuid');
  });

  it('lookup data files: csv next to the YAML, consistent rows, kvstore _key, mlmodel names', () => {
    const L = 'lookups/remote_tools_list.yml';
    assert.deepStrictEqual(codes(check(v5, L).diags), []);
    one(check(v5, L, { context: contextOf(v5, { 'lookups/remote_tools_list.csv': undefined }) }).diags, 'lookup-file');
    const bad = 'tool,isRemote,vendor\n*anydesk*,true\n"*team,viewer*",true,TeamViewer,extra\n';
    const rows = one(check(v5, L, { context: contextOf(v5, { 'lookups/remote_tools_list.csv': bad }) }).diags, 'lookup-csv-rows');
    assert.match(rows.message, /3 columns.*row 2 has 2, row 3 has 4/);
    const kv = check(v5, 'lookups/admin_sessions.yml', { edits: [['- _key\n', '']] });
    const kd = one(kv.diags, 'lookup-kvstore-fields');
    assert.ok(applyFix(kv.text, kd).includes('fields:\n- _key\n- user'));
    one(check(v5, L, { edits: [['lookup_type: csv', 'lookup_type: mlmodel']] }).diags, 'lookup-file');
    // v4: filename must exist
    one(check(v4, 'lookups/known_rundll_hosts.yml', { edits: [['filename: known_rundll_hosts.csv', 'filename: known_hosts.csv']] }).diags, 'lookup-file');
    assert.strictEqual(only(check(v4, 'lookups/known_rundll_hosts.yml', { context: contextOf(v4, { 'lookups/known_rundll_hosts.csv': 'a,b\n1\n' }) }).diags, 'lookup-csv-rows')[0].severity, 'warning');
  });

  it('v5: data source output_fields must appear in production TTP/Anomaly searches', () => {
    const ds = v5.files.get('data_sources/sysmon_eventid_1.yml')! + 'output_fields:\n- dest\n- parent_process_name\n';
    const ctx = contextOf(v5, { 'data_sources/sysmon_eventid_1.yml': ds });
    const d = only(check(v5, DET5, { context: ctx }).diags, 'data-source-fields');
    assert.strictEqual(d.length, 1); // both entries name Sysmon EventID 1: reported once, like contentctl's de-duplication
    assert.match(d[0].message, /\[parent_process_name\]/);
    assert.deepStrictEqual(codes(check(v5, DET5, { context: ctx, edits: [['status: production', 'status: experimental']] }).diags), []);
    assert.deepStrictEqual(codes(check(v4, DET4, { context: contextOf(v4, { 'data_sources/sysmon_eventid_1.yml': ds }) }).diags), []);
  });

  it('finds lookup data files no YAML uses', () => {
    const paths = [...v5.files.keys(), 'lookups/stale.csv'];
    assert.deepStrictEqual(findOrphanLookupFiles(paths, (p) => v5.files.get(p), 'v5').map((o) => o.path), ['lookups/stale.csv']);
    const p4 = [...v4.files.keys(), 'lookups/remote_tools_list.csv'];
    assert.deepStrictEqual(findOrphanLookupFiles(p4, (p) => v4.files.get(p), 'v4').map((o) => o.path), ['lookups/remote_tools_list.csv']);
  });

  it('without a context only local rules run', () => {
    const ds = check(v5, DET5, { context: null, edits: [['  - Living Off The Land', '  - Nope'], ['Sysmon EventID 1\n- Windows', 'Nope\n- Windows']] }).diags;
    assert.deepStrictEqual(codes(ds), []);
  });
});
