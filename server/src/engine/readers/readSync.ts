// The in-memory reader for the editor and tests: same framers, one synchronous pass.

import * as zlib from 'node:zlib';
import type { EngineMessage, RawEvent } from '../types';
import { isGzip } from './byteSource';
import { decodeAll } from './encoding';
import { MessageCollector } from './messages';
import { DEFAULT_MAX_EVENT_CHARS, DEFAULT_MAX_MESSAGES_PER_KIND, type ReadInfo, type ReadOptions } from './options';
import { ReaderCore } from './readerCore';

export interface ReadResult {
  events: RawEvent[];
  messages: EngineMessage[];
  info: ReadInfo;
}

/**
 * Reads a whole in-memory log at once (string, or bytes with BOM / UTF-16 / gzip detection).
 * `signal` and `chunkSize` are ignored. Never throws on bad input.
 */
export function readEventsSync(
  input: string | Uint8Array,
  options: Omit<ReadOptions, 'signal' | 'chunkSize'> = {},
): ReadResult {
  const collector = new MessageCollector(
    positive(options.maxMessagesPerKind) ?? DEFAULT_MAX_MESSAGES_PER_KIND,
    options.onMessage,
  );
  const forced = options.format && options.format !== 'auto' ? options.format : undefined;
  const core = new ReaderCore(collector, positive(options.maxEventChars) ?? DEFAULT_MAX_EVENT_CHARS, forced);
  let text: string;
  let encoding: ReadInfo['encoding'] = 'utf-8';
  let gzip = false;
  if (typeof input === 'string') {
    text = input;
  } else {
    let bytes = input;
    if (isGzip(bytes)) {
      gzip = true;
      bytes = gunzipTolerant(bytes, collector);
    }
    const decoded = decodeAll(bytes, options.encoding);
    text = decoded.text;
    encoding = decoded.encoding;
  }
  const events: RawEvent[] = [];
  core.push(text, events);
  core.end(events);
  collector.finish();
  return { events, messages: collector.messages, info: { format: core.format ?? 'text', detected: core.detected, encoding, gzip } };
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : undefined;
}

/** Inflates gzip data; a truncated or corrupt stream yields what could be inflated, plus a warning. */
function gunzipTolerant(bytes: Uint8Array, collector: MessageCollector): Uint8Array {
  try {
    return zlib.gunzipSync(bytes);
  } catch (e) {
    collector.warn(
      'input',
      `compressed input is truncated or corrupt (${e instanceof Error ? e.message : String(e)}); the rest is ignored`,
    );
  }
  try {
    return zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}
