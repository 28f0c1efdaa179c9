// `detection-workbench test [PATH ...]`: runs the detections' tests (`tests[].attack_data`) locally,
// with contentctl's pass rule, on a pool of engine workers. Exit 0 when nothing failed, 1 when a test
// failed (or, with --strict, was skipped), 2 on usage or I/O errors.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectionDependencies } from '../analysis/detectionDependencies';
import { replayAndRunOnSplunk } from '../analysis/compareOnSplunk';
import { runDetectionTest, type TestRunOptions } from '../analysis/detectionTestRun';
import type { RunResult } from '../engine/pipeline/run';
import { newRow } from '../engine/types';
import { detectionTestsOf, type DetectionTestEntry } from '../analysis/detectionTests';
import { createDocumentModel } from '../analysis/documentModel';
import { ContentIndex, KIND_FOLDERS, listFiles } from '../content';
import { listOption, parseArgs, stringOption, UsageError } from './args';
import { findRepositoryRoot } from './checkCommand';
import { CliCommand } from './command';
import { changedFilesSince } from './gitChanges';
import { EXIT } from './io';
import { LOOKUP_OPTIONS, LOOKUP_USAGE, lookupSourcesFromArgs } from './planArgs';
import { junitXml, summaryText, textLine, toRecord, type TestRecord } from './testReport';
import { HEC_OPTIONS, hecTarget, SPLUNK_OPTIONS, SPLUNK_USAGE, splunkConnection, waitSeconds } from './splunkOptions';

interface Job {
  root: string;
  index: ContentIndex;
  file: string;
  /** The file's text; the model is built again when the test runs, so that a large repository's
   * parsed documents are not all held at once. */
  text: string;
  test: DetectionTestEntry;
}

function positiveInt(v: string | undefined, key: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${key} must be a whole number of at least 1 (got "${v}")`);
  return n;
}

/** Detection files under `target` (a repository root, a folder inside it, or one file). */
function detectionFilesUnder(root: string, target: string): string[] {
  const all = listFiles(path.join(root, KIND_FOLDERS.detection), /\.ya?ml$/i);
  if (target === root) return all;
  return all.filter((f) => f === target || f.startsWith(target + path.sep));
}

/** Runs `work` over `items` with at most `n` at a time; results keep the items' order. */
async function mapPool<T, R>(items: T[], n: number, work: (item: T, i: number) => Promise<R>, onDone?: (i: number) => void): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
      onDone?.(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return results;
}

/**
 * `--on splunk`: each test's attack data is replayed into `--index` over HEC and the detection runs
 * there (contentctl's test mode, without its container); the same pass rule judges Splunk's rows.
 */
function splunkRunner(io: Parameters<CliCommand['run']>[1], args: Parameters<typeof stringOption>[0]): (index: ContentIndex) => NonNullable<TestRunOptions['runner']> {
  const target = stringOption(args, 'index');
  if (!target) throw new UsageError('give the test index to replay into with --index (an events index the HEC token may write to)');
  if (args.options.earliest || args.options.latest) throw new UsageError('tests on Splunk search exactly the replayed events; --earliest/--latest do not apply');
  const conn = splunkConnection(io, args);
  const hec = hecTarget(io, args, conn);
  const waitMs = waitSeconds(args) * 1000;
  const serverMacros = !!args.options['server-macros'];
  return (index) => ({
    where: 'on Splunk',
    async run(plan): Promise<RunResult> {
      try {
        const s = await replayAndRunOnSplunk(plan, { conn, hec, index: target, serverMacros, waitMs }, index);
        for (const n of s.notes) io.err(`note: ${n}\n`);
        return {
          fields: s.splunk.fields,
          rows: s.splunk.rows.map((r) => Object.assign(newRow(), r)),
          stages: [],
          warnings: [],
          eventsRead: s.wait.count,
          error: s.splunk.error ? { severity: 'error', message: s.splunk.error } : undefined,
        };
      } catch (e) {
        return { fields: [], rows: [], stages: [], warnings: [], eventsRead: 0, error: { severity: 'error', message: e instanceof Error ? e.message : String(e) } };
      }
    },
  });
}

export const testCommand: CliCommand = {
  name: 'test',
  summary: "run the detections' tests (tests[].attack_data) locally with contentctl's pass rule",
  usage:
    'detection-workbench test [PATH ...] [--attack-data DIR] [--format text|json|junit] [--jobs N] ' +
    `[--changed-since GITREF] [--strict] [--addons DIR ...] [--tz ZONE] [--timeout SECONDS] [--output FILE] ${LOOKUP_USAGE}` +
    `\n       detection-workbench test [PATH ...] --on splunk --index INDEX ${SPLUNK_USAGE} [--hec-url URL] [--wait SECONDS] [...]`,
  async run(argv, io) {
    const args = parseArgs(argv, {
      'attack-data': { value: true },
      format: { value: true, choices: ['text', 'json', 'junit'] },
      jobs: { value: true, short: 'j' },
      'changed-since': { value: true },
      strict: {},
      addons: { value: true, repeat: true },
      tz: { value: true },
      timeout: { value: true },
      output: { value: true, short: 'o' },
      on: { value: true, choices: ['local', 'splunk'] },
      ...LOOKUP_OPTIONS,
      ...SPLUNK_OPTIONS,
      ...HEC_OPTIONS,
    });
    const lookupSources = lookupSourcesFromArgs(args, io.cwd);
    const onSplunk = stringOption(args, 'on') === 'splunk';
    const serverRunner = onSplunk ? splunkRunner(io, args) : undefined;
    if (!onSplunk) {
      const serverOnly = [...Object.keys(SPLUNK_OPTIONS), ...Object.keys(HEC_OPTIONS)].find((k) => args.options[k] !== undefined);
      if (serverOnly) throw new UsageError(`--${serverOnly} applies to tests on Splunk only (add --on splunk)`);
    }
    const format = stringOption(args, 'format') ?? 'text';
    const jobs = positiveInt(stringOption(args, 'jobs'), 'jobs', Math.max(1, Math.min(4, os.availableParallelism() - 1)));
    const timeoutMs = positiveInt(stringOption(args, 'timeout'), 'timeout', 120) * 1000;
    const strict = args.options.strict === true;
    const tz = stringOption(args, 'tz') ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
    } catch {
      throw new UsageError(`unknown time zone "${tz}" (use an IANA name such as Europe/Berlin, or UTC)`);
    }
    const attackData = stringOption(args, 'attack-data') && path.resolve(io.cwd, stringOption(args, 'attack-data')!);
    if (attackData && !fs.existsSync(attackData)) throw new UsageError(`--attack-data ${attackData} does not exist`);
    const addonDirs = listOption(args, 'addons').map((d) => path.resolve(io.cwd, d));

    // Detection files by content root.
    const targets = args.positionals.length ? args.positionals.map((p) => path.resolve(io.cwd, p)) : [io.cwd];
    const byRoot = new Map<string, Set<string>>();
    for (const t of targets) {
      if (!fs.existsSync(t)) throw new UsageError(`no such file or folder: ${t}`);
      const root = findRepositoryRoot(t);
      if (!root) throw new UsageError(`${t} is not inside a content repository (no detections/, macros/, stories/ or data_sources/ folder above it)`);
      const set = byRoot.get(root) ?? new Set<string>();
      for (const f of detectionFilesUnder(root, t)) set.add(f);
      byRoot.set(root, set);
    }

    const changedRef = stringOption(args, 'changed-since');
    const started = performance.now();
    const work: Job[] = [];
    let withoutTests = 0;
    let unchanged = 0;
    for (const [root, files] of byRoot) {
      const index = new ContentIndex();
      index.buildSync([root]);
      const changed = changedRef !== undefined ? await changedFilesSince(root, changedRef) : undefined;
      for (const file of [...files].sort()) {
        if (changed && !detectionDependencies(file, index).some((f) => changed.has(f))) {
          unchanged++;
          continue;
        }
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (e) {
          throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
        const tests = detectionTestsOf(createDocumentModel(file, text));
        if (!tests.length) withoutTests++;
        for (const test of tests) work.push({ root, index, file, text, test });
      }
    }

    // Text lines go to stdout in file order as soon as every earlier test has finished (unless the
    // report goes to a file).
    const output = stringOption(args, 'output');
    const stream = format === 'text' && !output;
    const records: (TestRecord | undefined)[] = new Array(work.length);
    let printed = 0;
    const flush = () => {
      while (printed < records.length && records[printed]) io.out(textLine(records[printed++]!));
    };
    await mapPool(
      work,
      jobs,
      async (job, i) => {
        const model = createDocumentModel(job.file, job.text);
        const outcome = await runDetectionTest(model, job.test, job.index, { attackDataDir: attackData, addonDirs, tz, timeoutMs, lookupSources, runner: serverRunner?.(job.index) });
        records[i] = toRecord(outcome, job.root, model.lineIndex);
      },
      () => {
        if (stream) flush();
      },
    );
    const all = records as TestRecord[];
    const ms = performance.now() - started;

    const notes: string[] = [];
    if (withoutTests) notes.push(`${withoutTests} detection(s) without tests`);
    if (changedRef !== undefined) notes.push(`${unchanged} detection(s) unchanged since ${changedRef} and not tested`);
    if (!work.length) notes.push('no detection test to run');
    let report: string;
    if (format === 'json') report = JSON.stringify(all, null, 2) + '\n';
    else if (format === 'junit') report = junitXml(all, ms);
    else report = (stream ? '' : all.map(textLine).join('')) + summaryText(all, ms, strict);
    if (output) {
      try {
        fs.writeFileSync(path.resolve(io.cwd, output), report);
      } catch (e) {
        io.err(`cannot write ${output}: ${e instanceof Error ? e.message : String(e)}\n`);
        return EXIT.usage;
      }
    } else io.out(report);
    for (const n of notes) io.err(`note: ${n}\n`);

    const failed = all.some((r) => r.status === 'fail' || (strict && r.status === 'skip'));
    return failed ? EXIT.findings : EXIT.ok;
  },
};
