// The last preview of each document: the result, how it was run (to re-run it), whether it is
// stale, and the run in progress. Document edits move the stored positions, or mark the result
// stale when they touch the search. Listeners (panel, CodeLens, inlay hints) are told of changes.
import * as vscode from 'vscode';
import type { CompareView, ExplainView, PanelView, PlanErrorResult, PreviewResult, SplunkView } from './protocol';
import { applyEdits, Span } from './rangeTracking';
import type { SampleChoice } from './samples';

export interface RunRequestSpec {
  uri: string;
  selection?: vscode.Range;
  sample: SampleChoice;
}

export interface PreviewEntry {
  uri: string;
  title: string;
  spec: RunRequestSpec;
  result?: PreviewResult;
  planError?: PlanErrorResult;
  stale: boolean;
  running: boolean;
  /** The span of the search that ran, in the current document (moves with edits above it). */
  searchSpan?: Span;
  /** What the panel shows for this document, and the server runs. */
  mode?: PanelView['mode'];
  splunk?: SplunkView;
  compare?: CompareView;
  serverStatus?: PanelView['serverStatus'];
  explain?: ExplainView;
}

export class PreviewResults implements vscode.Disposable {
  private readonly entries = new Map<string, PreviewEntry>();
  private readonly changed = new vscode.EventEmitter<PreviewEntry>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** The last entry that finished a run (for tests and the panel). */
  last?: PreviewEntry;

  constructor() {
    this.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)));
  }

  get(uri: string): PreviewEntry | undefined {
    return this.entries.get(uri);
  }

  all(): PreviewEntry[] {
    return [...this.entries.values()];
  }

  update(uri: string, patch: Partial<PreviewEntry> & Pick<PreviewEntry, 'title' | 'spec'>): PreviewEntry {
    const entry: PreviewEntry = { uri, stale: false, running: false, ...this.entries.get(uri), ...patch };
    this.entries.set(uri, entry);
    if (patch.result || patch.planError) this.last = entry;
    this.changed.fire(entry);
    return entry;
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(e.document.uri.toString());
    if (!entry || !e.contentChanges.length || entry.stale) return;
    const r = entry.result;
    const span = entry.searchSpan;
    if (!r || !span) {
      entry.stale = !!r;
      if (r) this.changed.fire(entry);
      return;
    }
    const ranges: (Span | undefined)[] = [...r.stages.map((s) => s.range), r.errorRange];
    const moved = applyEdits(span, ranges, e.contentChanges.map((c) => ({ range: c.range, text: c.text })));
    if (!moved) {
      entry.stale = true;
    } else {
      entry.searchSpan = moved.watched;
      entry.result = {
        ...r,
        stages: r.stages.map((s, i) => ({ ...s, range: moved.inner[i] })),
        errorRange: moved.inner[r.stages.length],
      };
    }
    this.changed.fire(entry);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
