// Finds the YAML scalars that hold SPL (`search:` / `definition:` keys) with their exact source
// ranges, and decodes each one with a map from decoded characters back to document offsets.
import { isScalar, parseAllDocuments, visit } from 'yaml';

const SPL_KEYS = new Set(['search', 'definition']);

/**
 * Documents with YAML errors are skipped; the returned array's `yamlErrors` counts their errors.
 * @returns {{ key: string, type: string, start: number, end: number, contentStart: number,
 *   contentEnd: number, value: string, decoded: string, map: number[] }[]}
 * start/end: the whole scalar (quotes or block header included); content*: the SPL text's range.
 */
export function findSplScalars(text) {
  const result = [];
  const docs = parseAllDocuments(text);
  result.yamlErrors = docs.reduce((n, doc) => n + doc.errors.length, 0);
  for (const doc of docs) {
    if (doc.errors.length > 0) continue; // an invalid document has no well-defined scalar ends
    visit(doc, {
      Pair(_, pair) {
        if (!isScalar(pair.key) || !SPL_KEYS.has(String(pair.key.value))) return;
        if (!isScalar(pair.value) || typeof pair.value.value !== 'string' || !pair.value.range) return;
        if (pair.value.type === 'PLAIN' && pair.value.value === '') return;
        const [start, valueEnd] = pair.value.range;
        result.push({ key: String(pair.key.value), ...decodeScalar(text, pair.value.type, start, valueEnd), value: pair.value.value });
      },
    });
  }
  return result;
}

function decodeScalar(text, type, start, valueEnd) {
  const chars = [];
  const map = [];
  const push = (ch, offset) => { chars.push(ch); map.push(offset); };
  let contentStart = start;
  let contentEnd = valueEnd;
  if (type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') {
    contentStart = start + 1;
    contentEnd = valueEnd - 1;
    for (let i = contentStart; i < contentEnd; i++) {
      const ch = text[i];
      if (type === 'QUOTE_SINGLE' && ch === "'" && text[i + 1] === "'") { push("'", i); i++; continue; }
      if (type === 'QUOTE_DOUBLE' && ch === '\\') {
        const next = text[i + 1];
        if (next === '\n' || next === '\r') { i++; while (text[i + 1] === ' ' || text[i + 1] === '\t' || text[i + 1] === '\n') i++; continue; }
        push(DQ_ESCAPES[next] ?? next, i);
        i++;
        continue;
      }
      push(ch === '\n' || ch === '\r' ? ' ' : ch, i);
    }
  } else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const headerEnd = text.indexOf('\n', start);
    contentStart = headerEnd < 0 ? valueEnd : headerEnd + 1;
    for (let i = contentStart; i < contentEnd; i++) push(text[i], i);
  } else {
    for (let i = contentStart; i < contentEnd; i++) push(text[i] === '\n' ? ' ' : text[i], i);
  }
  return { type, start, end: valueEnd, contentStart, contentEnd, decoded: chars.join(''), map };
}

const DQ_ESCAPES = { n: '\n', t: '\t', r: '\r', 0: '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' ' };

/** Whitespace-insensitive comparison used to check the decoder against the yaml package. */
export const normalizeSpace = (s) => s.replace(/\s+/g, ' ').trim();
