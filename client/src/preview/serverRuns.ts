// The panel's runs on the user's Splunk server: *Preview on Splunk* (the detection's search over a
// time range, results in the same panel marked as from the server) and *Replay and Compare* (the
// attack data sent to the test index over HEC, the local and server results side by side). The
// token lives in SecretStorage; errors arrive with the fix (token, URL, certificate) and never hold
// the token.
import * as path from 'path';
import * as vscode from 'vscode';
import { requiredRiskFields, riskEntriesOf } from '../../../server/src/analysis/riskEntries';
import { loadMapping } from '../../../server/src/content/readEntries';
import type { SplunkApi } from '../splunk';
import { SettingsError } from '../splunk/connectionSettings';
import type { CompareView, SplunkView } from './protocol';

export interface TimeRange {
  earliest: string;
  latest: string;
}

/** Asks for a time range: the last 24 hours, 7 days, or Splunk time modifiers the user types. */
export async function pickTimeRange(): Promise<TimeRange | undefined> {
  const items: (vscode.QuickPickItem & { range?: TimeRange })[] = [
    { label: 'Last 24 hours', description: '-24h → now', range: { earliest: '-24h', latest: 'now' } },
    { label: 'Last 7 days', description: '-7d@d → now', range: { earliest: '-7d@d', latest: 'now' } },
    { label: 'Custom…', description: 'Splunk time modifiers or epoch seconds' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Time range of the search on Splunk' });
  if (!pick) return undefined;
  if (pick.range) return pick.range;
  const earliest = await vscode.window.showInputBox({ title: 'Earliest time', prompt: 'e.g. -30d@d, 2024-05-01T00:00:00, or epoch seconds', value: '-24h' });
  if (!earliest) return undefined;
  const latest = await vscode.window.showInputBox({ title: 'Latest time', value: 'now' });
  return latest ? { earliest, latest } : undefined;
}

/** The risk entries of the detection text, with those of their fields that no row carries. */
function riskFor(text: string | undefined, rows: Record<string, string | string[]>[]): SplunkView['risk'] {
  const risk = riskEntriesOf(text ? loadMapping(text) : undefined);
  if (!risk) return undefined;
  const present = (f: string) => rows.some((r) => Object.prototype.hasOwnProperty.call(r, f));
  return { ...risk, missingFields: requiredRiskFields(risk).filter((f) => !present(f)) };
}

/** A failure as the panel and a notification say it, with a way to the fix for settings problems. */
export function serverError(e: unknown): { message: string; settings: boolean } {
  if (e instanceof SettingsError) return { message: e.message, settings: true };
  return { message: e instanceof Error ? e.message : String(e), settings: false };
}

export async function offerSettingsFix(message: string): Promise<void> {
  const url = 'Open Settings';
  const token = 'Set Splunk Token';
  const answer = await vscode.window.showWarningMessage(message, url, token);
  if (answer === url) await vscode.commands.executeCommand('workbench.action.openSettings', 'detectionWorkbench.splunk');
  else if (answer === token) await vscode.commands.executeCommand('detectionWorkbench.setSplunkToken');
}

export async function runSplunkPreview(api: SplunkApi, uri: vscode.Uri, range: TimeRange, maxRows: number, signal: AbortSignal): Promise<SplunkView> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const spl = /\.(spl|splunk)$/i.test(uri.fsPath);
  const text = doc?.getText();
  const r = await api.run({
    detectionFile: spl ? undefined : uri.fsPath,
    detectionText: spl ? undefined : text,
    search: spl ? text ?? (await vscode.workspace.fs.readFile(uri)).toString() : undefined,
    earliest: range.earliest,
    latest: range.latest,
    maxRows,
    signal,
  });
  return {
    server: r.server,
    earliest: range.earliest,
    latest: range.latest,
    runMs: r.runMs,
    scanCount: r.scanCount,
    result: r,
    messages: [...r.messages.map((m) => `${m.type}: ${m.text}`), ...r.notes],
    risk: spl ? undefined : riskFor(text, r.rows),
  };
}

export async function runReplayAndCompare(api: SplunkApi, uri: vscode.Uri, signal: AbortSignal, progress: (step: string) => void): Promise<CompareView> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const out = await api.replayAndCompare({ detectionFile: uri.fsPath, detectionText: doc?.getText(), signal, onProgress: progress });
  const replay = `Replayed ${out.replay.files} file${out.replay.files === 1 ? '' : 's'} (${Math.round(out.replay.bytes / 1024)} KiB) into index ${out.replay.index} as host ${out.replay.host}; ${out.wait.count} events searchable after ${(out.wait.waitedMs / 1000).toFixed(1)} s${out.wait.complete ? '' : ' (not all arrived)'}.`;
  return { local: out.local, splunk: out.splunk, comparison: out.comparison, server: out.splunk.server, replay, notes: out.notes };
}

export const titleOf = (uri: vscode.Uri) => path.basename(uri.fsPath);
