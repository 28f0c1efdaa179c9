// `detection-workbench run DETECTION.yml [--log FILE ...]` and `run --search 'SPL' --log FILE`:
// runs a detection (or ad-hoc SPL) locally against sample logs and prints what it returns.
import { runInWorker } from '../engine/pipeline/runInWorker';
import { stagesText, toCsv, toResultJson, toTable } from '../engine/resultFormat';
import { parseArgs, stringOption } from './args';
import { CliCommand } from './command';
import { EXIT } from './io';
import { PLAN_OPTIONS, planFromArgs } from './planArgs';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a detection (or --search SPL) locally against sample logs',
  usage:
    'detection-workbench run DETECTION.yml [--log FILE ...] [--source S] [--sourcetype ST] [--host H] ' +
    '[--log-format FORMAT] [--attack-data DIR] [--addons DIR ...] [--format table|json|csv] [--tz ZONE] ' +
    '[--timeout SECONDS] [--max-rows N]\n       detection-workbench run --search \'SPL\' --log FILE [...]',
  async run(argv, io) {
    const args = parseArgs(argv, { ...PLAN_OPTIONS, format: { value: true, choices: ['table', 'json', 'csv'] } });
    const planned = planFromArgs(args, io);
    if (typeof planned === 'number') return planned;
    const { plan, tz, where } = planned;
    const timeout = Number(stringOption(args, 'timeout') ?? 120);
    const result = await runInWorker(plan.job, { timeBudgetMs: timeout * 1000 });
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
