// Input events that several consumers may read (the main search and subsearches / tstats in
// join/append): the first full read is cached when replay is needed; a factory is called anew.
import type { Row } from '../types';

export type EventSource = AsyncIterable<Row> | Iterable<Row> | (() => AsyncIterable<Row> | Iterable<Row>);

export class ReplayableEvents {
  private cache: Row[] | undefined;
  private complete = false;
  constructor(private readonly source: EventSource, private readonly cacheReads: boolean) {}

  /** All events, one by one. */
  async *iterate(): AsyncGenerator<Row> {
    for await (const b of this.batches(512)) yield* b;
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
