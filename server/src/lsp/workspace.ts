// The server's view of the workspace: content roots, the content index (built in the background
// at start, updated from file events and open documents), and the models of open documents.
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDocumentModel, DocumentModel } from '../analysis/documentModel';
import { ReferenceIndex } from '../analysis/referenceIndex';
import { TokenContext } from '../analysis/semanticTokens';
import { ContentIndex, findContentRoots } from '../content';
import { builtinMacro } from '../spl/builtinMacros';
import { uriToPath } from './convert';

export interface WorkspaceSettings {
  contentRoots: string[];
}

export class Workspace {
  readonly index = new ContentIndex();
  /** Who names what, per file: follows the index (references, rename, code lens). */
  readonly references = new ReferenceIndex(this.index);
  private readonly models = new Map<string, { doc: TextDocument; version: number; model: DocumentModel }>();
  private started!: () => void;
  /** Settles when the first indexing (started by `start`) is complete. */
  private indexing: Promise<void> = new Promise((resolve) => (this.started = resolve));
  roots: string[] = [];
  /** The workspace folders (the opened folders, with `roots`). */
  folders: string[] = [];

  /** Starts indexing the content roots found in (or below) the workspace folders. */
  start(folders: string[], settings: Partial<WorkspaceSettings> = {}): Promise<void> {
    const roots = new Set<string>();
    this.folders = [...folders];
    for (const f of [...folders, ...(settings.contentRoots ?? [])]) {
      for (const r of findContentRoots(f)) roots.add(r);
    }
    this.roots = [...roots];
    const done = this.index.build(this.roots);
    done.then(this.started, this.started);
    // The reference index reads the files' names after the first indexing, in the background.
    done.then(() => this.references.warmUp()).catch(() => undefined);
    this.indexing = done;
    return done;
  }

  /** What the semantic-token classifier needs to know about macros. */
  readonly tokenContext: TokenContext = {
    macroKind: (name, argCount) =>
      this.index.macro(name, argCount) ? 'repo' : builtinMacro(name, argCount) ? 'builtin' : undefined,
  };

  /** The folders the user opened: workspace folders and content roots (settings' files must be inside one). */
  openedFolders(): string[] {
    return [...new Set([...this.folders, ...this.roots])];
  }

  /** Resolves when the initial index is complete. */
  whenIndexed(): Promise<void> {
    return this.indexing;
  }

  /** The analysis model of an open document, cached by version. */
  model(doc: TextDocument): DocumentModel {
    const cached = this.models.get(doc.uri);
    if (cached && cached.doc === doc && cached.version === doc.version) return cached.model;
    const model = createDocumentModel(uriToPath(doc.uri), doc.getText(), doc.languageId);
    this.models.set(doc.uri, { doc, version: doc.version, model });
    return model;
  }

  /** An open document changed: its entries in the index follow the editor's text. */
  documentChanged(doc: TextDocument): void {
    const file = uriToPath(doc.uri);
    if (/\.ya?ml$/i.test(file)) this.index.updateFile(file, doc.getText());
  }

  documentClosed(uri: string): void {
    this.models.delete(uri);
    // Back to what is on disk (the editor may have discarded changes).
    const file = uriToPath(uri);
    if (/\.ya?ml$/i.test(file)) this.index.updateFile(file);
  }

  /** A watched file was created, changed or deleted on disk. */
  fileChanged(file: string): void {
    if (/\.csv$/i.test(file)) this.index.updateCsv(file);
    else if (/\.ya?ml$/i.test(file)) this.index.updateFile(path.resolve(file));
  }
}
