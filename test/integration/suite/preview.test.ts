// "Preview Detection" in the real VS Code: each example detection on its attack data, the rows in
// the results panel (read back from the webview's DOM), the counts inline in the YAML, staleness
// and re-run, a selection, cancellation, a missing sample, and a hostile log that must stay text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ProbeReport, PreviewResult, PlanErrorResult } from '../../../client/src/preview/protocol';
import { activateExtension, closeAllEditors, openDocument, waitFor } from '../helpers';

interface LastPreview {
  uri: string;
  result?: PreviewResult;
  planError?: PlanErrorResult;
  stale: boolean;
  origin?: string;
  running: boolean;
}

const last = (uri?: vscode.Uri) => vscode.commands.executeCommand<LastPreview | undefined>('detectionWorkbench.test.lastPreview', uri);
const probe = () => vscode.commands.executeCommand<ProbeReport>('detectionWorkbench.test.probeResults');

async function preview(uri: vscode.Uri, args?: Record<string, unknown>): Promise<LastPreview> {
  await vscode.commands.executeCommand('detectionWorkbench.previewDetection', uri, args);
  return waitFor(async () => {
    const p = await last(uri);
    return p && !p.running && (p.result || p.planError) ? p : undefined;
  }, { timeoutMs: 60_000, message: `the preview of ${path.basename(uri.fsPath)}` });
}

/** The panel's DOM once it shows `expect` rows (the webview renders asynchronously). */
async function panelShowing(rows: number): Promise<ProbeReport> {
  return waitFor(async () => {
    const p = await probe();
    return p.cells.length === rows && /result/.test(p.summary) ? p : undefined;
  }, { timeoutMs: 30_000, message: `the results panel showing ${rows} rows` });
}

async function inlayHints(doc: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all)) ?? [];
}

const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

async function lensTitles(doc: vscode.TextDocument): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
  return lenses.map((l) => l.command?.title ?? '');
}

function tempRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-preview-'));
  fs.mkdirSync(path.join(dir, 'detections'), { recursive: true });
  return dir;
}

suite('Preview Detection', function () {
  this.timeout(180_000);
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(async () => {
    await closeAllEditors();
  });

  test('runs the regsvcs example on its attack data: rows in the panel, counts inline, the risk message', async () => {
    const doc = await openDocument(path.join('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml'));
    const p = await preview(doc.uri);
    assert.strictEqual(p.planError, undefined, p.planError?.planError);
    const r = p.result!;
    assert.strictEqual(r.error, undefined);
    assert.strictEqual(r.eventsRead, 8);
    assert.deepStrictEqual(r.rows.map((x) => [x.dest, x.count, x.dest_port]), [
      ['files.example.org', '1', '8080'],
      ['update-cdn.example.net', '3', ['443', '8443']],
    ]);
    assert.deepStrictEqual(r.stages.map((s) => [s.command, s.rowsIn, s.rowsOut]), [
      ['search', 8, 4], ['lookup', 4, 4], ['stats', 4, 2], ['convert', 2, 2], ['convert', 2, 2], ['search', 2, 2],
    ]);

    const panel = await panelShowing(2);
    assert.deepStrictEqual(panel.columns, r.fields);
    const col = (name: string) => panel.columns.indexOf(name);
    assert.deepStrictEqual(panel.cells.map((c) => [c[col('dest')], c[col('count')], c[col('dest_port')]]), [
      ['files.example.org', '1', '8080'],
      ['update-cdn.example.net', '3', '443\n8443'],
    ]);
    assert.deepStrictEqual(panel.funnel.map((f) => f.rowsOut), [4, 4, 2, 2, 2, 2]);
    assert.deepStrictEqual(panel.riskMessages, [
      'RegSvcs.exe on files.example.org run by CORP\\svc_build connected to the public address 198.51.100.7.',
      'RegSvcs.exe on update-cdn.example.net run by CORP\\jdoe connected to the public address 203.0.113.50.',
    ]);
    assert.match(panel.summary, /^2 results · 8 events read · /);

    // Inline: after each command, exactly where the command ends inside the single-quoted scalar
    // (the first command ends on the scalar's second line).
    const hints = await waitFor(async () => ((await inlayHints(doc)).length >= 5 ? inlayHints(doc) : undefined), { message: 'inlay hints' });
    const before = (h: vscode.InlayHint, n: number) => doc.getText(new vscode.Range(h.position.translate(0, -n), h.position));
    const first = hints.find((h) => label(h) === '→ 4 rows' && before(h, 11) === 'regsvcs.exe');
    assert.ok(first, `a hint after process_name=regsvcs.exe: ${hints.map((h) => `${label(h)}@${h.position.line}:${h.position.character}`).join(', ')}`);
    assert.ok(hints.some((h) => label(h) === '→ 4 rows' && before(h, 13) === 'OUTPUT reason'), 'a hint after the lookup');
    assert.ok(hints.some((h) => label(h) === '→ 2 rows' && before(h, 15) === 'dest_ip, reason'), 'a hint after stats … by … reason');
    const ctime = '`security_content_ctime(firstTime)`';
    assert.ok(hints.some((h) => label(h) === '→ 2 rows' && before(h, ctime.length) === ctime), 'a hint after the first ctime macro');

    const lenses = await lensTitles(doc);
    assert.ok(lenses.some((t) => /^2 results · 8 events · /.test(t)), lenses.join(' | '));
    assert.ok(lenses.includes('▶ Re-run'), lenses.join(' | '));
  });

  test('runs the tstats and CloudTrail examples and shows their rows', async () => {
    const ps = await openDocument(path.join('detections', 'endpoint', 'powershell_encoded_command.yml'));
    const a = (await preview(ps.uri)).result!;
    assert.strictEqual(a.error, undefined);
    assert.deepStrictEqual(a.rows.map((x) => [x.parent_process_name, x.length]), [['cmd.exe', '36'], ['explorer.exe', '80']]);
    assert.deepStrictEqual(a.stages.map((s) => s.command), ['tstats', 'rename', 'eval', 'where', 'convert', 'convert', 'search']);
    // tstats reads all 5 events of the sample (all Sysmon EventCode 1, so all in Endpoint.Processes)
    // and its where clause leaves 3 groups.
    assert.strictEqual(a.eventsRead, 5);
    assert.deepStrictEqual([a.stages[0].rowsIn, a.stages[0].rowsOut, a.stages[0].matched], [5, 3, 5]);
    await panelShowing(2);

    const ct = await openDocument(path.join('detections', 'cloud', 'aws_cloudtrail_trail_deleted.yml'));
    const b = (await preview(ct.uri)).result!;
    assert.strictEqual(b.error, undefined);
    assert.deepStrictEqual(b.rows.map((x) => [x.src, x.count, x.trail_name]), [
      ['198.51.100.23', '2', ['org-audit-trail', 'org-data-events-trail']],
      ['203.0.113.200', '1', 'sandbox-trail'],
    ]);
    const panel = await panelShowing(2);
    assert.deepStrictEqual(panel.cells.map((c) => c[panel.columns.indexOf('trail_name')]), ['org-audit-trail\norg-data-events-trail', 'sandbox-trail']);
  });

  test('goes stale when the search changes, moves its counts when other lines change, and re-runs', async () => {
    const dir = tempRepo();
    const file = path.join(dir, 'detections', 'stale_check.yml');
    const log = path.join(dir, 'sample.log');
    fs.writeFileSync(log, 'user=alice action=login\nuser=bob action=logout\nuser=alice action=logout\n');
    fs.writeFileSync(file, "name: Stale Check\ndescription: x\nsearch: 'action=logout\n  | stats count by user'\n");
    const doc = await openDocument(file);
    const p = await preview(doc.uri, { logs: [log], sourcetype: 'kv' });
    assert.deepStrictEqual(p.result!.rows.map((x) => [x.user, x.count]), [['alice', '1'], ['bob', '1']]);
    const editor = vscode.window.activeTextEditor!;

    // An edit above the search keeps the result and moves the inline counts with the text.
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'author: me\n'));
    const moved = await waitFor(async () => {
      const hints = await inlayHints(doc);
      return hints.length === 2 && hints.every((h) => h.position.line >= 3) ? hints : undefined;
    }, { message: 'inlay hints moved one line down' });
    assert.deepStrictEqual(moved.map((h) => [label(h), h.position.line]).sort(), [['→ 2 rows', 3], ['→ 2 rows', 4]]);
    assert.strictEqual((await last(doc.uri))!.stale, false);

    // An edit inside the search makes it stale: the panel says so, the counts disappear.
    await editor.edit((e) => e.replace(new vscode.Range(3, 16, 3, 22), 'login'));
    await waitFor(async () => (await last(doc.uri))?.stale, { message: 'the result marked stale' });
    await waitFor(async () => (await probe()).stale, { message: 'the panel showing the result as stale' });
    assert.deepStrictEqual(await inlayHints(doc), []);
    assert.ok((await lensTitles(doc)).some((t) => t.startsWith('(out of date) ')));

    await vscode.commands.executeCommand('detectionWorkbench.rerunPreview', doc.uri);
    const fresh = await waitFor(async () => {
      const x = await last(doc.uri);
      return x && !x.running && !x.stale && x.result?.rows.length === 1 ? x : undefined;
    }, { timeoutMs: 60_000, message: 'the re-run' });
    assert.deepStrictEqual(fresh.result!.rows.map((x) => [x.user, x.count]), [['alice', '1']]);
    await waitFor(async () => !(await probe()).stale && (await probe()).cells.length === 1, { message: 'the panel showing the re-run' });
  });

  test('runs only the selected SPL of a search', async () => {
    const doc = await openDocument(path.join('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml'));
    const text = doc.getText();
    const start = text.indexOf('`sysmon`');
    const end = text.indexOf('regsvcs.exe') + 'regsvcs.exe'.length;
    const selection = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const p = await preview(doc.uri, { selection });
    assert.strictEqual(p.result!.error, undefined);
    assert.strictEqual(p.result!.rows.length, 4);
    assert.deepStrictEqual(p.result!.stages.map((s) => s.command), ['search']);
    const r = p.result!.stages[0].range!;
    assert.deepStrictEqual([r.start.line, r.start.character, r.end.line, r.end.character], [selection.start.line, selection.start.character, selection.end.line, selection.end.character]);
  });

  test('cancels a long run and stays responsive', async () => {
    const dir = tempRepo();
    const file = path.join(dir, 'slow.spl');
    fs.writeFileSync(file, '| makeresults count=1 | eval s="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" | where match(s, "^(a+)+$")\n');
    const doc = await openDocument(file);
    const started = Date.now();
    void vscode.commands.executeCommand('detectionWorkbench.previewDetection', doc.uri);
    await waitFor(async () => (await last(doc.uri))?.running, { message: 'the run to start' });
    await vscode.commands.executeCommand('detectionWorkbench.cancelPreview');
    const p = await waitFor(async () => {
      const x = await last(doc.uri);
      return x && !x.running ? x : undefined;
    }, { timeoutMs: 30_000, message: 'the cancelled run to end' });
    assert.ok(Date.now() - started < 30_000);
    assert.match(p.planError?.planError ?? p.result?.error ?? '', /cancel/i);
    // the server still answers
    const again = await preview(vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'searches', 'regsvcs_hunt.spl')));
    assert.ok(again.result || again.planError);
  });

  test('says which attack-data path was looked for when the sample is missing', async () => {
    const dir = tempRepo();
    const file = path.join(dir, 'detections', 'missing_sample.yml');
    fs.mkdirSync(path.join(dir, 'attack_data'));
    fs.writeFileSync(file, [
      'name: Missing Sample',
      "search: 'action=x'",
      'tests:',
      '- name: True Positive Test',
      '  attack_data:',
      '  - data: https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/nowhere/missing.log',
      '    sourcetype: kv',
      '',
    ].join('\n'));
    const doc = await openDocument(file);
    const p = await preview(doc.uri);
    assert.strictEqual(p.result, undefined);
    assert.strictEqual(p.planError?.code, 'missing-attack-data');
    assert.strictEqual(p.planError?.path, path.join(dir, 'attack_data', 'datasets', 'nowhere', 'missing.log'));
  });

  test('renders a hostile log as text: no element, handler or script from the log comes alive', async () => {
    const dir = tempRepo();
    const file = path.join(dir, 'detections', 'hostile.yml');
    const log = path.join(dir, 'hostile.json');
    const big = 'A'.repeat(100 * 1024);
    const events = [
      { kind: 'img', payload: '<img src=x onerror=alert(1)>', link: 'javascript:alert(3)', big },
      { kind: 'script', payload: '</script><script>alert(2)</script>', link: '<a href="javascript:alert(4)">x</a>', big: '<iframe src="https://example.com"></iframe>' },
    ];
    fs.writeFileSync(log, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    fs.writeFileSync(file, [
      'name: Hostile <b>Log</b>',
      "search: 'kind=* | table kind payload link big missing_field'",
      'rba:',
      '  message: Payload $payload$ and $missing_field$',
      '  risk_objects:',
      '  - field: missing_field',
      '    type: user',
      '    score: 10',
      '  threat_objects: []',
      '',
    ].join('\n'));
    const doc = await openDocument(file);
    const p = await preview(doc.uri, { logs: [log], sourcetype: '_json' });
    assert.strictEqual(p.result?.error, undefined, p.result?.error);
    assert.strictEqual(p.result!.rows.length, 2);
    const panel = await panelShowing(2);
    for (const tag of ['img', 'script', 'iframe', 'b', 'object', 'embed', 'svg', 'style', 'link', 'meta']) {
      assert.strictEqual(panel.tags[tag], undefined, `no <${tag}> element in the panel (${JSON.stringify(panel.tags)})`);
    }
    assert.strictEqual(panel.liveAttributes, 0);
    // Only the nonce'd bundle runs; nothing else may load, and nothing did.
    assert.match(panel.csp, /(^|; )default-src 'none'(;|$)/, panel.csp);
    assert.match(panel.csp, /script-src 'nonce-[A-Za-z0-9+/=]+'(;|$)/, panel.csp);
    assert.doesNotMatch(panel.csp, /unsafe-inline|unsafe-eval|http:/, panel.csp);
    // Styles and fonts only from the extension itself (webview.cspSource: 'self' and VS Code's resource CDN).
    for (const host of panel.csp.match(/https:\/\/[^\s;]+/g) ?? []) assert.strictEqual(host, 'https://*.vscode-cdn.net', panel.csp);
    for (const d of ['img-src', 'connect-src', 'frame-src']) assert.match(panel.csp, new RegExp(`${d} 'none'`), panel.csp);
    // The one script loaded from a file is the panel's bundle, with its nonce (the inline one without
    // a src is VS Code's own webview shim, injected by the host; the CSP gives inline code no way to run).
    const loaded = panel.scripts.filter((x) => x.src);
    assert.strictEqual(loaded.length, 1, JSON.stringify(panel.scripts));
    assert.match(loaded[0].src, /\/dist\/webview\/main\.js$/);
    assert.ok(loaded[0].nonce, JSON.stringify(panel.scripts));
    assert.deepStrictEqual(panel.remoteLoads, []);
    const col = (n: string) => panel.columns.indexOf(n);
    const byKind = new Map(panel.cells.map((c) => [c[col('kind')], c]));
    assert.strictEqual(byKind.get('img')![col('payload')], '<img src=x onerror=alert(1)>');
    assert.strictEqual(byKind.get('img')![col('link')], 'javascript:alert(3)');
    assert.strictEqual(byKind.get('script')![col('payload')], '</script><script>alert(2)</script>');
    assert.strictEqual(byKind.get('script')![col('big')], '<iframe src="https://example.com"></iframe>');
    const shownBig = byKind.get('img')![col('big')];
    assert.ok(shownBig.startsWith('A'.repeat(2000) + ' … (100,400 more characters'), shownBig.slice(1990, 2060));
    // the risk message is text too, and the missing risk field is marked
    assert.ok(panel.riskMessages.some((m) => m.startsWith('Payload </script><script>alert(2)</script> and $missing_field$')), panel.riskMessages.join(' | '));
    assert.deepStrictEqual(p.result!.risk?.missingFields, ['missing_field']);
  });

  test('crafts an event that fires from the data source’s example_log and previews on it', async () => {
    const doc = await openDocument(path.join('detections', 'cloud', 'aws_cloudtrail_trail_deleted.yml'));
    try {
      // Resolves once the crafted log is written, opened and previewed.
      await vscode.commands.executeCommand('detectionWorkbench.craftEvent', doc.uri);
      const p = await waitFor(async () => {
        const x = await last(doc.uri);
        return x && !x.running && x.origin === 'the crafted event' && (x.result || x.planError) ? x : undefined;
      }, { timeoutMs: 60_000, message: 'the preview on the crafted event' });
      assert.strictEqual(p.planError, undefined, JSON.stringify(p.planError));
      assert.strictEqual(p.result!.error, undefined);
      assert.strictEqual(p.result!.rows.length, 1);
      assert.deepStrictEqual(p.result!.inputs.map((i) => i.sourcetype), ['aws:cloudtrail']);
      const crafted = p.result!.inputs[0].path;
      assert.strictEqual(path.basename(crafted), 'aws_cloudtrail_trail_deleted.crafted.log');
      const event = JSON.parse(fs.readFileSync(crafted, 'utf8').trim()) as { eventName?: string; eventSource?: string };
      assert.deepStrictEqual([event.eventName, event.eventSource], ['DeleteTrail', 'cloudtrail.amazonaws.com']);
      // the crafted file is the extension's, not the repository's
      assert.ok(!crafted.startsWith(path.dirname(path.dirname(path.dirname(doc.uri.fsPath)))), crafted);
      await panelShowing(1);
    } finally {
      await vscode.commands.executeCommand('detectionWorkbench.test.forgetSample', doc.uri);
    }
  });

  test('explains from the panel why a detection did not fire: a missing field with a suggestion, near misses, one event’s path', async () => {
    const dir = tempRepo();
    const file = path.join(dir, 'detections', 'typo.yml');
    const log = path.join(dir, 'typo.log');
    fs.writeFileSync(log, 'process_name=cmd.exe action=start user=a\nprocess_name=powershell.exe action=start user=b\n');
    fs.writeFileSync(file, "name: Typo\nsearch: 'process_nme=cmd.exe action=start\n  | stats count by user'\n");
    const doc = await openDocument(file);
    const p = await preview(doc.uri, { logs: [log], sourcetype: 'kv' });
    assert.strictEqual(p.result!.rows.length, 0);
    const hints = await waitFor(async () => {
      const x = await probe();
      return x.explain.missingFields.length ? x : undefined;
    }, { timeoutMs: 60_000, message: 'the missing-field hints in the panel' });
    assert.match(hints.explain.missingFields[0], /^process_nme — did you mean process_name/);

    await vscode.commands.executeCommand('detectionWorkbench.findNearMisses', doc.uri);
    const near = await waitFor(async () => {
      const x = await probe();
      return x.explain.nearMisses.length ? x : undefined;
    }, { timeoutMs: 60_000, message: 'the near misses in the panel' });
    assert.strictEqual(near.explain.nearMisses.length, 2);
    assert.match(near.explain.nearMisses[0], /^Event [12]: 1 of 2 conditions hold/);

    await vscode.commands.executeCommand('detectionWorkbench.explainEvent', doc.uri, 2);
    const one = await waitFor(async () => {
      const x = await probe();
      return x.explain.outcome ? x : undefined;
    }, { timeoutMs: 60_000, message: 'the explanation of event 2 in the panel' });
    assert.match(one.explain.outcome, /^Event 2 \(typo\.log, line 2\): dropped at stage 1/);
    assert.ok(one.explain.leaves.some((l) => l.startsWith('✘ process_nme=cmd.exe')), one.explain.leaves.join(' | '));
    assert.ok(one.explain.leaves.some((l) => l.startsWith('✔ action=start')), one.explain.leaves.join(' | '));
  });
});
