// Guessing a log's format from its first bytes (or first decoded text).

import * as zlib from 'node:zlib';
import type { LogFormat } from '../types';
import { isGzip } from './byteSource';
import { decodeAll } from './encoding';
import { parseCsvRecord } from './formats/csvRecord';
import { DETECT_SAMPLE_CHARS } from './options';
import { AUDITD_RECORD, findEventStart, isBlank, skipWhitespace, WINEVENTLOG_TIMESTAMP } from './textUtil';

/**
 * The format of a log, judged from its beginning: bytes (BOM / UTF-16 / gzip handled) or text.
 * Only the first 64 Ki characters matter. Never throws; unknown input is `'text'`.
 */
export function detectFormat(firstBytes: Uint8Array | string): LogFormat {
  return detectFormatFromText(typeof firstBytes === 'string' ? firstBytes : decodeSample(firstBytes));
}

function decodeSample(bytes: Uint8Array): string {
  let b = bytes;
  if (isGzip(b)) {
    try {
      b = zlib.gunzipSync(b, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch {
      return '';
    }
  }
  return decodeAll(b.subarray(0, DETECT_SAMPLE_CHARS * 4)).text;
}

/** First non-blank lines of the sample (terminators and a leading BOM removed). */
function firstLines(sample: string, count: number): string[] {
  const lines: string[] = [];
  let start = sample.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < sample.length && lines.length < count) {
    let nl = sample.indexOf('\n', start);
    if (nl === -1) nl = sample.length;
    let line = sample.slice(start, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!isBlank(line)) lines.push(line);
    start = nl + 1;
  }
  return lines;
}

export function detectFormatFromText(text: string): LogFormat {
  const sample = text.length > DETECT_SAMPLE_CHARS ? text.slice(0, DETECT_SAMPLE_CHARS) : text;
  const first = skipWhitespace(sample, sample.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (first >= sample.length) return 'text';
  const c = sample.charCodeAt(first);
  if (c === 60 /* < */ && looksLikeXml(sample, first)) return 'xml';
  if ((c === 123 /* { */ || c === 91) /* [ */ && looksLikeJson(sample, first)) return 'json';
  const [line1, line2] = firstLines(sample, 2);
  if (line1 === undefined) return 'text';
  if (AUDITD_RECORD.test(line1)) return 'auditd';
  if (WINEVENTLOG_TIMESTAMP.test(line1)) return 'wineventlog';
  if (findEventStart(line1, 0) > 0) return 'syslog-xml';
  if (looksLikeCsv(sample, line1, line2)) return 'csv';
  if (countKeyValuePairs(line1) >= 2) return 'kv';
  return 'text';
}

function looksLikeXml(sample: string, at: number): boolean {
  return sample.startsWith('<?xml', at) || sample.startsWith('<Events', at) || findEventStart(sample, at) === at;
}

const JSON_ARRAY_SCALAR = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)\s*[,\]]/;

function looksLikeJson(sample: string, at: number): boolean {
  const next = skipWhitespace(sample, at + 1);
  if (next >= sample.length) return true; // `{` or `[` then nothing yet: still most likely JSON
  const c = sample.charCodeAt(next);
  if (sample.charCodeAt(at) === 123) return c === 34 /* " */ || c === 125; /* } */
  if (c === 123 || c === 91 || c === 34 || c === 93) return true;
  return JSON_ARRAY_SCALAR.test(sample.slice(next, next + 64));
}

/** A header row of names, and (if present) a second record with as many fields. */
const HEADER_NAME = /^[A-Za-z_@#][\w .,\-:/()#@[\]{}]{0,99}$/;

function looksLikeCsv(sample: string, line1: string, line2: string | undefined): boolean {
  if (line1.indexOf(',') === -1) return false;
  const header = parseCsvRecord(line1).map((f) => f.trim());
  if (header.length < 2 || !header.every((f) => HEADER_NAME.test(f))) return false;
  if (line2 === undefined) return false;
  // The second record may span lines when quoted; count fields over the balanced record.
  const rest = sample.slice(sample.indexOf(line2));
  return parseCsvRecord(firstRecord(rest)).length === header.length;
}

/** The first CSV record of `text` (up to the first newline outside quotes). */
function firstRecord(text: string): string {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) return text.slice(0, i > 0 && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
  }
  return text;
}

const KEY_VALUE = /(?:^|[\s,;])[A-Za-z_][\w.\-]*=(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;]*)/g;

function countKeyValuePairs(line: string): number {
  let n = 0;
  KEY_VALUE.lastIndex = 0;
  while (KEY_VALUE.exec(line) !== null) n++;
  return n;
}
