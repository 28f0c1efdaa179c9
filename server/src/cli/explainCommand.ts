// `detection-workbench explain DETECTION.yml --log FILE --event N [--near-misses] [--format text|json]`:
// why event N of the sample fires or not (its fields and their add-on origin, each stage's verdict,
// the condition tree with a reason per leaf), the closest events when the search returns nothing,
// and the fields the search reads that no event has.
import { explainInWorker } from '../engine/explain/explainInWorker';
import { LineIndex } from '../yaml';
import { parseArgs, stringOption, UsageError } from './args';
import type { CliCommand } from './command';
import { explainText } from './explainText';
import { EXIT } from './io';
import { originalWhere, PLAN_OPTIONS, planFromArgs } from './planArgs';

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'explain why an event of the sample fires or not; near misses and missing fields',
  usage:
    'detection-workbench explain DETECTION.yml [--log FILE ...] [--event N] [--near-misses] [--format text|json] ' +
    '[--source S] [--sourcetype ST] [--attack-data DIR] [--addons DIR ...] [--tz ZONE]',
  async run(argv, io) {
    const args = parseArgs(argv, { ...PLAN_OPTIONS, event: { value: true }, 'near-misses': {}, format: { value: true, choices: ['text', 'json'] } });
    const eventText = stringOption(args, 'event');
    const event = eventText === undefined ? undefined : Number(eventText);
    if (event !== undefined && !(Number.isInteger(event) && event >= 1)) throw new UsageError(`--event must be an event number from 1 (got "${eventText}")`);
    const near = args.options['near-misses'] === true;
    if (event === undefined && !near) throw new UsageError('give --event N (the event to explain) and/or --near-misses');
    const planned = planFromArgs(args, io);
    if (typeof planned === 'number') return planned;
    const { plan } = planned;
    const timeout = Number(stringOption(args, 'timeout') ?? 120);
    const result = await explainInWorker(plan.job, { event, nearMisses: near, missingFields: true }, { timeBudgetMs: timeout * 1000, toOriginal: (r) => plan.map.toOriginalRange(r) });
    const lines = new LineIndex(plan.original);
    if ((stringOption(args, 'format') ?? 'text') === 'json') io.out(JSON.stringify(result, null, 2) + '\n');
    else io.out(explainText(result, (r) => originalWhere(plan, lines, r)));
    return result.error ? EXIT.findings : EXIT.ok;
  },
};
