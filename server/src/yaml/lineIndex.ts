// Offset ↔ { line, character } conversion (0-based, UTF-16), built once per text.
// Line breaks follow the LSP: "\r\n", "\n" and a lone "\r".

export interface LinePosition {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: Int32Array;
  readonly textLength: number;

  constructor(text: string) {
    const starts: number[] = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        starts.push(i + 1);
      } else if (c === 0x0a) starts.push(i + 1);
    }
    this.starts = Int32Array.from(starts);
    this.textLength = text.length;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where `line` starts (clamped to the text). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.textLength;
    return this.starts[line];
  }

  /** Offset just after the last character of `line`, before its line break. */
  lineEnd(line: number, text: string): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.textLength;
    if (line + 1 >= this.starts.length) return this.textLength;
    if (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
    if (end > 0 && text.charCodeAt(end - 1) === 0x0d) end--;
    return end;
  }

  /** Position of an offset (clamped to 0..textLength). */
  positionAt(offset: number): LinePosition {
    offset = Math.max(0, Math.min(offset, this.textLength));
    const s = this.starts;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - s[lo] };
  }

  /** Offset of a position; the character is clamped to the line (including its break). */
  offsetAt(pos: LinePosition): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.textLength;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.textLength;
    return Math.max(start, Math.min(start + Math.max(0, pos.character), next));
  }
}
