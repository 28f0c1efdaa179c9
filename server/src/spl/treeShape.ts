// The shape of an SPL syntax tree without positions: two searches that differ only in layout
// (line breaks, spacing between tokens) have equal shapes. Comments are compared by their text.
import type { Pipeline } from './ast';

const POSITION_KEY = /^(?:range|start|end|spaceBefore)$|Range$/;

/** A JSON string of the tree with every position removed, plus the comments' texts. */
export function treeShape(text: string, pipeline: Pipeline): string {
  const comments = pipeline.comments.map((c) => text.slice(c.start, c.end));
  return JSON.stringify({ tree: pipeline, comments }, (key, value) => (key === 'comments' && Array.isArray(value) && value !== comments ? undefined : POSITION_KEY.test(key) ? undefined : value));
}
