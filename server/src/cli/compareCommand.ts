// `detection-workbench compare DETECTION.yml`: replays the detection's attack data into a test
// index over HEC, runs it locally and on Splunk, and reports where the answers differ (exit 1).
import * as path from 'path';
import { compareOnSplunk } from '../analysis/compareOnSplunk';
import { RunPlanError } from '../analysis/runPlan';
import { comparisonText, SplunkError } from '../splunk';
import { listOption, parseArgs, stringOption, UsageError } from './args';
import { CliCommand } from './command';
import { contentIndexFor } from './contentIndexFor';
import { EXIT } from './io';
import { HEC_OPTIONS, hecTarget, SPLUNK_OPTIONS, SPLUNK_USAGE, splunkConnection, waitSeconds } from './splunkOptions';
import { splunkExit, withInterrupt } from './splunkRun';

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'replay a detection\'s attack data to Splunk over HEC and compare local and server results',
  usage:
    `detection-workbench compare DETECTION.yml --index INDEX ${SPLUNK_USAGE} [--hec-url https://HOST:8088] ` +
    '[--hec-token-file FILE | env DETECTION_WORKBENCH_HEC_TOKEN] [--wait SECONDS] [--attack-data DIR | --log FILE ...] ' +
    '[--sourcetype ST] [--source S] [--tz ZONE] [--format text|json]',
  async run(argv, io) {
    const args = parseArgs(argv, {
      ...SPLUNK_OPTIONS,
      ...HEC_OPTIONS,
      log: { value: true, repeat: true },
      source: { value: true },
      sourcetype: { value: true },
      'attack-data': { value: true },
      addons: { value: true, repeat: true },
      tz: { value: true },
      content: { value: true },
      format: { value: true, choices: ['text', 'json'] },
    });
    if (args.positionals.length !== 1) throw new UsageError('give one detection file');
    const detection = path.resolve(io.cwd, args.positionals[0]);
    const index = stringOption(args, 'index');
    if (!index) throw new UsageError('give the test index to replay into with --index (an events index the HEC token may write to)');
    if (args.options.earliest || args.options.latest) throw new UsageError('compare searches exactly the replayed events; --earliest/--latest do not apply');
    const conn = splunkConnection(io, args);
    const hec = hecTarget(io, args, conn);
    const content = contentIndexFor(io, detection, stringOption(args, 'content'));
    const ctl = new AbortController();
    try {
      const outcome = await withInterrupt(ctl, () =>
        compareOnSplunk(
          {
            run: {
              detectionFile: detection,
              logs: listOption(args, 'log').map((l) => path.resolve(io.cwd, l)),
              source: stringOption(args, 'source'),
              sourcetype: stringOption(args, 'sourcetype'),
              attackDataDir: stringOption(args, 'attack-data') && path.resolve(io.cwd, stringOption(args, 'attack-data')!),
              addonDirs: listOption(args, 'addons').map((d) => path.resolve(io.cwd, d)),
              tz: stringOption(args, 'tz') ?? 'UTC',
            },
            conn,
            hec,
            index,
            serverMacros: !!args.options['server-macros'],
            waitMs: waitSeconds(args) * 1000,
            signal: ctl.signal,
            onProgress: (s) => io.err(`${s}…\n`),
          },
          content,
        ),
      );
      if (stringOption(args, 'format') === 'json') {
        const { comparison, replay, wait, notes, local, splunk } = outcome;
        io.out(JSON.stringify({ same: comparison.same, comparison, replay, wait, notes, local, splunk }, null, 2) + '\n');
      } else {
        for (const n of outcome.notes) io.err(`note: ${n}\n`);
        io.out(`replayed ${outcome.replay.bytes} byte(s) from ${outcome.replay.files} file(s) as host ${outcome.replay.host} into index ${outcome.replay.index}; ${outcome.wait.count} event(s) searchable after ${(outcome.wait.waitedMs / 1000).toFixed(1)} s\n`);
        io.out(`local: ${outcome.local.rows.length} row(s); Splunk: ${outcome.splunk.rows.length} row(s) in ${(outcome.splunk.runMs / 1000).toFixed(1)} s\n`);
        io.out(comparisonText(outcome.comparison));
      }
      return outcome.comparison.same ? EXIT.ok : EXIT.findings;
    } catch (e) {
      if (e instanceof RunPlanError) {
        io.err(`${e.message}\n`);
        return e.kind === 'usage' ? EXIT.usage : EXIT.findings;
      }
      if (e instanceof SplunkError) {
        io.err(`error: ${e.message}\n`);
        return splunkExit(e);
      }
      throw e;
    }
  },
};
