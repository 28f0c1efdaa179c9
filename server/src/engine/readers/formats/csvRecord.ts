// Parsing one CSV record (RFC 4180 style: `,` separators, `"` quoting with `""` escapes; quoted
// fields may contain commas and newlines). A quote inside an unquoted field is kept literally.

/** Splits one complete record into its fields. Never throws. */
export function parseCsvRecord(record: string): string[] {
  const fields: string[] = [];
  const n = record.length;
  let i = 0;
  for (;;) {
    if (i < n && record.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = record.indexOf('"', from);
        if (q === -1) {
          value += record.slice(from); // unterminated quote: take the rest
          i = n;
          break;
        }
        value += record.slice(from, q);
        if (record.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Text between the closing quote and the next comma is kept, as spreadsheet tools do.
      const comma = record.indexOf(',', i);
      const stop = comma === -1 ? n : comma;
      if (stop > i) value += record.slice(i, stop);
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    } else {
      const comma = record.indexOf(',', i);
      if (comma === -1) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}

