// Input events that several consumers may read (the main search and subsearches / tstats in
// join/append): the first full read is cached when replay is needed; a factory is called anew.
import type { Row } from '../types';

/**
 * Rows that can also be read in batches (cheaper than one await per row). `read` counts the input
 * events behind a batch, including events the source dropped (pruning) — for `eventsRead`.
 */
export interface BatchedRows extends AsyncIterable<Row> {
  rowBatches(): AsyncIterable<{ rows: Row[]; read: number }>;
}

export type EventSource = AsyncIterable<Row> | Iterable<Row> | (() => AsyncIterable<Row> | Iterable<Row>);

function hasBatches(src: unknown): src is BatchedRows {
  return typeof (src as Partial<BatchedRows>).rowBatches === 'function';
}

export class ReplayableEvents {
  private cache: Row[] | undefined;
  private complete = false;
  private dropped = 0;
  constructor(private readonly source: EventSource, private readonly cacheReads: boolean) {}

  /**
   * Input events the source dropped before yielding them (pruning) since the last call; add to
   * the rows of the batches to count the events read.
   */
  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }

  /** All events in batches of up to `size` (arrays are sliced without per-event awaits). */
  async *batches(size: number): AsyncGenerator<Row[]> {
    if (this.complete && this.cache) {
      for (let i = 0; i < this.cache.length; i += size) yield this.cache.slice(i, i + size);
      return;
    }
    const src = typeof this.source === 'function' ? this.source() : this.source;
    const caching = this.cacheReads && typeof this.source !== 'function' && !this.cache;
    const cache: Row[] = [];
    if (caching) this.cache = cache;
    if (Array.isArray(src)) {
      if (caching) { this.cache = src; this.complete = true; }
      for (let i = 0; i < src.length; i += size) yield src.slice(i, i + size);
      return;
    }
    if (hasBatches(src)) {
      for await (const { rows, read } of src.rowBatches()) {
        this.dropped += read - rows.length;
        if (rows.length === 0) continue;
        if (caching) for (const r of rows) cache.push(r);
        for (let i = 0; i < rows.length; i += size) yield i === 0 && rows.length <= size ? rows : rows.slice(i, i + size);
      }
      if (caching) this.complete = true;
      return;
    }
    let batch: Row[] = [];
    for await (const row of src as AsyncIterable<Row>) {
      if (caching) cache.push(row);
      batch.push(row);
      if (batch.length >= size) { yield batch; batch = []; }
    }
    if (batch.length > 0) yield batch;
    if (caching) this.complete = true;
  }
}
