// How a result value is shown in a cell: long values are cut for display (copying gives the whole
// value), multivalue fields are lists. Values are always text.
import { el } from './dom';
import type { Cell } from './sortOrder';

export { compareCells, type Cell } from './sortOrder';


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
