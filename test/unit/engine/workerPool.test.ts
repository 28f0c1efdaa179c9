// The engine worker is kept between runs that end normally, and replaced after a run it had to be
// ended for (time budget); answers are the same either way.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runInWorker } from '../../../server/src/engine/pipeline/runInWorker';
import { endIdleWorker, workerStarts } from '../../../server/src/engine/pipeline/workerPool';

describe('engine worker reuse', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-pool-'));
  const log = path.join(dir, 'kv.log');
  fs.writeFileSync(log, 'user=a n=1\nuser=b n=2\nuser=a n=3\n');
  const job = { search: 'user=* | stats count by user', inputs: [{ path: log, source: 'kv.log', sourcetype: 'kv', host: 'h' }] };
  after(() => endIdleWorker());

  it('serves consecutive runs from one worker, and starts a new one after a run it had to end', async () => {
    endIdleWorker();
    const before = workerStarts();
    const a = await runInWorker(job, { timeBudgetMs: 60_000 });
    const b = await runInWorker(job, { timeBudgetMs: 60_000 });
    assert.strictEqual(a.error, undefined, a.error?.message);
    assert.deepStrictEqual(a.rows.map((r) => ({ ...r })), [{ user: 'a', count: 2 }, { user: 'b', count: 1 }]);
    assert.deepStrictEqual(b.rows.map((r) => ({ ...r })), a.rows.map((r) => ({ ...r })));
    assert.strictEqual(workerStarts() - before, 1, 'the second run reused the first run’s worker');

    const slow = await runInWorker(
      { search: '| makeresults | eval s="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" | where match(s, "^(a+)+$")', inputs: [] },
      { timeBudgetMs: 8_000 },
    );
    assert.match(slow.error?.message ?? '', /time budget/);
    const c = await runInWorker(job, { timeBudgetMs: 60_000 });
    assert.deepStrictEqual(c.rows.map((r) => ({ ...r })), a.rows.map((r) => ({ ...r })));
    assert.strictEqual(workerStarts() - before, 2, 'a new worker after the one that was ended');
  });
});
