// The `tests:` entries of a detection, with where each one is in the file, and whether contentctl
// would run them at all. Shared by the CLI's `test` command and the editor's test discovery.
import { isMap, isScalar, isSeq } from 'yaml';
import { findPath, nodeRange, type OffsetRange } from '../yaml';
import type { DocumentModel } from './documentModel';

export interface DetectionTestEntry {
  /** Position in `tests:` (0-based); `planRun`'s `testIndex`. */
  index: number;
  /** The test's `name:` (or "test N" when it has none). */
  name: string;
  /** The whole `tests:` item in the document (offsets). */
  range: OffsetRange;
  /** Number of `attack_data` items. */
  attackData: number;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** The detection's `tests:` entries, in order; [] when it has none (or is not a detection). */
export function detectionTestsOf(model: DocumentModel): DetectionTestEntry[] {
  if (model.kind !== 'detection' || !model.yaml) return [];
  const tests = findPath(model.yaml.doc, ['tests']);
  if (!isSeq(tests)) return [];
  const out: DetectionTestEntry[] = [];
  tests.items.forEach((item, index) => {
    const range = nodeRange(item);
    if (!range) return;
    const name = isMap(item) ? scalarText(item.get('name', true)) : undefined;
    const data = isMap(item) ? item.get('attack_data', true) : undefined;
    out.push({ index, name: name ?? `test ${index + 1}`, range, attackData: isSeq(data) ? data.items.length : 0 });
  });
  return out;
}

/** The detection's `name:` (falls back to the file name). */
export function detectionNameOf(model: DocumentModel): string {
  const n = model.yaml ? scalarText(findPath(model.yaml.doc, ['name'])) : undefined;
  return n ?? model.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
}

/**
 * Why contentctl would skip this detection's tests, or undefined when it runs them. contentctl
 * (`objects/detection_abstract.py`, see ../shared/notes/detection-schema.md rules R-TEST and
 * R-MANUAL): tests of a detection whose status is not `production`, or whose type is
 * `Correlation`, are skipped; with `tags.manual_test` set every test is a manual test and skipped.
 */
export function contentctlSkipReason(model: DocumentModel): string | undefined {
  if (!model.yaml) return undefined;
  const doc = model.yaml.doc;
  const manual = scalarText(findPath(doc, ['tags', 'manual_test']));
  if (manual) return `tags.manual_test is set ("${manual.slice(0, 80)}"): contentctl treats its tests as manual tests`;
  const status = scalarText(findPath(doc, ['status']));
  if (status !== undefined && status !== 'production') return `status is ${status}: contentctl only tests production detections`;
  const type = scalarText(findPath(doc, ['type']));
  if (type === 'Correlation') return 'type is Correlation: contentctl does not test correlation searches';
  return undefined;
}

/**
 * Where a risk field is declared: the `field:` of a v5 `rba.risk_objects` / `rba.threat_objects`
 * item, or the `name:` of a v4 `tags.observable` item (offsets of the value), when the field is one.
 */
export function riskFieldRange(model: DocumentModel, field: string): OffsetRange | undefined {
  if (!model.yaml) return undefined;
  const places: [(string | number)[], string][] = [
    [['rba', 'risk_objects'], 'field'],
    [['rba', 'threat_objects'], 'field'],
    [['tags', 'observable'], 'name'],
  ];
  for (const [where, key] of places) {
    const list = findPath(model.yaml.doc, where);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const value = isMap(item) ? item.get(key, true) : undefined;
      if (scalarText(value) === field) return nodeRange(value);
    }
  }
  return undefined;
}
