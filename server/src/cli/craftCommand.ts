// `detection-workbench craft DETECTION.yml [--from FILE [--event N]] > sample.log`: writes an event
// (or as many copies as a threshold needs) that makes the detection fire, in the log's own format,
// edited from its data source's example_log or from a sample event. Notes go to stderr; exit 0
// when the crafted events fire (checked by running the search), 1 when they do not.
import * as path from 'path';
import { planCraft } from '../analysis/craftPlan';
import { RunPlanError } from '../analysis/runPlan';
import { ContentIndex, findContentRoots } from '../content';
import { craftInWorker } from '../engine/craft/craftInWorker';
import { listOption, parseArgs, stringOption, UsageError } from './args';
import { findRepositoryRoot } from './checkCommand';
import type { CliCommand } from './command';
import { EXIT } from './io';

export const craftCommand: CliCommand = {
  name: 'craft',
  summary: 'write an event that makes a detection fire (from its data source example_log or --from)',
  usage: 'detection-workbench craft DETECTION.yml [--from FILE [--event N]] [--source S] [--sourcetype ST] [--addons DIR ...] [--format text|json] [--timeout SECONDS] > sample.log',
  async run(argv, io) {
    const args = parseArgs(argv, {
      from: { value: true }, event: { value: true }, source: { value: true }, sourcetype: { value: true },
      addons: { value: true, repeat: true }, content: { value: true }, tz: { value: true }, timeout: { value: true }, format: { value: true, choices: ['text', 'json'] },
    });
    if (args.positionals.length !== 1) throw new UsageError('give one detection file');
    const detection = path.resolve(io.cwd, args.positionals[0]);
    const eventText = stringOption(args, 'event');
    const event = eventText === undefined ? undefined : Number(eventText);
    if (event !== undefined && !(Number.isInteger(event) && event >= 1)) throw new UsageError(`--event must be an event number from 1 (got "${eventText}")`);
    const root = findRepositoryRoot(path.resolve(io.cwd, stringOption(args, 'content') ?? path.dirname(detection)));
    const index = new ContentIndex();
    index.buildSync(root ? [root] : findContentRoots(path.dirname(detection)));
    let plan;
    try {
      plan = await planCraft({
        detectionFile: detection, from: stringOption(args, 'from') && path.resolve(io.cwd, stringOption(args, 'from')!), event,
        source: stringOption(args, 'source'), sourcetype: stringOption(args, 'sourcetype'),
        addonDirs: listOption(args, 'addons').map((d) => path.resolve(io.cwd, d)), tz: stringOption(args, 'tz'),
      }, index);
    } catch (e) {
      if (e instanceof RunPlanError) { io.err(`${e.message}\n`); return e.kind === 'usage' ? EXIT.usage : EXIT.findings; }
      throw e;
    }
    const r = await craftInWorker(plan.request, { timeBudgetMs: Number(stringOption(args, 'timeout') ?? 120) * 1000 });
    if (stringOption(args, 'format') === 'json') io.out(JSON.stringify({ base: plan.baseOrigin, ...r }, null, 2) + '\n');
    else {
      for (const e of r.events) io.out(`${e}\n`);
      io.err(`crafted from ${plan.baseOrigin}; ${r.edits.length ? `edits: ${r.edits.map((x) => `${x.field}: ${JSON.stringify(x.from ?? null)} → ${JSON.stringify(x.to ?? null)}`).join(', ')}` : 'no edits needed'}\n`);
      for (const n of r.notes) io.err(`note: ${n}\n`);
      io.err(`read it with --source "${r.meta.source}" --sourcetype "${r.meta.sourcetype}"\n`);
      io.err(r.fires ? `the search returns ${r.rows} row(s) on ${r.events.length} crafted event(s)\n` : `the crafted event does not fire: ${r.unsatisfiable ?? 'unknown reason'}\n`);
    }
    return r.fires ? EXIT.ok : EXIT.findings;
  },
};
