// Sample-log readers: turn a log file / string / byte stream into RawEvents, streaming.

export { readEvents, EventStream } from './readEvents';
export { readEventsSync, type ReadResult } from './readSync';
export { detectFormat, detectFormatFromText } from './detectFormat';
export { sniffEncoding } from './encoding';
export type { ReaderInput, ReadOptions, ReadInfo, TextEncodingName } from './options';
export { DEFAULT_CHUNK_SIZE, DEFAULT_MAX_EVENT_CHARS, LOG_FORMATS } from './options';
export { detachString } from './textUtil';
