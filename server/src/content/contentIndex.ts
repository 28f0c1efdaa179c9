// The workspace index of one or more content repositories: macros by (name, argument count),
// stories, data sources, lookups, detections and baselines, each with where it is defined.
// Built at start (in slices, so a caller on an event loop is never blocked for long) and updated
// file by file as the editor or a watcher reports changes.
import * as fs from 'fs';
import { readContentFile } from './regularFile';
import * as path from 'path';
import {
  ContentEntry,
  DataSourceEntry,
  DetectionEntry,
  LookupEntry,
  MacroEntry,
  StoryEntry,
} from './entries';
import { ContentKind, contentRootOf, KIND_FOLDERS, kindOfRelativePath, listFiles } from './paths';
import { readEntries } from './readEntries';
import { generationEvidence, GenerationEvidence } from '../schema/generation';
import type { Generation } from '../schema/types';

/** A multimap from a name to the entries declaring it (several entries = a duplicate). */
class NameMap<E extends { name: string }> {
  private readonly map = new Map<string, E[]>();
  add(e: E): void {
    const list = this.map.get(e.name);
    if (list) list.push(e);
    else this.map.set(e.name, [e]);
  }
  remove(e: E): void {
    const list = this.map.get(e.name);
    if (!list) return;
    const i = list.indexOf(e);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.map.delete(e.name);
  }
  get(name: string): E[] {
    return this.map.get(name) ?? [];
  }
  first(name: string): E | undefined {
    return this.map.get(name)?.[0];
  }
  names(): IterableIterator<string> {
    return this.map.keys();
  }
  *all(): IterableIterator<E> {
    for (const list of this.map.values()) yield* list;
  }
  get size(): number {
    return this.map.size;
  }
}

/** See `ContentIndex.onFileIndexed`. */
export type FileListener = (file: string, kind: ContentKind | undefined, text: string | undefined) => void;

export interface IndexStats {
  files: number;
  macros: number;
  stories: number;
  dataSources: number;
  lookups: number;
  detections: number;
  baselines: number;
}

export class ContentIndex {
  readonly macros = new NameMap<MacroEntry>();
  readonly stories = new NameMap<StoryEntry>();
  readonly dataSources = new NameMap<DataSourceEntry>();
  readonly lookups = new NameMap<LookupEntry>();
  readonly detections = new NameMap<DetectionEntry>();
  readonly baselines = new NameMap<DetectionEntry>();
  private readonly byFile = new Map<string, ContentEntry[]>();
  /** Per file: schema-generation evidence (v4 `tags.risk_score` … vs v5 `rba:` …). */
  private readonly evidence = new Map<string, GenerationEvidence>();
  private changes = 0;
  private readonly generationCache = new Map<string, Generation>();
  private readonly rootSet = new Set<string>();
  private readonly fileListeners: FileListener[] = [];

  /**
   * Calls `listener` whenever a file's entries are (re)indexed — with the kind and the text read —
   * or removed (kind and text undefined). Derived per-file indexes (e.g. references) follow it.
   */
  onFileIndexed(listener: FileListener): void {
    this.fileListeners.push(listener);
  }

  /** Increases with every change, so derived data can be cached per version. */
  get version(): number {
    return this.changes;
  }

  get roots(): string[] {
    return [...this.rootSet];
  }

  /** Indexes every content file under the roots, synchronously. */
  buildSync(roots: string[], readText?: (file: string) => string | undefined): void {
    for (const file of this.collect(roots)) this.updateFile(file, readText?.(file));
  }

  /** Indexes every content file under the roots, yielding to the event loop between slices. */
  async build(roots: string[], sliceMs = 15): Promise<void> {
    const files = this.collect(roots);
    let sliceStart = Date.now();
    for (const file of files) {
      this.updateFile(file);
      if (Date.now() - sliceStart > sliceMs) {
        await new Promise((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
  }

  /** Adds, replaces or (when the file is gone) removes the entries of one file. */
  updateFile(file: string, text?: string): void {
    file = path.resolve(file);
    this.removeFile(file);
    const root = this.rootOf(file);
    if (!root) return;
    const kind = kindOfRelativePath(path.relative(root, file));
    if (!kind) return;
    if (text === undefined) {
      // Regular UTF-8 files only: a FIFO, device, broken link or Latin-1 file is not indexed
      // (`check` reports it on the file; see content/regularFile.ts).
      const read = readContentFile(root, file);
      if (!read.ok) return;
      text = read.text;
    }
    const entries = readEntries(kind, file, root, text);
    this.byFile.set(file, entries);
    this.evidence.set(file, generationEvidence(path.relative(root, file), text));
    this.changes++;
    for (const e of entries) this.mapFor(e).add(e as never);
    for (const l of this.fileListeners) l(file, kind, text);
  }

  removeFile(file: string): void {
    file = path.resolve(file);
    const old = this.byFile.get(file);
    if (!old) return;
    for (const e of old) this.mapFor(e).remove(e as never);
    this.byFile.delete(file);
    this.evidence.delete(file);
    this.changes++;
    for (const l of this.fileListeners) l(file, undefined, undefined);
  }

  /** Re-reads lookups whose CSV is `csvFile` (after the CSV changed). */
  updateCsv(csvFile: string): void {
    const dir = path.dirname(path.resolve(csvFile));
    for (const [file, entries] of [...this.byFile]) {
      if (path.dirname(file) === dir && entries.some((e) => e.kind === 'lookup')) this.updateFile(file);
    }
  }

  /**
   * The content format generation of the repository holding `root` (all roots when omitted), by
   * majority of the files' evidence; no evidence → 'v5' (current contentctl).
   */
  generation(root?: string): Generation {
    const key = `${this.changes}|${root ?? ''}`;
    const cached = this.generationCache.get(key);
    if (cached) return cached;
    let v4 = 0;
    let v5 = 0;
    for (const [file, e] of this.evidence) {
      if (root && !file.startsWith(root + path.sep)) continue;
      v4 += e.v4;
      v5 += e.v5;
    }
    const result: Generation = v4 > v5 ? 'v4' : 'v5';
    if (this.generationCache.size > 16) this.generationCache.clear();
    this.generationCache.set(key, result);
    return result;
  }

  /** Every entry of every kind. */
  *allEntries(): IterableIterator<ContentEntry> {
    for (const list of this.byFile.values()) yield* list;
  }

  /** The content root a file belongs to. */
  rootFor(file: string): string | undefined {
    return this.rootOf(path.resolve(file));
  }

  entriesOf(file: string): ContentEntry[] {
    return this.byFile.get(path.resolve(file)) ?? [];
  }

  /** A repository macro by name and argument count. */
  macro(name: string, argCount: number): MacroEntry | undefined {
    return this.macros.get(name).find((m) => m.args.length === argCount);
  }

  /** Argument counts a macro is defined with; undefined when no repository file defines it. */
  macroArgCounts(name: string): number[] | undefined {
    const list = this.macros.get(name);
    return list.length ? [...new Set(list.map((m) => m.args.length))] : undefined;
  }

  /** Finds a lookup by its name, or by the CSV file name (`x.csv`) it is stored in. */
  lookup(nameOrFile: string): LookupEntry | undefined {
    const direct = this.lookups.first(nameOrFile);
    if (direct) return direct;
    for (const l of this.lookups.all()) if (l.filename === nameOrFile) return l;
    return undefined;
  }

  stats(): IndexStats {
    const count = (m: NameMap<{ name: string }>) => [...m.all()].length;
    return {
      files: this.byFile.size,
      macros: count(this.macros),
      stories: count(this.stories),
      dataSources: count(this.dataSources),
      lookups: count(this.lookups),
      detections: count(this.detections),
      baselines: count(this.baselines),
    };
  }

  private collect(roots: string[]): string[] {
    const files: string[] = [];
    for (const r of roots) {
      const root = path.resolve(r);
      this.rootSet.add(root);
      for (const folder of Object.values(KIND_FOLDERS)) {
        files.push(...listFiles(path.join(root, folder), /\.ya?ml$/i));
      }
    }
    return files;
  }

  private rootOf(file: string): string | undefined {
    let best: string | undefined;
    for (const r of this.rootSet) {
      if (file.startsWith(r + path.sep) && (!best || r.length > best.length)) best = r;
    }
    return best ?? contentRootOf(file);
  }

  private mapFor(e: ContentEntry): NameMap<{ name: string }> {
    switch (e.kind) {
      case 'macro':
        return this.macros;
      case 'story':
        return this.stories;
      case 'data_source':
        return this.dataSources;
      case 'lookup':
        return this.lookups;
      case 'detection':
        return this.detections;
      case 'baseline':
        return this.baselines;
    }
  }
}
