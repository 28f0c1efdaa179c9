// Entry point of the extension-host test suite (`extensionTestsPath` → dist/test/integration/index.js).
// VS Code (Electron or code-server) loads this module inside the extension host and calls `run()`;
// the promise's outcome becomes the test run's exit code.
//
// Suite files are imported statically (after mocha-instance, which installs the TDD globals) so
// esbuild bundles them into one file: no glob at run time. Add new suite files to the list below.
import * as fs from 'fs';
import { mocha, suiteLog } from './mocha-instance';
import './suite/activation.test';
import './suite/languages.test';
import './suite/language-server.test';
import './suite/schema.test';
import './suite/documentation.test';
import './suite/preview.test';
import './suite/preview.bench';
import './suite/splunk.test';

/** The line the runners parse for counts: exactly `extension-host: N passed, N failed`. */
export function summaryLine(passed: number, failed: number): string {
  return `extension-host: ${passed} passed, ${failed} failed`;
}

/** When set, run() also writes `{ passed, failed, skipped }` as JSON to this file (used by runners). */
export const RESULTS_FILE_ENV = 'DW_TEST_RESULTS_FILE';

function writeResults(passed: number, failed: number, skipped: number): void {
  const file = process.env[RESULTS_FILE_ENV];
  if (!file) return;
  try {
    fs.writeFileSync(file, JSON.stringify({ passed, failed, skipped }) + '\n');
  } catch (err) {
    suiteLog(`could not write ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function run(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        const pending = stats?.pending ?? 0;
        if (pending > 0) suiteLog(`extension-host skipped: ${pending}`);
        suiteLog(summaryLine(passed, failed));
        writeResults(passed, failed, pending);
        if (failures > 0) {
          reject(new Error(`${failures} extension-host test(s) failed.`));
        } else if (passed === 0) {
          reject(new Error('No extension-host test ran.'));
        } else {
          resolve();
        }
      });
    } catch (err) {
      suiteLog(summaryLine(0, 1));
      writeResults(0, 1, 0);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
