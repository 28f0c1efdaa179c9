// Public option and result shapes of the sample-log readers.

import type { EngineMessage, LogFormat } from '../types';

/** Where the log comes from. Exactly one property is set. */
export type ReaderInput =
  | { path: string } // a file on disk (plain or gzip, detected by magic bytes)
  | { text: string } // an in-memory string (already decoded)
  | { bytes: Uint8Array } // in-memory bytes (BOM / UTF-16 / gzip detected like a file)
  | { stream: AsyncIterable<Uint8Array> }; // any byte stream (e.g. stdin)

/** Text encodings the readers decode. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface ReadOptions {
  /** Force a format; `'auto'` (default) detects it from the first bytes. */
  format?: LogFormat | 'auto';
  /** Force an encoding; by default sniffed from the BOM (UTF-8 without BOM otherwise). */
  encoding?: TextEncodingName;
  /** Called for every warning/info as it is found (also collected in `EventStream.messages`). */
  onMessage?: (message: EngineMessage) => void;
  /** Stops reading promptly: the iteration ends early without throwing. */
  signal?: AbortSignal;
  /** Bytes per read (default 64 KiB). Also the slice size for `bytes`/`text` inputs. */
  chunkSize?: number;
  /** Longest single event in UTF-16 code units (default 1 MiB); longer events are truncated. */
  maxEventChars?: number;
  /** At most this many messages of one kind are reported (default 20); then one summary. */
  maxMessagesPerKind?: number;
  /**
   * Pruning hint from a caller that discards every event whose text fails this test: in JSON-lines
   * input, a line that fails it is skipped without being parsed (no event, no JSON warning for it).
   * Other events are returned as usual; the caller still applies its own filter.
   */
  prefilter?: (text: string) => boolean;
}

/** What the reader found out about its input (available once the first chunk was read). */
export interface ReadInfo {
  format: LogFormat;
  /** True when `format` came from detection rather than `options.format`. */
  detected: boolean;
  encoding: TextEncodingName;
  /** True when the input was gzip-compressed. */
  gzip: boolean;
}

/** Every format a reader knows, for pickers and validation. */
export const LOG_FORMATS: readonly LogFormat[] = ['xml', 'json', 'csv', 'kv', 'auditd', 'syslog-xml', 'wineventlog', 'text'];

export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const DEFAULT_MAX_EVENT_CHARS = 1024 * 1024;
export const DEFAULT_MAX_MESSAGES_PER_KIND = 20;
/** How much decoded text format detection looks at. */
export const DETECT_SAMPLE_CHARS = 64 * 1024;
