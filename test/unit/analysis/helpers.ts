import * as path from 'path';
import { ContentIndex } from '../../../server/src/content';
import { createDocumentModel, DocumentModel } from '../../../server/src/analysis/documentModel';

export const EXAMPLES = path.resolve(__dirname, '../../../examples');
/** Where a detection being edited lives (the file need not exist). */
export const DETECTION_FILE = path.join(EXAMPLES, 'detections', 'endpoint', 'suspicious_encoded_thing.yml');
export const SPL_FILE = path.join(EXAMPLES, 'searches', 'scratch.spl');

/** The cursor marker in test texts. */
export const CURSOR = '‸';

let shared: ContentIndex | undefined;
export function examplesIndex(): ContentIndex {
  if (!shared) {
    shared = new ContentIndex();
    shared.buildSync([EXAMPLES]);
  }
  return shared;
}

/** A document model for `textWithCursor` (the `‸` marker removed) and the cursor's document offset. */
export function docAt(file: string, textWithCursor: string): { model: DocumentModel; offset: number; text: string } {
  const offset = textWithCursor.indexOf(CURSOR);
  if (offset < 0) throw new Error('no cursor marker');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + CURSOR.length);
  return { model: createDocumentModel(file, text), offset, text };
}

export function splAt(textWithCursor: string) {
  return docAt(SPL_FILE, textWithCursor);
}

/** A detection YAML around `search`, written as a single-quoted scalar (quotes doubled). */
export function detectionYaml(searchLines: string[], dataSources = ['Sysmon EventID 1']): string {
  return [
    'name: Suspicious Encoded Thing',
    'id: 0b0a5f6e-1111-4c2d-9e3f-123456789abc',
    'data_source:',
    ...dataSources.map((d) => `- ${d}`),
    `search: '${searchLines.join('\n  ')}'`,
    'how_to_implement: x',
    '',
  ].join('\n');
}
