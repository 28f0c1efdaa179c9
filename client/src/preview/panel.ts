// The results panel beside the editor: one webview that shows the last preview of the document
// the user previewed most recently. Strict Content Security Policy (no remote loads, scripts only
// with a nonce, resources only from the extension's webview folder); every message from the
// webview is validated (protocol.ts) before it is acted on.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { parseFromWebview, type FromWebview, type PanelView, type ProbeReport, type ToWebview } from './protocol';
import type { PreviewEntry } from './results';

export interface PanelActions {
  showMode(uri: string, mode: 'local' | 'splunk' | 'compare'): void;
  runOnSplunk(uri: string): void;
  replayAndCompare(uri: string): void;
  explain(uri: string, event: number | undefined, nearMisses: boolean): void;
  /** Craft an event that makes the detection fire and preview on it. */
  craft(uri: string): void;
  rerun(uri: string): void;
  changeSample(uri: string): void;
  reveal(uri: string, range: vscode.Range): void;
  stageRows(uri: string, stage: number): void;
  export(uri: string, format: 'csv' | 'json'): void;
}

export class ResultsPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private entry?: PreviewEntry;
  private ready = false;
  private readonly probes = new Map<number, (r: ProbeReport) => void>();
  private nextProbe = 1;
  private seq = 0;
  private renderedSeq = 0;
  private renderWaiters: { seq: number; resolve: () => void }[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly actions: PanelActions) {}

  /** The document the panel shows. */
  get uri(): string | undefined {
    return this.entry?.uri;
  }

  get visible(): boolean {
    return !!this.panel;
  }

  /** Shows an entry (opening the panel beside the editor if needed). */
  show(entry: PreviewEntry, reveal = true): void {
    this.entry = entry;
    if (!this.panel) this.create();
    else if (reveal && !this.panel.visible) this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.panel!.title = `Results: ${entry.title}`;
    this.postView(entry);
  }

  /** Resolves when the webview has put the latest view on screen (benchmarks measure up to here). */
  whenRendered(timeoutMs = 30_000): Promise<void> {
    const seq = this.seq;
    if (this.renderedSeq >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the results panel did not render')), timeoutMs);
      this.renderWaiters.push({ seq, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  private postView(entry: PreviewEntry): void {
    this.post({ type: 'view', view: this.viewOf(entry), seq: ++this.seq });
  }

  /** An entry changed (stale, running, new result): update the panel if it shows that entry. */
  entryChanged(entry: PreviewEntry): void {
    if (!this.panel || this.entry?.uri !== entry.uri) return;
    const prev = this.entry;
    const resultChanged = prev.result !== entry.result || prev.planError !== entry.planError || prev.mode !== entry.mode ||
      prev.splunk !== entry.splunk || prev.compare !== entry.compare || prev.serverStatus !== entry.serverStatus || prev.explain !== entry.explain;
    this.entry = entry;
    if (resultChanged) this.postView(entry);
    else {
      this.post({ type: 'stale', stale: entry.stale });
      this.post({ type: 'running', running: entry.running });
    }
  }

  stageRows(stage: number, result?: PanelView['result'], error?: string): void {
    this.post({ type: 'stageRows', stage, result, error });
  }

  /** Asks the webview what it rendered (tests use this to prove log contents stay text). */
  probe(timeoutMs = 10_000): Promise<ProbeReport> {
    const id = this.nextProbe++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.probes.delete(id); reject(new Error('the results panel did not answer')); }, timeoutMs);
      this.probes.set(id, (r) => { clearTimeout(timer); resolve(r); });
      this.post({ type: 'probe', id });
    });
  }

  private viewOf(e: PreviewEntry): PanelView {
    return {
      title: e.title, uri: e.uri, result: e.result, planError: e.planError, stale: e.stale, running: e.running, sampleOrigin: e.spec.sample.origin,
      mode: e.mode, splunk: e.splunk, compare: e.compare, serverStatus: e.serverStatus, explain: e.explain,
    };
  }

  private post(m: ToWebview): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(m);
  }

  private create(): void {
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('detectionWorkbench.results', 'Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [root],
      retainContextWhenHidden: true,
    });
    this.panel = panel;
    this.ready = false;
    panel.webview.html = html(panel.webview, root);
    this.disposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((raw) => this.received(parseFromWebview(raw))),
    );
  }

  private received(m: FromWebview | undefined): void {
    const entry = this.entry;
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (entry) this.postView(entry);
        return;
      case 'rendered':
        this.renderedSeq = Math.max(this.renderedSeq, m.seq);
        for (const w of this.renderWaiters.filter((x) => x.seq <= this.renderedSeq)) w.resolve();
        this.renderWaiters = this.renderWaiters.filter((x) => x.seq > this.renderedSeq);
        return;
      case 'probeResult':
        this.probes.get(m.id)?.(m.report);
        this.probes.delete(m.id);
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(m.text);
        return;
    }
    if (!entry) return;
    switch (m.type) {
      case 'rerun':
        return this.actions.rerun(entry.uri);
      case 'changeSample':
        return this.actions.changeSample(entry.uri);
      case 'showMode':
        return this.actions.showMode(entry.uri, m.mode);
      case 'runOnSplunk':
        return this.actions.runOnSplunk(entry.uri);
      case 'replayAndCompare':
        return this.actions.replayAndCompare(entry.uri);
      case 'explain':
        return this.actions.explain(entry.uri, m.event, !!m.nearMisses);
      case 'craft':
        return this.actions.craft(entry.uri);
      case 'revealRange':
        return this.actions.reveal(entry.uri, toRange(m.range));
      case 'export':
        return this.actions.export(entry.uri, m.format);
      case 'stageRows':
        if (entry.result && m.stage < entry.result.stages.length) this.actions.stageRows(entry.uri, m.stage);
        return;
      case 'reveal': {
        const r = entry.result?.stages[m.stage]?.range;
        if (r) this.actions.reveal(entry.uri, toRange(r));
        return;
      }
      case 'revealError': {
        const r = entry.result?.errorRange;
        if (r) this.actions.reveal(entry.uri, toRange(r));
        return;
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The panel's page: no inline script or style without the nonce, nothing from outside `root`. */
export function html(webview: vscode.Webview, root: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'preview.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    "img-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Detection Workbench results</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
