// Which sample log a preview runs on, in the documented order: (1) the detection's
// tests[].attack_data files under the attack-data folder; (2) the log(s) the user picked for this
// file before (kept in workspace state; a pick made from the panel wins over attack data until the
// user goes back to it); (3) a file picker, then a quick pick of source/sourcetype pre-filled from
// the detection's data sources.
import * as path from 'path';
import * as vscode from 'vscode';
import type { PreviewSources } from '../../../server/src/analysis/previewSources';
import { attackDataReady, type SampleChoice } from './sampleOrder';

export { attackDataProblem, automaticSample, type SampleChoice } from './sampleOrder';

const STATE_KEY = 'detectionWorkbench.preview.samples';

type Remembered = Record<string, { logs: string[]; source?: string; sourcetype?: string; prefer?: boolean }>;

export class SampleMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(uri: string): SampleChoice | undefined {
    const r = (this.state.get<Remembered>(STATE_KEY) ?? {})[uri];
    return r && Array.isArray(r.logs) && r.logs.length
      ? { logs: r.logs, source: r.source, sourcetype: r.sourcetype, origin: 'a log you picked', picked: r.prefer === true }
      : undefined;
  }

  /** Remembers a pick; `prefer`: chosen from the panel over the attack data (else only a fallback). */
  async set(uri: string, choice: SampleChoice | undefined, prefer = false): Promise<void> {
    const all = { ...(this.state.get<Remembered>(STATE_KEY) ?? {}) };
    if (choice?.logs?.length) all[uri] = { logs: choice.logs, source: choice.source, sourcetype: choice.sourcetype, prefer };
    else delete all[uri];
    await this.state.update(STATE_KEY, all);
  }
}

/** Asks for a log file and its sourcetype; undefined when the user cancels. */
export async function pickSample(sources: PreviewSources, current?: SampleChoice): Promise<SampleChoice | undefined> {
  const files = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Preview on this log',
    title: `Sample log for ${sources.name ?? 'the search'}`,
    defaultUri: current?.logs?.[0] ? vscode.Uri.file(path.dirname(current.logs[0])) : undefined,
  });
  if (!files?.length) return undefined;
  const st = await pickSourcetype(sources, current);
  if (!st) return undefined;
  return { logs: files.map((f) => f.fsPath), source: st.source, sourcetype: st.sourcetype, origin: 'a log you picked', picked: true };
}

interface SourcetypeItem extends vscode.QuickPickItem {
  source?: string;
  sourcetype?: string;
  manual?: boolean;
}

async function pickSourcetype(sources: PreviewSources, current?: SampleChoice): Promise<{ source?: string; sourcetype?: string } | undefined> {
  const items: SourcetypeItem[] = [];
  const seen = new Set<string>();
  const add = (item: SourcetypeItem) => {
    const key = `${item.sourcetype}\u0000${item.source}`;
    if (!seen.has(key)) { seen.add(key); items.push(item); }
  };
  for (const a of sources.attackData) if (a.sourcetype) add({ label: a.sourcetype, description: a.source, detail: "as the detection's attack data", source: a.source, sourcetype: a.sourcetype });
  for (const d of sources.dataSources) if (d.sourcetype) add({ label: d.sourcetype, description: d.source, detail: `data source: ${d.name}`, source: d.source, sourcetype: d.sourcetype });
  if (current?.sourcetype) add({ label: current.sourcetype, description: current.source, detail: 'used last time', source: current.source, sourcetype: current.sourcetype });
  items.push({ label: 'Detect from the file', detail: 'guess the sourcetype from the log format (Windows XML, JSON, CSV, auditd, …)' });
  items.push({ label: 'Enter a sourcetype…', manual: true });
  const choice = await vscode.window.showQuickPick(items, { title: 'Source and sourcetype of the log', placeHolder: 'Field extraction follows the sourcetype, as in Splunk' });
  if (!choice) return undefined;
  if (!choice.manual) return { source: choice.source, sourcetype: choice.sourcetype };
  const sourcetype = await vscode.window.showInputBox({ title: 'Sourcetype', prompt: 'e.g. xmlwineventlog, WinEventLog:Security, aws:cloudtrail', validateInput: (v) => (v.trim() ? undefined : 'Enter a sourcetype') });
  if (!sourcetype) return undefined;
  const source = await vscode.window.showInputBox({ title: 'Source (optional)', prompt: 'e.g. XmlWinEventLog:Microsoft-Windows-Sysmon/Operational; empty: the file name' });
  return { sourcetype: sourcetype.trim(), source: source?.trim() || undefined };
}

/** The "Change sample" choice from the panel: attack data (if usable), the last pick, or a new file. */
export async function changeSample(sources: PreviewSources, current: SampleChoice | undefined): Promise<SampleChoice | 'attack-data' | undefined> {
  type Item = vscode.QuickPickItem & { action: 'attack' | 'pick' | 'keep' };
  const items: Item[] = [];
  if (attackDataReady(sources)) items.push({ label: "$(beaker) The detection's attack data", description: sources.attackData.map((a) => path.basename(a.data)).join(', '), action: 'attack' });
  if (current?.logs?.length) items.push({ label: '$(history) Keep the current log', description: current.logs.map((l) => path.basename(l)).join(', '), action: 'keep' });
  items.push({ label: '$(folder-opened) Pick a log file…', action: 'pick' });
  const choice = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Sample log for the preview' });
  if (!choice) return undefined;
  if (choice.action === 'attack') return 'attack-data';
  if (choice.action === 'keep') return current;
  return pickSample(sources, current);
}
