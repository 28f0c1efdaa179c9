// The `detection-workbench` command line: content checks and local runs for CI, sharing the
// language server's code.
import { UsageError } from './args';
import { CliCommand } from './command';
import { checkCommand } from './checkCommand';
import { compareCommand } from './compareCommand';
import { indexCommand } from './indexCommand';
import { runCommand } from './runCommand';
import { testCommand } from './testCommand';
import { explainCommand } from './explainCommand';
import { craftCommand } from './craftCommand';
import { CliIO, EXIT, processIO } from './io';

const VERSION = '0.1.0';

export const COMMANDS: CliCommand[] = [runCommand, testCommand, explainCommand, craftCommand, checkCommand, indexCommand, compareCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'detection-workbench — check and run Splunk security_content detections offline (or on your Splunk)',
    '',
    'usage: detection-workbench <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `detection-workbench <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Nothing may outlive the answer (a worker stuck in a system call, a stray handle): exit at
    // the latest a second after it, once the output had time to drain.
    setTimeout(() => process.exit(code), 1000).unref();
  });
}
