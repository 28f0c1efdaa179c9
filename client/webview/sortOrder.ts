// The table's sort order (no DOM: unit-tested in Node).

export type Cell = string | string[] | undefined;

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
