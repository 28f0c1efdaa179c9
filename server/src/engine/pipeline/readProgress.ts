// Counts the input events a run has read, for progress reports (events read, events per second)
// while the run is still going. It wraps the event source without changing what it yields.
import type { BatchedRows } from './replay';

export interface ReadCounter {
  /** Input events read so far (including events dropped before extraction). */
  readonly read: number;
}

/** The same source, counting the events behind every batch it yields into `counter`. */
export function countingSource(factory: () => BatchedRows, counter: { read: number }): () => BatchedRows {
  return () => {
    const inner = factory();
    async function* rowBatches() {
      for await (const b of inner.rowBatches()) {
        counter.read += b.read;
        yield b;
      }
    }
    return {
      rowBatches,
      async *[Symbol.asyncIterator]() {
        for await (const b of rowBatches()) yield* b.rows;
      },
    };
  };
}

/**
 * Calls `report` with the count every `intervalMs` while it changes, until the returned stop
 * function is called (which reports a final figure).
 */
export function reportEvery(counter: ReadCounter, intervalMs: number, report: (read: number) => void): () => void {
  let last = -1;
  const tick = () => {
    if (counter.read !== last) {
      last = counter.read;
      report(last);
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    tick();
  };
}
