// The SPL embedded in content YAML files: detections' and baselines' `search`, drilldown searches,
// macros' `definition` — each with its value and an exact value ↔ document offset map.
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { findPath, ParsedYaml, parseYaml, scalarSource, YamlPath } from './document';
import { findQuotedEnd, OffsetRange, ScalarMap, ScalarScanError, ScalarStyle, scanScalar, ToValueBias } from './scalarMap';

export type ContentKind = 'detection' | 'baseline' | 'macro' | 'story' | 'lookup' | 'data_source' | 'other';

export interface EmbeddedSpl {
  /** Path of the scalar in the document, e.g. ['search'] or ['drilldown_searches', 0, 'search']. */
  path: (string | number)[];
  /** The scalar's value: the SPL text. */
  value: string;
  map: ScalarMap;
  /** The scalar's full source range (quotes / block header included). */
  scalarRange: OffsetRange;
  style: ScalarStyle;
  /** Problems found while scanning (bad escapes, missing quote…), with document ranges. */
  errors: ScalarScanError[];
  /**
   * True when the `yaml` library cut a quoted scalar short (continuation lines not indented, as
   * PyYAML/contentctl accept) and the value was recovered up to the real closing quote.
   */
  recovered: boolean;
}

export interface MappedScalar {
  value: string;
  map: ScalarMap;
  scalarRange: OffsetRange;
  style: ScalarStyle;
  errors: ScalarScanError[];
  recovered: boolean;
}

/** Scans a string scalar node of a parsed document; undefined when the node has no range. */
export function mapScalarNode(text: string, node: Scalar): MappedScalar | undefined {
  const src = scalarSource(node);
  if (!src) return undefined;
  let range = src.range;
  let recovered = false;
  if (src.style === 'QUOTE_SINGLE' || src.style === 'QUOTE_DOUBLE') {
    const realEnd = findQuotedEnd(text, range.start, src.style);
    if (realEnd !== undefined && realEnd > range.end) {
      range = { start: range.start, end: realEnd };
      recovered = true;
    }
  }
  const { value, map, errors } = scanScalar(text, range.start, range.end, src.style, { blockIndent: src.blockIndent });
  if (recovered) {
    errors.push({
      message: 'Continuation lines of this quoted value must be indented; the value was read up to its closing quote',
      range: { start: src.range.end, end: range.end },
    });
  }
  return { value, map, scalarRange: range, style: src.style, errors, recovered };
}

/** Content kind from a file path inside a content repository (by its folder). */
export function contentKindFromPath(filePath: string): ContentKind {
  const p = filePath.replace(/\\/g, '/');
  if (/(^|\/)detections\//.test(p)) return 'detection';
  if (/(^|\/)baselines\//.test(p)) return 'baseline';
  if (/(^|\/)macros\//.test(p)) return 'macro';
  if (/(^|\/)stories\//.test(p)) return 'story';
  if (/(^|\/)lookups\//.test(p)) return 'lookup';
  if (/(^|\/)data_sources\//.test(p)) return 'data_source';
  return 'other';
}

/** The paths that hold SPL for a content kind (drilldowns are expanded per list item). */
export function splPaths(parsed: ParsedYaml, kind: ContentKind): YamlPath[] {
  switch (kind) {
    case 'detection': {
      const paths: YamlPath[] = [['search']];
      const dd = findPath(parsed.doc, ['drilldown_searches']);
      if (isSeq(dd)) {
        dd.items.forEach((item, i) => {
          if (isMap(item)) paths.push(['drilldown_searches', i, 'search']);
        });
      }
      return paths;
    }
    case 'baseline':
      return [['search']];
    case 'macro':
      return [['definition']];
    default:
      return [];
  }
}

/**
 * All embedded SPL regions of a content file, in document order. Missing or non-string values are
 * skipped (schema checks report them). Empty strings are included.
 */
export function findEmbeddedSpl(text: string, parsed: ParsedYaml, kind: ContentKind): EmbeddedSpl[] {
  const out: EmbeddedSpl[] = [];
  for (const path of splPaths(parsed, kind)) {
    const node = findPath(parsed.doc, path);
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const mapped = mapScalarNode(text, node);
    if (mapped) out.push({ path: [...path], ...mapped });
  }
  return out.sort((a, b) => a.scalarRange.start - b.scalarRange.start);
}

export interface SplPosition {
  region: EmbeddedSpl;
  /** Offset into region.value. */
  valueOffset: number;
}

/**
 * Which embedded SPL region contains a document offset, and the value offset there. With the
 * default 'cursor' bias, the position right after the last SPL character still counts (for
 * completion); with 'char', only offsets on content characters do (for hover).
 */
export function splRegionAt(regions: readonly EmbeddedSpl[], offset: number, bias: ToValueBias = 'cursor'): SplPosition | undefined {
  for (const region of regions) {
    const v = region.map.toValue(offset, bias);
    if (v !== undefined) return { region, valueOffset: v };
  }
  return undefined;
}

/** Convenience for one-off lookups: parses `text` and finds the SPL region at `offset`. */
export function splRegionAtText(text: string, kind: ContentKind, offset: number, bias: ToValueBias = 'cursor'): SplPosition | undefined {
  const parsed = parseYaml(text);
  return splRegionAt(findEmbeddedSpl(text, parsed, kind), offset, bias);
}
