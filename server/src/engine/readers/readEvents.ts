// The streaming reader: input → byte chunks (gunzipped if needed) → decoded text → events.
// Memory stays bounded by the chunk size plus the longest event (capped).

import type { EngineMessage, RawEvent } from '../types';
import { openByteSource, type ByteSourceState } from './byteSource';
import { ByteDecoder } from './encoding';
import { MessageCollector } from './messages';
import {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_EVENT_CHARS,
  DEFAULT_MAX_MESSAGES_PER_KIND,
  type ReaderInput,
  type ReadInfo,
  type ReadOptions,
} from './options';
import { ReaderCore } from './readerCore';

/**
 * The events of one input. Iterate it once (`for await`), or call `batches()` for arrays of
 * events (cheaper per event). `messages` and `info` fill in while reading.
 */
export class EventStream implements AsyncIterable<RawEvent> {
  /** Warnings and infos found so far (capped per kind). Also sent to `options.onMessage`. */
  readonly messages: EngineMessage[];
  private readonly collector: MessageCollector;
  private started = false;
  private cancelReported = false;
  private readInfo: ReadInfo | undefined;

  constructor(
    private readonly input: ReaderInput,
    private readonly options: ReadOptions,
  ) {
    this.collector = new MessageCollector(
      positiveInt(options.maxMessagesPerKind, DEFAULT_MAX_MESSAGES_PER_KIND),
      options.onMessage,
    );
    this.messages = this.collector.messages;
  }

  /** Format, encoding and compression of the input; set once the first text was read. */
  get info(): ReadInfo | undefined {
    return this.readInfo;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RawEvent> {
    const signal = this.options.signal;
    for await (const batch of this.batches()) {
      for (let i = 0; i < batch.length; i++) {
        if (signal?.aborted) {
          this.reportCancelled(batch[i].line);
          return;
        }
        yield batch[i];
      }
    }
  }

  /** The events in batches, one per chunk read (never empty arrays). Single use. */
  async *batches(): AsyncGenerator<RawEvent[]> {
    if (this.started) {
      this.collector.report('input', 'error', 'an event stream can be read only once');
      return;
    }
    this.started = true;
    const { signal } = this.options;
    const chunkSize = positiveInt(this.options.chunkSize, DEFAULT_CHUNK_SIZE);
    const maxEventChars = positiveInt(this.options.maxEventChars, DEFAULT_MAX_EVENT_CHARS);
    const forced = this.options.format && this.options.format !== 'auto' ? this.options.format : undefined;
    const core = new ReaderCore(this.collector, maxEventChars, forced, this.options.prefilter);
    const state: ByteSourceState = { gzip: false };
    let out: RawEvent[] = [];
    let cancelled = false;
    let encoding: ReadInfo['encoding'] = 'utf-8';
    const turns = new EventLoopTurns();

    const input = this.input;
    if ('text' in input) {
      const text = input.text;
      for (let i = 0; i < text.length; i += chunkSize) {
        if (signal?.aborted) {
          cancelled = true;
          break;
        }
        core.push(text.slice(i, i + chunkSize), out);
        this.updateInfo(core, 'utf-8', false);
        if (out.length > 0) {
          yield out;
          out = [];
        }
        await turns.maybeYield();
      }
    } else {
      const decoder = new ByteDecoder(this.options.encoding);
      const source = openByteSource(input, chunkSize, this.collector, state);
      try {
        for await (const chunk of source) {
          if (signal?.aborted) {
            cancelled = true;
            break;
          }
          for (const piece of decoder.push(chunk)) core.push(piece, out);
          this.updateInfo(core, decoder.encoding, state.gzip);
          if (out.length > 0) {
            yield out;
            out = [];
          }
          await turns.maybeYield();
        }
      } finally {
        await source.return(undefined);
      }
      if (!cancelled) core.push(decoder.end(), out);
      encoding = decoder.encoding ?? 'utf-8';
    }
    if (cancelled || signal?.aborted) {
      this.reportCancelled(core.nextLine);
      return;
    }
    core.end(out);
    this.updateInfo(core, encoding, state.gzip);
    this.collector.finish();
    if (out.length > 0) yield out;
  }

  private reportCancelled(line: number): void {
    if (this.cancelReported) return;
    this.cancelReported = true;
    this.collector.report('cancelled', 'info', `reading cancelled at line ${line}`);
    this.collector.finish();
  }

  private updateInfo(core: ReaderCore, encoding: ReadInfo['encoding'] | undefined, gzip: boolean): void {
    if (this.readInfo || !core.format || !encoding) return;
    this.readInfo = { format: core.format, detected: core.detected, encoding, gzip };
  }
}

/** Streams the events of a log file, string, byte array or byte stream. Never throws on bad input. */
export function readEvents(input: ReaderInput, options: ReadOptions = {}): EventStream {
  return new EventStream(input, options);
}

/** How long reading may keep the event loop busy before letting other work (and aborts) in. */
const TURN_MS = 10;

/**
 * Reading from memory or the page cache never waits, so an async generator alone would hold the
 * event loop for the whole input. This gives it a turn every few milliseconds.
 */
class EventLoopTurns {
  private last = Date.now();

  async maybeYield(): Promise<void> {
    const now = Date.now();
    if (now - this.last < TURN_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = Date.now();
  }
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}
