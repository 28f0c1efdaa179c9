// Header and row-width check of a lookup CSV (RFC 4180 quoting, like Python's csv module).

import type { CsvShape } from './types';

/** Parses CSV text into records (quoted fields may contain commas, quotes "" and newlines). */
export function parseCsvRecords(text: string, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let sawAny = false;
  while (i < n && records.length < maxRecords) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        inQuotes = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') { inQuotes = true; sawAny = true; i++; continue; }
    if (c === ',') { record.push(field); field = ''; sawAny = true; i++; continue; }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      if (sawAny || field.length > 0 || record.length > 0) { record.push(field); records.push(record); }
      record = []; field = ''; sawAny = false;
      continue;
    }
    field += c; sawAny = true; i++;
  }
  if (sawAny || field.length > 0 || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

/** Header plus the rows (1-based: header = row 1, as contentctl counts) whose width differs. */
export function parseCsvShape(text: string): CsvShape {
  // header: full parse of the first record only
  const first = parseCsvRecords(text, 1);
  if (first.length === 0) return { header: [], badRows: [] };
  const header = first[0];
  const badRows: CsvShape['badRows'] = [];
  // remaining records: count fields without building strings
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let row = 0; // record number, header = 1
  let fields = 1;
  let inQuotes = false;
  let nonEmpty = false;
  const endRecord = () => {
    if (nonEmpty) {
      row++;
      if (row > 1 && fields !== header.length) badRows.push({ row, columns: fields });
    }
    fields = 1;
    nonEmpty = false;
  };
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34 /* " */) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34) { inQuotes = true; nonEmpty = true; }
    else if (c === 44 /* , */) { fields++; nonEmpty = true; }
    else if (c === 10 /* \n */) endRecord();
    else if (c === 13 /* \r */) { if (text.charCodeAt(i + 1) !== 10) endRecord(); }
    else nonEmpty = true;
  }
  endRecord();
  return { header, badRows };
}
