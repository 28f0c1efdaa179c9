// `detection-workbench index [PATH]`: indexes a content repository and prints what it holds.
import * as path from 'path';
import { ContentIndex, findContentRoots } from '../content';
import { parseArgs } from './args';
import { CliCommand } from './command';
import { EXIT } from './io';

export const indexCommand: CliCommand = {
  name: 'index',
  summary: 'index a content repository and print its counts and timing',
  usage: 'detection-workbench index [PATH] [--format text|json]',
  async run(argv, io) {
    const args = parseArgs(argv, { format: { value: true, choices: ['text', 'json'] } });
    const dir = path.resolve(io.cwd, args.positionals[0] ?? '.');
    const roots = findContentRoots(dir);
    if (!roots.length) {
      io.err(`no content repository (a folder with detections/, macros/, stories/ or data_sources/) at or below ${dir}\n`);
      return EXIT.usage;
    }
    const started = performance.now();
    const index = new ContentIndex();
    index.buildSync(roots);
    const ms = performance.now() - started;
    const stats = index.stats();
    if (args.options.format === 'json') {
      io.out(JSON.stringify({ roots, ...stats, ms: Math.round(ms) }, null, 2) + '\n');
    } else {
      io.out(`${roots.join(', ')}\n`);
      for (const [k, v] of Object.entries(stats)) io.out(`  ${k.padEnd(12)} ${v}\n`);
      io.out(`indexed in ${ms.toFixed(0)} ms\n`);
    }
    return EXIT.ok;
  },
};
