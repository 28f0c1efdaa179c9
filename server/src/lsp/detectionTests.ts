// The requests behind the editor's Test Explorer:
// - `detectionWorkbench/detectionTests`: the detections with `tests:` in the content roots (or one
//   file), each test with the range of its `tests:` entry. Files are parsed when asked, and the
//   answer per file is cached by its text, so a second discovery costs no parsing.
// - `detectionWorkbench/runTest`: runs one detection test locally (the preview's run: `planRun` and
//   the engine worker) and judges it with contentctl's pass rule (analysis/detectionTestRun.ts, the
//   same module as the CLI's `test` command).
import * as fs from 'fs';
import * as path from 'path';
import { CancellationToken, Connection, ProtocolRequestType, Range, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { runDetectionTest, type TestStatus } from '../analysis/detectionTestRun';
import { detectionNameOf, detectionTestsOf } from '../analysis/detectionTests';
import { createDocumentModel, type DocumentModel } from '../analysis/documentModel';
import { pathToUri, toLspRange, uriToPath } from './convert';
import { lookupSourcesOf, type ServerSettings } from './settings';
import type { Workspace } from './workspace';
import { abortOn } from './abortOn';

export const DETECTION_TESTS_REQUEST = 'detectionWorkbench/detectionTests';
export const RUN_TEST_REQUEST = 'detectionWorkbench/runTest';

export interface DetectionTestsParams {
  /** One detection file; default: every detection in the content roots. */
  uri?: string;
}

export interface DetectionWithTests {
  uri: string;
  name: string;
  /** The content root holding the detection. */
  rootUri: string;
  /** Folder of the file relative to the root, with `/` (`detections/endpoint`). */
  folder: string;
  tests: { index: number; name: string; range: Range }[];
}

export interface RunTestParams {
  uri: string;
  testIndex: number;
  attackDataDir?: string;
  timeoutMs?: number;
}

export interface RunTestResult {
  status: TestStatus;
  rows: number;
  ms: number;
  reason?: string;
  /** Where the failure is in the detection file (stage, failing command or risk field). */
  location?: Range;
  stage?: { index?: number; command?: string };
  missingFields?: string[];
  lookedFor?: string;
}

export const DetectionTestsRequest = new ProtocolRequestType<DetectionTestsParams, DetectionWithTests[], void, void, void>(DETECTION_TESTS_REQUEST);
export const RunTestRequest = new ProtocolRequestType<RunTestParams, RunTestResult, void, void, void>(RUN_TEST_REQUEST);

/** The text of a file: the open editor's, else what is on disk. */
type TextOf = (file: string) => string | undefined;

export class DetectionTestCatalog {
  private readonly cache = new Map<string, { text: string; entry: DetectionWithTests | undefined }>();

  constructor(
    private readonly workspace: Workspace,
    private readonly textOf: TextOf,
  ) {}

  private entryFor(file: string, root: string): DetectionWithTests | undefined {
    const text = this.textOf(file);
    if (text === undefined) {
      this.cache.delete(file);
      return undefined;
    }
    const cached = this.cache.get(file);
    if (cached && cached.text === text) return cached.entry;
    const model = createDocumentModel(file, text);
    const tests = detectionTestsOf(model);
    const entry = tests.length
      ? {
          uri: pathToUri(file),
          name: detectionNameOf(model),
          rootUri: pathToUri(root),
          folder: path.relative(root, path.dirname(file)).split(path.sep).join('/'),
          tests: tests.map((t) => ({ index: t.index, name: t.name, range: toLspRange(model.lineIndex, t.range) })),
        }
      : undefined;
    this.cache.set(file, { text, entry });
    return entry;
  }

  /**
   * The detections with tests. Parsing a large repository takes a while (1509 of security_content's
   * detections: about 1–3 s), so the work yields to other requests every `sliceMs`.
   */
  async list(params: DetectionTestsParams, sliceMs = 20): Promise<DetectionWithTests[]> {
    const index = this.workspace.index;
    const files = params.uri
      ? [uriToPath(params.uri)]
      : [...new Set([...index.allEntries()].filter((e) => e.kind === 'detection').map((e) => e.file))].sort();
    const out: DetectionWithTests[] = [];
    let slice = performance.now();
    for (const file of files) {
      if (performance.now() - slice > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      const root = index.rootFor(file);
      if (!root) continue;
      const entry = this.entryFor(file, root);
      if (entry) out.push(entry);
    }
    if (!params.uri) {
      const listed = new Set(files);
      for (const file of [...this.cache.keys()]) if (!listed.has(file)) this.cache.delete(file);
    }
    return out;
  }
}

export function readTextOf(openText: (uri: string) => string | undefined): TextOf {
  return (file) => {
    const open = openText(pathToUri(file));
    if (open !== undefined) return open;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
}

export async function runTest(
  params: RunTestParams,
  model: DocumentModel,
  workspace: Workspace,
  settings: ServerSettings,
  token: CancellationToken,
): Promise<RunTestResult> {
  const test = detectionTestsOf(model).find((t) => t.index === params.testIndex);
  if (!test) {
    return { status: 'fail', rows: 0, ms: 0, reason: `${path.basename(model.file)} has no tests[${params.testIndex}] (was the file edited?)` };
  }
  const abort = abortOn(token);
  try {
    const o = await runDetectionTest(model, test, workspace.index, {
      attackDataDir: params.attackDataDir ?? (settings.attackDataDir || undefined),
      addonDirs: settings.addonDirs,
      tz: settings.timezone,
      lookupSources: lookupSourcesOf(settings, workspace.openedFolders()),
      timeoutMs: params.timeoutMs,
      signal: abort.signal,
    });
    return {
      status: o.status,
      rows: o.rows,
      ms: o.ms,
      reason: o.reason,
      location: o.stage?.range ? toLspRange(model.lineIndex, o.stage.range) : undefined,
      stage: o.stage && (o.stage.command !== undefined || o.stage.index !== undefined) ? { index: o.stage.index, command: o.stage.command } : undefined,
      missingFields: o.missingFields,
      lookedFor: o.lookedFor,
    };
  } finally {
    abort.dispose();
  }
}

/** Registers both requests on the connection (one call from session.ts). */
export function registerDetectionTests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  settings: () => ServerSettings,
): void {
  const catalog = new DetectionTestCatalog(workspace, readTextOf((uri) => documents.get(uri)?.getText()));
  connection.onRequest(DetectionTestsRequest, async (params) => {
    await workspace.whenIndexed();
    return catalog.list(params ?? {});
  });
  connection.onRequest(RunTestRequest, async (params, token) => {
    await workspace.whenIndexed();
    const doc = documents.get(params.uri);
    const file = uriToPath(params.uri);
    let model: DocumentModel;
    if (doc) model = workspace.model(doc);
    else {
      const text = readTextOf(() => undefined)(file);
      if (text === undefined) return { status: 'fail', rows: 0, ms: 0, reason: `cannot read ${file}` };
      model = createDocumentModel(file, text);
    }
    return runTest(params, model, workspace, settings(), token);
  });
}
