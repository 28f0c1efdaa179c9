// "Preview Detection": runs the detection being edited (or a .spl file, or the selected SPL) on a
// sample log in the language server's engine worker, with a cancellable progress notification,
// and shows the results in the panel beside the editor and inline in the YAML. Re-runs on save
// when the detection or a macro it uses is saved (detectionWorkbench.preview.runOnSave).
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import type { PreviewSources } from '../../../server/src/analysis/previewSources';
import type { RunSearchParams, RunSearchResult } from '../../../server/src/lsp/runSearch';
import { exportResults } from './exportResults';
import { craftSample } from './craftSample';
import { PREVIEW_COMMAND, PreviewCodeLens, PreviewInlayHints, RERUN_COMMAND, SHOW_RESULTS_COMMAND } from './lenses';
import { ResultsPanel, toRange } from './panel';
import type { ExplainResult, PlanErrorResult, PreviewResult } from './protocol';
import { PreviewEntry, PreviewResults, RunRequestSpec } from './results';
import { attackDataProblem, automaticSample, changeSample, pickSample, SampleChoice, SampleMemory } from './samples';
import type { SplunkApi } from '../splunk';
import { offerSettingsFix, pickTimeRange, runReplayAndCompare, runSplunkPreview, serverError, TimeRange } from './serverRuns';

const RUN_SEARCH = 'detectionWorkbench/runSearch';
const PREVIEW_SOURCES = 'detectionWorkbench/previewSources';
/** Plan errors the user can fix by picking a log (or setting the attack-data folder). */
const SAMPLE_PROBLEMS = new Set(['no-sample', 'no-attack-data-dir', 'missing-attack-data', 'missing-log']);

/** Arguments of the preview command when called from code (tests, other commands). */
export interface PreviewArgs {
  logs?: string[];
  source?: string;
  sourcetype?: string;
  /** Run only the SPL in this range of the document. */
  selection?: vscode.Range;
}

/** Samples up to this size get the missing-field hints after every run (explain keeps the events). */
const AUTO_EXPLAIN_MAX_EVENTS = 20_000;

const isPlanError = (r: RunSearchResult): r is PlanErrorResult => 'planError' in r;
const setting = <T>(key: string, fallback: T): T => vscode.workspace.getConfiguration('detectionWorkbench.preview').get<T>(key, fallback);

export class PreviewController implements vscode.Disposable {
  readonly results = new PreviewResults();
  readonly panel: ResultsPanel;
  private readonly memory: SampleMemory;
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly disposables: vscode.Disposable[] = [];
  private progressSeq = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly splunk?: SplunkApi,
  ) {
    this.memory = new SampleMemory(context.workspaceState);
    this.panel = new ResultsPanel(context.extensionUri, {
      rerun: (uri) => void this.rerun(vscode.Uri.parse(uri)),
      showMode: (uri, mode) => {
        const e = this.results.get(uri);
        if (e) this.results.update(uri, { title: e.title, spec: e.spec, mode });
      },
      runOnSplunk: (uri) => void this.previewOnSplunk(vscode.Uri.parse(uri)),
      replayAndCompare: (uri) => void this.replayAndCompare(vscode.Uri.parse(uri)),
      explain: (uri, event, nearMisses) => void this.explain(vscode.Uri.parse(uri), event, nearMisses),
      craft: (uri) => void this.craft(vscode.Uri.parse(uri)),
      changeSample: (uri) => void this.changeSample(vscode.Uri.parse(uri)),
      reveal: (uri, range) => void this.reveal(vscode.Uri.parse(uri), range),
      stageRows: (uri, stage) => void this.stageRows(uri, stage),
      export: (uri, format) => {
        const e = this.results.get(uri);
        if (e?.result) void exportResults(e.result, format, path.basename(vscode.Uri.parse(uri).path).replace(/\.\w+$/, ''));
      },
    });
    const selector: vscode.DocumentSelector = [
      { scheme: 'file', language: 'yaml', pattern: '**/{detections,baselines}/**/*.{yml,yaml}' },
      { language: 'spl' },
    ];
    const hints = new PreviewInlayHints(this.results, () => setting('inlineCounts', true));
    this.disposables.push(
      this.results,
      this.panel,
      this.results.onDidChange((e) => this.panel.entryChanged(e)),
      vscode.languages.registerCodeLensProvider(selector, new PreviewCodeLens(this.results)),
      vscode.languages.registerInlayHintsProvider(selector, hints),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('detectionWorkbench.preview.inlineCounts') && hints.refresh()),
      vscode.workspace.onDidSaveTextDocument((d) => this.saved(d)),
      vscode.commands.registerCommand(PREVIEW_COMMAND, (uri?: vscode.Uri, args?: PreviewArgs) => this.preview(uri, args)),
      vscode.commands.registerCommand('detectionWorkbench.previewSelection', () => {
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.selection.isEmpty) {
          void vscode.window.showWarningMessage('Select the SPL to run first (inside `search:` or in a .spl file).');
          return undefined;
        }
        return this.preview(editor.document.uri, { selection: editor.selection });
      }),
      vscode.commands.registerCommand(RERUN_COMMAND, (uri?: vscode.Uri) => this.rerun(uri)),
      vscode.commands.registerCommand(SHOW_RESULTS_COMMAND, (uri?: vscode.Uri) => {
        const e = this.results.get((uri ?? vscode.window.activeTextEditor?.document.uri)?.toString() ?? '') ?? this.results.last;
        if (e) this.panel.show(e);
      }),
      vscode.commands.registerCommand('detectionWorkbench.previewOnSplunk', (uri?: vscode.Uri, range?: TimeRange) => this.previewOnSplunk(uri, range)),
      vscode.commands.registerCommand('detectionWorkbench.explainEvent', async (uri?: vscode.Uri, event?: number) => {
        const target = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!target) return undefined;
        const n = event ?? Number(await vscode.window.showInputBox({ title: 'Explain an event of the sample', prompt: 'Event number (1 = the first event of the log)', validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'A number from 1') }));
        return Number.isInteger(n) && n >= 1 ? this.explain(target, n, false) : undefined;
      }),
      vscode.commands.registerCommand('detectionWorkbench.findNearMisses', (uri?: vscode.Uri) => {
        const target = uri ?? vscode.window.activeTextEditor?.document.uri;
        return target ? this.explain(target, undefined, true) : undefined;
      }),
      vscode.commands.registerCommand('detectionWorkbench.craftEvent', (uri?: vscode.Uri) => this.craft(uri)),
      vscode.commands.registerCommand('detectionWorkbench.replayAndCompare', (uri?: vscode.Uri) => this.replayAndCompare(uri)),
      vscode.commands.registerCommand('detectionWorkbench.changePreviewSample', (uri?: vscode.Uri) => this.changeSample(uri)),
      vscode.commands.registerCommand('detectionWorkbench.cancelPreview', () => {
        for (const s of this.running.values()) s.cancel();
      }),
      // For tests: the last preview, and what the panel rendered.
      vscode.commands.registerCommand('detectionWorkbench.test.lastPreview', (uri?: vscode.Uri) => {
        const e = uri ? this.results.get(uri.toString()) : this.results.last;
        return e && {
          uri: e.uri, title: e.title, result: e.result, planError: e.planError, stale: e.stale, running: e.running, origin: e.spec.sample.origin,
          mode: e.mode, splunk: e.splunk, compare: e.compare, serverStatus: e.serverStatus, explain: e.explain,
        };
      }),
      vscode.commands.registerCommand('detectionWorkbench.test.probeResults', () => this.panel.probe()),
      vscode.commands.registerCommand('detectionWorkbench.test.forgetSample', (uri: vscode.Uri) => this.memory.set(uri.toString(), undefined)),
      // For benchmarks: from the command to the table on screen.
      vscode.commands.registerCommand('detectionWorkbench.test.timePreview', async (uri: vscode.Uri, args?: PreviewArgs) => {
        const t0 = performance.now();
        const e = await this.preview(uri, args);
        await this.panel.whenRendered();
        return { totalMs: performance.now() - t0, serverMs: e?.result?.elapsedMs, rows: e?.result?.rows.length, eventsRead: e?.result?.eventsRead, error: e?.result?.error ?? e?.planError?.planError };
      }),
    );
  }

  /** The preview command: pick the sample in the documented order and run. */
  async preview(uri?: vscode.Uri, args: PreviewArgs = {}): Promise<PreviewEntry | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showWarningMessage('Open a detection (or a .spl file) to preview it.');
      return undefined;
    }
    const key = target.toString();
    const sources = await this.sources(target);
    let sample: SampleChoice | undefined;
    if (args.logs?.length) sample = { logs: args.logs, source: args.source, sourcetype: args.sourcetype, origin: 'the given log', picked: true };
    else sample = automaticSample(sources, this.memory.get(key)) ?? { origin: 'no sample' };
    const title = (args.selection ? 'Selection in ' : '') + (sources.name ?? path.basename(target.path));
    return this.run({ uri: key, selection: args.selection, sample }, title, sources);
  }

  private async rerun(uri?: vscode.Uri): Promise<PreviewEntry | undefined> {
    const key = (uri ?? vscode.window.activeTextEditor?.document.uri)?.toString();
    const entry = key ? this.results.get(key) : this.results.last;
    if (!entry) return this.preview(uri);
    return this.run(entry.spec, entry.title);
  }

  private async changeSample(uri?: vscode.Uri): Promise<void> {
    const key = (uri ?? vscode.window.activeTextEditor?.document.uri)?.toString();
    if (!key) return;
    const target = vscode.Uri.parse(key);
    const sources = await this.sources(target);
    const current = this.results.get(key)?.spec.sample;
    const choice = await changeSample(sources, current?.logs ? current : this.memory.get(key));
    if (!choice) return;
    const sample: SampleChoice = choice === 'attack-data' ? { origin: "the detection's attack data" } : choice;
    await this.memory.set(key, choice === 'attack-data' ? undefined : choice, true);
    const entry = this.results.get(key);
    await this.run({ uri: key, selection: entry?.spec.selection, sample }, entry?.title ?? sources.name ?? path.basename(target.path), sources);
  }

  private async sources(uri: vscode.Uri): Promise<PreviewSources> {
    const c = await this.readyClient();
    return c.sendRequest<PreviewSources>(PREVIEW_SOURCES, { uri: uri.toString() });
  }

  private async readyClient(): Promise<LanguageClient> {
    const c = this.client();
    if (!c) throw new Error('The Detection Workbench language server is not running.');
    if (!c.isRunning()) await c.start();
    return c;
  }

  private params(spec: RunRequestSpec, untilStage?: number): RunSearchParams {
    return {
      uri: spec.uri,
      selection: spec.selection && { start: spec.selection.start, end: spec.selection.end },
      logs: spec.sample.logs,
      source: spec.sample.source,
      sourcetype: spec.sample.sourcetype,
      maxRows: setting('maxRows', 10000),
      timeoutMs: setting('timeoutSeconds', 60) * 1000,
      untilStage,
    };
  }

  /** Runs with a cancellable progress notification; the entry holds the outcome. */
  private async run(spec: RunRequestSpec, title: string, sources?: PreviewSources): Promise<PreviewEntry> {
    const c = await this.readyClient();
    this.running.get(spec.uri)?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running.set(spec.uri, cts);
    const entry = this.results.update(spec.uri, { title, spec, running: true, mode: 'local' });
    this.panel.show(entry);
    let outcome: RunSearchResult;
    try {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Preview: ${title}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => cts.cancel());
          const workDoneToken = `dw-preview-${++this.progressSeq}`;
          const listener = c.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
            if (v.kind !== 'end' && v.message) progress.report({ message: v.message });
          });
          try {
            return await c.sendRequest<RunSearchResult>(RUN_SEARCH, { ...this.params(spec), workDoneToken }, cts.token);
          } finally {
            listener.dispose();
          }
        },
      );
    } catch (e) {
      outcome = { planError: cts.token.isCancellationRequested ? 'The preview was cancelled.' : `The preview failed: ${e instanceof Error ? e.message : String(e)}` };
    } finally {
      if (this.running.get(spec.uri) === cts) this.running.delete(spec.uri);
      cts.dispose();
    }
    if (isPlanError(outcome)) {
      const updated = this.results.update(spec.uri, { title, spec, running: false, planError: outcome, result: undefined, stale: false });
      if (outcome.code && SAMPLE_PROBLEMS.has(outcome.code)) void this.offerSample(spec, title, outcome, sources);
      return updated;
    }
    const result: PreviewResult = outcome;
    const done = this.results.update(spec.uri, { title, spec, running: false, result, planError: undefined, stale: false, searchSpan: result.searchRange, explain: undefined });
    // Fields the search reads that no event of the sample has: asked after each run on an
    // attack_data-sized sample (explain holds the sample's events), not awaited.
    if (!spec.selection && result.untilStage === undefined && result.eventsRead <= AUTO_EXPLAIN_MAX_EVENTS) void this.explain(vscode.Uri.parse(spec.uri), undefined, false);
    return done;
  }

  /** The entry a server run belongs to (created when the document was never previewed locally). */
  private serverEntry(uri: vscode.Uri): PreviewEntry {
    const key = uri.toString();
    const e = this.results.get(key);
    return e ?? this.results.update(key, { title: path.basename(uri.fsPath), spec: { uri: key, sample: { origin: 'no sample' } } });
  }

  /** Runs with a cancellable notification, recording progress and failure on the entry. */
  private async serverRun<T>(uri: vscode.Uri, title: string, work: (signal: AbortSignal, step: (s: string) => void) => Promise<T>): Promise<T | undefined> {
    if (!this.splunk) {
      void vscode.window.showWarningMessage('Running on Splunk is not available in this window.');
      return undefined;
    }
    const key = uri.toString();
    const base = this.serverEntry(uri);
    this.panel.show(this.results.update(key, { title: base.title, spec: base.spec, serverStatus: { running: true, message: `${title}…` } }));
    const controller = new AbortController();
    try {
      const value = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return work(controller.signal, (step) => {
          progress.report({ message: step });
          const e = this.results.get(key)!;
          this.results.update(key, { title: e.title, spec: e.spec, serverStatus: { running: true, message: `${title}: ${step}` } });
        });
      });
      const e = this.results.get(key)!;
      this.results.update(key, { title: e.title, spec: e.spec, serverStatus: undefined });
      return value;
    } catch (err) {
      const { message, settings } = serverError(err);
      const e = this.results.get(key)!;
      this.results.update(key, { title: e.title, spec: e.spec, serverStatus: { running: false, error: controller.signal.aborted ? 'Cancelled.' : message } });
      if (settings) void offerSettingsFix(message);
      return undefined;
    }
  }

  /** *Preview on Splunk*: the detection's search on the server over a time range, in the same panel. */
  async previewOnSplunk(uri?: vscode.Uri, range?: TimeRange): Promise<PreviewEntry | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || !this.splunk) return undefined;
    const when = range ?? (await pickTimeRange());
    if (!when) return undefined;
    const api = this.splunk;
    const view = await this.serverRun(target, 'Preview on Splunk', (signal) => runSplunkPreview(api, target, when, setting('maxRows', 10000), signal));
    const e = this.results.get(target.toString())!;
    return view ? this.results.update(e.uri, { title: e.title, spec: e.spec, splunk: view, mode: 'splunk' }) : e;
  }

  /** *Replay and Compare*: the attack data replayed to the test index, local and server results side by side. */
  async replayAndCompare(uri?: vscode.Uri): Promise<PreviewEntry | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || !this.splunk) return undefined;
    const api = this.splunk;
    const view = await this.serverRun(target, 'Replay and compare', (signal, step) => runReplayAndCompare(api, target, signal, step));
    const e = this.results.get(target.toString())!;
    return view ? this.results.update(e.uri, { title: e.title, spec: e.spec, compare: view, mode: 'compare' }) : e;
  }

  /**
   * Why did it (not) fire: one event's path (`event`), the near misses, or — with neither — only the
   * fields the search reads that no event of the sample has. Runs on the entry's sample.
   */
  async explain(uri: vscode.Uri, event: number | undefined, nearMisses: boolean): Promise<PreviewEntry | undefined> {
    const key = uri.toString();
    const e = this.results.get(key);
    if (!e) return undefined;
    const asked = { event, nearMisses: nearMisses || undefined };
    const keep = (x: PreviewEntry) => this.results.update(key, { title: x.title, spec: x.spec, explain: { ...x.explain, asked, running: true, error: undefined } });
    keep(e);
    try {
      const c = await this.readyClient();
      const s = e.spec.sample;
      const r = await c.sendRequest<ExplainResult | { planError: string }>('detectionWorkbench/explain', {
        uri: key, logs: s.logs, source: s.source, sourcetype: s.sourcetype, event, nearMisses: nearMisses || undefined,
        timeoutMs: setting('timeoutSeconds', 60) * 1000,
      });
      const now = this.results.get(key)!;
      // keep the missing fields of the run when a later question does not repeat them
      const result = 'planError' in r ? undefined : { ...r, missingFields: r.missingFields ?? now.explain?.result?.missingFields };
      return this.results.update(key, { title: now.title, spec: now.spec, explain: { asked, running: false, result, error: 'planError' in r ? r.planError : undefined } });
    } catch (err) {
      const now = this.results.get(key)!;
      return this.results.update(key, { title: now.title, spec: now.spec, explain: { asked, running: false, error: err instanceof Error ? err.message : String(err) } });
    }
  }

  /**
   * *Craft an Event That Fires*: an event edited so that the search fires (craftSample.ts), made
   * this detection's sample; the preview then runs on it, and a notification offers to open it.
   */
  async craft(uri?: vscode.Uri): Promise<PreviewEntry | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showWarningMessage('Open a detection to craft an event for it.');
      return undefined;
    }
    const key = target.toString();
    const c = await this.readyClient();
    const current = this.results.get(key)?.spec.sample ?? this.memory.get(key);
    const storage = this.context.storageUri ?? this.context.globalStorageUri;
    let crafted;
    try {
      crafted = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Crafting an event for ${path.basename(target.path)}`, cancellable: true },
        (_progress, token) => craftSample(c, target, storage, current, setting('timeoutSeconds', 60) * 1000, token),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`Crafting failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (!crafted.fires) {
      const file = crafted.file;
      void vscode.window.showWarningMessage(crafted.summary, ...(file ? ['Open the Crafted Events'] : [])).then((a) => {
        if (a && file) void vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      });
      return this.results.get(key);
    }
    await this.memory.set(key, crafted.choice, true);
    // Offered rather than opened: a new editor column beside the detection and the panel would crowd them.
    const file = crafted.file;
    void vscode.window.showInformationMessage(crafted.summary, 'Open the Crafted Log').then((a) => {
      if (a) void vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
    });
    const entry = this.results.get(key);
    const sources = await this.sources(target);
    return this.run({ uri: key, selection: entry?.spec.selection, sample: crafted.choice }, entry?.title ?? sources.name ?? path.basename(target.path), sources);
  }

  /** A run that needs a sample: say what was looked for and offer to pick a log or open the setting. */
  private async offerSample(spec: RunRequestSpec, title: string, problem: PlanErrorResult, known?: PreviewSources): Promise<void> {
    const sources = known ?? (await this.sources(vscode.Uri.parse(spec.uri)));
    const message = attackDataProblem(sources) ?? (problem.code === 'no-sample' ? `${title} has no tests[].attack_data: pick a sample log to preview it on.` : problem.planError);
    const pick = 'Pick a Log File…';
    const open = 'Open Setting';
    const answer = await vscode.window.showWarningMessage(message, pick, ...(sources.attackData.length ? [open] : []));
    if (answer === open) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'detectionWorkbench.attackData');
    } else if (answer === pick) {
      const sample = await pickSample(sources, this.memory.get(spec.uri));
      if (!sample) return;
      await this.memory.set(spec.uri, sample);
      await this.run({ ...spec, sample }, title, sources);
    }
  }

  /** The rows after one stage: the same run, cut after that command. */
  private async stageRows(uri: string, stage: number): Promise<void> {
    const entry = this.results.get(uri);
    if (!entry) return;
    try {
      const c = await this.readyClient();
      const r = await c.sendRequest<RunSearchResult>(RUN_SEARCH, this.params(entry.spec, stage));
      if (isPlanError(r)) this.panel.stageRows(stage, undefined, r.planError);
      else this.panel.stageRows(stage, r);
    } catch (e) {
      this.panel.stageRows(stage, undefined, e instanceof Error ? e.message : String(e));
    }
  }

  private async reveal(uri: vscode.Uri, range: vscode.Range): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Run on save: the saved detection, and every previewed detection that uses a saved macro or baseline. */
  private saved(doc: vscode.TextDocument): void {
    if (!setting('runOnSave', true)) return;
    const key = doc.uri.toString();
    const own = this.results.get(key);
    if (own && !own.running) {
      void this.run(own.spec, own.title);
      return;
    }
    if (/[\\/]baselines[\\/][^\\/]+\.ya?ml$/i.test(doc.uri.fsPath)) {
      // A baseline that fills a lookup the previewed search reads (it runs first, on the same sample).
      const baseline = /^name[ \t]*:[ \t]*['"]?([^'"#\r\n]*[^'"#\s])/m.exec(doc.getText())?.[1];
      for (const e of this.results.all()) {
        if (baseline && !e.running && e.result?.baselinesUsed?.includes(baseline)) void this.run(e.spec, e.title);
      }
      return;
    }
    if (!/[\\/]macros[\\/][^\\/]+\.ya?ml$/i.test(doc.uri.fsPath)) return;
    const name = /^name[ \t]*:[ \t]*['"]?([^'"\s#]+)/m.exec(doc.getText())?.[1];
    if (!name) return;
    const macro = name.replace(/\(\d+\)$/, '');
    for (const e of this.results.all()) {
      if (!e.running && e.result?.macrosUsed.includes(macro)) void this.run(e.spec, e.title);
    }
  }

  dispose(): void {
    for (const s of this.running.values()) s.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

export { toRange };
