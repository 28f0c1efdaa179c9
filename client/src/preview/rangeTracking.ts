// Keeps a run's document positions in place while the user edits elsewhere in the file: an edit
// before a position moves it, an edit that touches the search makes the run stale. Pure functions
// over plain {line, character} so they can be unit-tested without VS Code.

export interface Pos {
  line: number;
  character: number;
}
export interface Span {
  start: Pos;
  end: Pos;
}
export interface Edit {
  /** The replaced range, in the document before the edit. */
  range: Span;
  /** The inserted text. */
  text: string;
}

const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character < b.character);
const beforeOrAt = (a: Pos, b: Pos) => !before(b, a);

/** Where a position is after an edit that does not contain it. */
export function shiftPos(p: Pos, e: Edit): Pos {
  if (before(p, e.range.end)) return p; // before the edit (callers ensure it does not overlap)
  const lines = e.text.split(/\r\n|\r|\n/);
  const newEndLine = e.range.start.line + lines.length - 1;
  const newEndChar = (lines.length === 1 ? e.range.start.character : 0) + lines[lines.length - 1].length;
  if (p.line === e.range.end.line) return { line: newEndLine, character: newEndChar + (p.character - e.range.end.character) };
  return { line: p.line + (newEndLine - e.range.end.line), character: p.character };
}

/** Does the edit touch the span (overlap it, or insert inside or at its edges)? */
export function touches(e: Edit, s: Span): boolean {
  return beforeOrAt(e.range.start, s.end) && beforeOrAt(s.start, e.range.end);
}

/**
 * Applies edits (in the order VS Code reports them for one change event) to a watched span and
 * the ranges inside it. Returns undefined when an edit touches the span (the run is stale).
 */
export function applyEdits<T extends Span | undefined>(watched: Span, inner: T[], edits: readonly Edit[]): { watched: Span; inner: T[] } | undefined {
  let w = watched;
  let list = inner;
  for (const e of edits) {
    if (touches(e, w)) return undefined;
    const move = (s: Span): Span => ({ start: shiftPos(s.start, e), end: shiftPos(s.end, e) });
    w = move(w);
    list = list.map((s) => (s ? (move(s) as T) : s));
  }
  return { watched: w, inner: list };
}
