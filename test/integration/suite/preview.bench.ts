// Benchmark of the preview in the real VS Code, from the command to the table on screen (the
// webview acknowledges each view after an animation frame). Runs only under scripts/bench/preview.mjs
// (DW_BENCH_OUT names the JSON file the figures go to); a reference measured in the same run is the
// CLI's time for the same search and log (engine only, one process start included).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, workspacePath } from '../helpers';

interface Timing {
  totalMs: number;
  serverMs?: number;
  rows?: number;
  eventsRead?: number;
  error?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A Sysmon log of about `n` events: the regsvcs sample's events repeated with new record ids. */
function sysmonLog(dir: string, n: number): string {
  const sample = fs.readFileSync(workspacePath('attack_data', 'datasets', 'attack_techniques', 'T1218.009', 'regsvcs', 'windows-sysmon.log'), 'utf8');
  const events = sample.split('\n').filter((l) => l.trim());
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) out.push(events[i % events.length].replace(/<EventRecordID>\d+</, `<EventRecordID>${i + 1}<`));
  const file = path.join(dir, `sysmon-${n}.log`);
  fs.writeFileSync(file, out.join('\n') + '\n');
  return file;
}

if (process.env.DW_BENCH_OUT) {
  suite('preview benchmark', function () {
    this.timeout(900_000);
    const figures: Record<string, unknown> = {};
    suiteSetup(async () => {
      await activateExtension();
    });

    const runs = 3;
    const detection = () => vscode.Uri.file(workspacePath('detections', 'endpoint', 'regsvcs_outbound_network_connection.yml'));
    const cli = path.join(workspacePath(), '..', 'dist', 'cli.js');

    async function measure(name: string, uri: vscode.Uri, args: Record<string, unknown>, reference?: string[]): Promise<void> {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('detectionWorkbench.test.timePreview', uri, args); // warm-up
      const t: Timing[] = [];
      for (let i = 0; i < runs; i++) t.push((await vscode.commands.executeCommand<Timing>('detectionWorkbench.test.timePreview', uri, args))!);
      const ref: number[] = [];
      if (reference) {
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          execFileSync(process.execPath, [cli, ...reference], { stdio: 'ignore', maxBuffer: 1 << 28 });
          ref.push(performance.now() - t0);
        }
      }
      figures[name] = {
        rows: t[0].rows,
        eventsRead: t[0].eventsRead,
        error: t[0].error,
        commandToTableMs: { median: median(t.map((x) => x.totalMs)), all: t.map((x) => Math.round(x.totalMs)) },
        engineMs: median(t.map((x) => x.serverMs ?? NaN)),
        cliReferenceMs: ref.length ? median(ref) : undefined,
      };
      fs.writeFileSync(process.env.DW_BENCH_OUT!, JSON.stringify(figures, null, 2));
    }

    test('attack_data-sized and 100k-event Sysmon samples, and a 10,000-row table', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-preview-'));
      for (const n of [5_000, 100_000]) {
        const log = sysmonLog(dir, n);
        await measure(`regsvcs on ${n} events`, detection(), { logs: [log], sourcetype: 'xmlwineventlog', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational' }, [
          'run', detection().fsPath, '--log', log, '--sourcetype', 'xmlwineventlog', '--source', 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', '--format', 'json',
        ]);
      }
      const kv = path.join(dir, 'rows.log');
      fs.writeFileSync(kv, Array.from({ length: 10_000 }, (_, i) => `n=${i} user=user${i % 97} host=host${i % 13} action=${i % 2 ? 'allow' : 'deny'}`).join('\n') + '\n');
      const spl = path.join(dir, 'table.spl');
      fs.writeFileSync(spl, 'n=* | table n user host action\n');
      await measure('10,000-row table', vscode.Uri.file(spl), { logs: [kv], sourcetype: 'kv' }, ['run', '--search', 'n=* | table n user host action', '--log', kv, '--sourcetype', 'kv', '--format', 'json']);
    });
  });
}
