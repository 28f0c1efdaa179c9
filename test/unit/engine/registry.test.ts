import * as assert from 'assert';
import { findCommand } from '../../../server/src/spl/catalog/commands';
import { COMMAND_EXECUTORS } from '../../../server/src/engine/commands/registry';

describe('engine command registry', () => {
  it('every executor is a command (or alias) of the SPL catalog', () => {
    const missing = Object.keys(COMMAND_EXECUTORS).filter((n) => !findCommand(n));
    assert.deepStrictEqual(missing, []);
  });
  it('covers the commands of the coverage curve', () => {
    for (const n of ['search', 'stats', 'convert', 'rename', 'eval', 'where', 'bin', 'eventstats', 'fillnull', 'rex', 'lookup', 'table', 'spath', 'mvexpand', 'foreach', 'regex', 'xmlkv', 'fields', 'join', 'transaction', 'tstats', 'dedup', 'sort', 'append', 'makemv', 'addtotals', 'inputlookup', 'streamstats']) {
      assert.ok(COMMAND_EXECUTORS[n], n);
    }
  });
});
