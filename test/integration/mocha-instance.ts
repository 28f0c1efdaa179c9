// The one Mocha instance of the extension-host suite. Importing this module (first, from index.ts)
// installs Mocha's TDD globals (`suite`, `test`, `suiteSetup`, ...) so the suite files, imported
// statically after it and bundled into one file by esbuild, register their tests on load.
import Mocha from 'mocha';
import { format } from 'util';

/** Every line of the suite's own output starts with this, so runners can tell it from VS Code's logs. */
export const OUTPUT_PREFIX = '[suite] ';

/** Prints one already formatted line per call (the workbench relays console arguments unformatted). */
export function suiteLog(...args: unknown[]): void {
  const text = args.length === 0 ? '' : format(...(args as [unknown, ...unknown[]]));
  console.log(text.split('\n').map((line) => OUTPUT_PREFIX + line).join('\n'));
}

Mocha.reporters.Base.consoleLog = suiteLog;

export const mocha = new Mocha({
  ui: 'tdd',
  color: false,
  // Above the helpers' DEADLINE_MS, so a wait's own message explains a failure.
  timeout: 180_000,
  reporter: 'spec',
  // DW_TEST_GREP runs only the tests whose titles match (while working on one suite).
  grep: process.env.DW_TEST_GREP || undefined,
});

mocha.suite.emit('pre-require', globalThis, 'dist/test/integration/index.js', mocha);
