// `detection-workbench run DETECTION.yml [--log FILE ...]` and `run --search 'SPL' --log FILE`:
// runs a detection (or ad-hoc SPL) locally against sample logs and prints what it returns.
import * as path from 'path';
import { planRun, RunPlan, RunPlanError } from '../analysis/runPlan';
import { runInWorker } from '../engine/pipeline/runInWorker';
import { stagesText, toCsv, toResultJson, toTable } from '../engine/resultFormat';
import type { LogFormat } from '../engine/types';
import { LineIndex } from '../yaml';
import { listOption, parseArgs, stringOption, UsageError } from './args';
import { CliCommand } from './command';
import { EXIT } from './io';
import { contentIndexFor } from './contentIndexFor';
import { SPLUNK_OPTIONS, SPLUNK_USAGE } from './splunkOptions';
import { runOnSplunk } from './splunkRun';

const FORMATS = ['auto', 'xml', 'json', 'csv', 'kv', 'auditd', 'syslog-xml', 'wineventlog', 'text'];

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a detection (or --search SPL) locally against sample logs',
  usage:
    'detection-workbench run DETECTION.yml [--log FILE ...] [--source S] [--sourcetype ST] [--host H] ' +
    '[--log-format FORMAT] [--attack-data DIR] [--addons DIR ...] [--format table|json|csv] [--tz ZONE] ' +
    '[--timeout SECONDS] [--max-rows N]\n       detection-workbench run --search \'SPL\' --log FILE [...]' +
    `\n       detection-workbench run DETECTION.yml --on splunk ${SPLUNK_USAGE} [--earliest T] [--latest T] [--format table|json|csv] [--max-rows N]`,
  async run(argv, io) {
    const args = parseArgs(argv, {
      log: { value: true, repeat: true },
      search: { value: true },
      source: { value: true },
      sourcetype: { value: true },
      host: { value: true },
      'log-format': { value: true, choices: FORMATS },
      'attack-data': { value: true },
      addons: { value: true, repeat: true },
      format: { value: true, choices: ['table', 'json', 'csv'] },
      tz: { value: true },
      timeout: { value: true },
      'max-rows': { value: true },
      content: { value: true },
      on: { value: true, choices: ['local', 'splunk'] },
      ...SPLUNK_OPTIONS,
    });
    const detection = args.positionals[0] ? path.resolve(io.cwd, args.positionals[0]) : undefined;
    const search = stringOption(args, 'search');
    if (!detection && search === undefined) throw new UsageError('give a detection file or --search');
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument ${args.positionals[1]}`);
    if (stringOption(args, 'on') === 'splunk') return runOnSplunk(args, io, detection, search);
    const serverOnly = Object.keys(SPLUNK_OPTIONS).find((k) => args.options[k] !== undefined);
    if (serverOnly) throw new UsageError(`--${serverOnly} applies to runs on Splunk only (add --on splunk)`);
    const logs = listOption(args, 'log').map((l) => path.resolve(io.cwd, l));
    if (search !== undefined && !logs.length) throw new UsageError('--search needs at least one --log FILE');
    const tz = stringOption(args, 'tz') ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
    } catch {
      throw new UsageError(`unknown time zone "${tz}" (use an IANA name such as Europe/Berlin, or UTC)`);
    }

    const index = contentIndexFor(io, detection, stringOption(args, 'content'));

    let plan: RunPlan;
    try {
      plan = planRun(
        {
          detectionFile: detection,
          search,
          logs,
          source: stringOption(args, 'source'),
          sourcetype: stringOption(args, 'sourcetype'),
          host: stringOption(args, 'host'),
          format: stringOption(args, 'log-format') as LogFormat | 'auto' | undefined,
          attackDataDir: stringOption(args, 'attack-data') && path.resolve(io.cwd, stringOption(args, 'attack-data')!),
          addonDirs: listOption(args, 'addons').map((d) => path.resolve(io.cwd, d)),
          tz,
          maxRows: stringOption(args, 'max-rows') ? Number(stringOption(args, 'max-rows')) : undefined,
        },
        index,
      );
    } catch (e) {
      if (e instanceof RunPlanError) {
        io.err(`${e.message}\n`);
        return e.kind === 'usage' ? EXIT.usage : EXIT.findings;
      }
      throw e;
    }

    for (const note of plan.notes) io.err(`note: ${note}\n`);
    const timeout = Number(stringOption(args, 'timeout') ?? 120);
    const result = await runInWorker(plan.job, { timeBudgetMs: timeout * 1000 });
    const lines = new LineIndex(plan.original);
    const where = (r: { start: number; end: number }) => {
      const o = plan.map.toOriginalRange(r);
      const p = lines.positionAt(o.start);
      return `search line ${p.line + 1}, column ${p.character + 1}: "${plan.original.slice(o.start, Math.min(o.end, o.start + 60))}"`;
    };
    const json = toResultJson(result, tz, where);
    const format = stringOption(args, 'format') ?? 'table';
    if (format === 'json') io.out(JSON.stringify(json, null, 2) + '\n');
    else if (format === 'csv') io.out(toCsv(json));
    else {
      io.out(toTable(json));
      io.out(`\n${json.rows.length} row(s)${json.truncated ? ' (truncated)' : ''}; times in ${tz}. ` + stagesText(json));
      for (const w of json.warnings) io.err(`${w}\n`);
      if (json.error) io.err(`${json.error}\n`);
    }
    if (!json.error) return EXIT.ok;
    // Missing or unreadable input is an I/O problem; anything else means the search cannot run here.
    return /no such file|cannot read|ENOENT/i.test(json.error) ? EXIT.usage : EXIT.findings;
  },
};
