// `detection-workbench run DETECTION.yml [--log FILE ...]` and `run --search 'SPL' --log FILE`:
// runs a detection (or ad-hoc SPL) locally against sample logs and prints what it returns; with
// `--on splunk`, on a Splunk server instead (splunkRun.ts).
import * as path from 'path';
import { runInWorker } from '../engine/pipeline/runInWorker';
import { stagesText, toCsv, toResultJson, toTable } from '../engine/resultFormat';
import { parseArgs, stringOption, UsageError } from './args';
import { CliCommand } from './command';
import { EXIT } from './io';
import { LOOKUP_USAGE, PLAN_OPTIONS, planFromArgs, workerLimits } from './planArgs';
import { SPLUNK_OPTIONS, SPLUNK_USAGE } from './splunkOptions';
import { runOnSplunk } from './splunkRun';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a detection (or --search SPL) locally against sample logs',
  usage:
    'detection-workbench run DETECTION.yml [--log FILE ...] [--source S] [--sourcetype ST] [--host H] ' +
    '[--log-format FORMAT] [--attack-data DIR] [--addons DIR ...] [--format table|json|csv] [--tz ZONE] ' +
    `[--timeout SECONDS] [--max-rows N] [--max-memory MB] ${LOOKUP_USAGE}\n` +
    '       detection-workbench run --search \'SPL\' --log FILE [...]' +
    `\n       detection-workbench run DETECTION.yml --on splunk ${SPLUNK_USAGE} [--earliest T] [--latest T] [--format table|json|csv] [--max-rows N]`,
  async run(argv, io) {
    const args = parseArgs(argv, {
      ...PLAN_OPTIONS,
      format: { value: true, choices: ['table', 'json', 'csv'] },
      on: { value: true, choices: ['local', 'splunk'] },
      ...SPLUNK_OPTIONS,
    });
    if (stringOption(args, 'on') === 'splunk') {
      const detection = args.positionals[0] ? path.resolve(io.cwd, args.positionals[0]) : undefined;
      const search = stringOption(args, 'search');
      if (!detection && search === undefined) throw new UsageError('give a detection file or --search');
      if (args.positionals.length > 1) throw new UsageError(`unexpected argument ${args.positionals[1]}`);
      return runOnSplunk(args, io, detection, search);
    }
    const serverOnly = Object.keys(SPLUNK_OPTIONS).find((k) => args.options[k] !== undefined);
    if (serverOnly) throw new UsageError(`--${serverOnly} applies to runs on Splunk only (add --on splunk)`);
    const limits = workerLimits(args);
    const planned = planFromArgs(args, io);
    if (typeof planned === 'number') return planned;
    const { plan, tz, where } = planned;
    const result = await runInWorker(plan.job, limits);
    const json = toResultJson(result, tz, where);
    const format = stringOption(args, 'format') ?? 'table';
    if (format === 'json') io.out(JSON.stringify(json, null, 2) + '\n');
    else if (format === 'csv') {
      // After an error the rows are those of the last stage that ran, not results: none are written.
      if (!json.error) io.out(toCsv(json));
      for (const w of json.warnings) io.err(`${w}\n`);
      if (json.error) io.err(`${json.error}\n`);
    } else {
      if (json.error) io.out(`The run stopped at an error; no results (the last stage that ran returned ${json.rows.length} row(s)).\n`);
      else io.out(toTable(json));
      io.out(`\n${json.error ? 0 : json.rows.length} row(s)${json.truncated ? ' (truncated)' : ''}; times in ${tz}. ` + stagesText(json));
      for (const w of json.warnings) io.err(`${w}\n`);
      if (json.error) io.err(`${json.error}\n`);
    }
    if (!json.error) return EXIT.ok;
    // Missing or unreadable input is an I/O problem; anything else means the search cannot run here.
    return /no such file|cannot read|ENOENT/i.test(json.error) ? EXIT.usage : EXIT.findings;
  },
};
