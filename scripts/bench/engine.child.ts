// One measurement of the engine benchmark, in its own process (bundled by engine.mjs with esbuild,
// so it runs the same bundled code the CLI does). Reads a JSON task from argv[2], prints one JSON
// result line on stdout.
//   engine: plans the run like `detection-workbench run` (content index → macro expansion →
//           WorkerJob), then times `runJob` in this thread (no worker startup).
//   floor:  reads the file in 64 KiB chunks, decodes UTF-8 and splits lines (the lower bound).
//   readers: the engine's readers alone (`readEvents(...).batches()`), no extraction.
import * as fs from 'fs';
import { planRun } from '../../server/src/analysis/runPlan';
import { ContentIndex } from '../../server/src/content';
import { runJob } from '../../server/src/engine/pipeline/runJob';
import { readEvents } from '../../server/src/engine/readers';

interface Task {
  mode: 'engine' | 'floor' | 'readers';
  log: string;
  content?: string;
  detection?: string;
  search?: string;
  source?: string;
  sourcetype?: string;
  /** Run the search behind `search * | …`, which turns off pruning and the extraction gate. */
  noPrune?: boolean;
}

function vmHWMKb(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function floor(file: string): Promise<{ events: number }> {
  const decoder = new TextDecoder('utf-8');
  let lines = 0;
  let carry = '';
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const text = carry + decoder.decode(chunk as Buffer, { stream: true });
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    for (const p of parts) if (p.length > 0) lines++;
  }
  if ((carry + decoder.decode()).length > 0) lines++;
  return { events: lines };
}

async function readersOnly(file: string): Promise<{ events: number }> {
  let events = 0;
  for await (const batch of readEvents({ path: file }).batches()) events += batch.length;
  return { events };
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]) as Task;
  const out: Record<string, unknown> = { mode: task.mode };
  let run: () => Promise<Record<string, unknown>>;
  if (task.mode === 'engine') {
    const tPlan = performance.now();
    const index = new ContentIndex();
    index.buildSync([task.content!]);
    const plan = planRun(
      { detectionFile: task.detection, search: task.search, logs: [task.log], source: task.source, sourcetype: task.sourcetype, tz: 'UTC', maxRows: 1e9 },
      index,
    );
    out.planMs = performance.now() - tPlan;
    if (task.noPrune) plan.job.search = `search * | search ${plan.job.search}`;
    out.expanded = plan.job.search;
    run = async () => {
      const r = await runJob(plan.job);
      return { events: r.eventsRead, fields: r.fields, rows: r.rows, error: r.error, warnings: r.warnings.map((w) => w.message).slice(0, 5) };
    };
  } else if (task.mode === 'floor') {
    run = () => floor(task.log);
  } else {
    run = () => readersOnly(task.log);
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  Object.assign(out, await run());
  out.wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  out.cpuMs = (cpu.user + cpu.system) / 1000;
  out.processCpuMs = (() => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  })();
  out.vmHWMKb = vmHWMKb();
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && (e as Error).stack || e) }) + '\n');
  process.exitCode = 1;
});
