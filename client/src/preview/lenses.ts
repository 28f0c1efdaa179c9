// Inline in the editor: a CodeLens above `search:` ("▶ Preview on sample", then the last run's
// summary and "▶ Re-run") and inlay hints after each command with the rows it passed on, exact
// inside single-quoted and folded scalars (the positions come from the server).
import * as vscode from 'vscode';
import { lensTitles, plural, searchKeyLineOf } from './lensText';
import type { PreviewResults } from './results';
import { toRange } from './panel';

export { PREVIEW_COMMAND, RERUN_COMMAND, SHOW_RESULTS_COMMAND } from './lensText';

export class PreviewCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly results: PreviewResults) {
    results.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const line = searchKeyLineOf(doc.getText(), doc.uri.path, doc.languageId);
    if (line === undefined) return [];
    const range = new vscode.Range(line, 0, line, 0);
    return lensTitles(this.results.get(doc.uri.toString())).map(
      (t) => new vscode.CodeLens(range, { title: t.title, command: t.command, arguments: [doc.uri] }),
    );
  }
}

export class PreviewInlayHints implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly results: PreviewResults, private readonly enabled: () => boolean) {
    results.onDidChange(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!this.enabled()) return [];
    const entry = this.results.get(doc.uri.toString());
    const r = entry?.result;
    if (!entry || !r || entry.stale || entry.running || r.untilStage !== undefined) return [];
    // Several stages can share a position (a macro that expands to more than one command): the
    // last one's count is what leaves that place in the search.
    const byEnd = new Map<string, { pos: vscode.Position; label: string; tip: string[] }>();
    r.stages.forEach((s, i) => {
      if (!s.range) return;
      const end = toRange(s.range).end;
      const key = `${end.line}:${end.character}`;
      const tip = `${i + 1}. ${s.command}: ${s.rowsIn.toLocaleString('en-US')} → ${s.rowsOut.toLocaleString('en-US')} rows in ${s.ms} ms`;
      const prev = byEnd.get(key);
      byEnd.set(key, { pos: end, label: plural(s.rowsOut, 'row'), tip: [...(prev?.tip ?? []), tip] });
    });
    const hints: vscode.InlayHint[] = [];
    for (const h of byEnd.values()) {
      if (!range.contains(h.pos)) continue;
      const hint = new vscode.InlayHint(h.pos, `→ ${h.label}`, vscode.InlayHintKind.Parameter);
      hint.paddingLeft = true;
      hint.tooltip = h.tip.join('\n');
      hints.push(hint);
    }
    return hints;
  }
}
