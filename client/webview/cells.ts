// How a result value is shown in a cell: long values are cut for display (copying gives the whole
// value), multivalue fields are lists. Values are always text.
import { el } from './dom';

export type Cell = string | string[] | undefined;

/** Characters of one value shown in a cell before it is cut. */
export const SHOWN_CHARS = 2000;
/** Values of a multivalue field shown before "… n more". */
export const SHOWN_VALUES = 50;

function valueNode(v: string): Node {
  if (v.length <= SHOWN_CHARS) return document.createTextNode(v);
  const span = el('span', {}, v.slice(0, SHOWN_CHARS));
  span.appendChild(el('span', { class: 'cut' }, ` … (${(v.length - SHOWN_CHARS).toLocaleString('en-US')} more characters; copy the cell for all)`));
  return span;
}

export function cellNode(v: Cell): Node {
  if (v === undefined) return el('span', { class: 'null' });
  if (!Array.isArray(v)) return valueNode(v);
  const list = el('ul', { class: 'mv' });
  for (const x of v.slice(0, SHOWN_VALUES)) list.appendChild(el('li', {}, valueNode(x)));
  if (v.length > SHOWN_VALUES) list.appendChild(el('li', { class: 'cut' }, `… ${v.length - SHOWN_VALUES} more values`));
  return list;
}

/** The full text of a cell for copying: multivalue values one per line. */
export function cellText(v: Cell): string {
  return v === undefined ? '' : Array.isArray(v) ? v.join('\n') : v;
}

/** Sort key comparison: numbers numerically, text case-insensitively; empty cells last. */
export function compareCells(a: Cell, b: Cell): number {
  const x = a === undefined ? undefined : Array.isArray(a) ? a[0] : a;
  const y = b === undefined ? undefined : Array.isArray(b) ? b[0] : b;
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  const nx = Number(x);
  const ny = Number(y);
  if (x.trim() !== '' && y.trim() !== '' && Number.isFinite(nx) && Number.isFinite(ny)) return nx - ny;
  return x.localeCompare(y, undefined, { sensitivity: 'base', numeric: true });
}
