// The reverse index of the content index: per file, the names it declares and uses (with exact
// ranges), and per name, the files using it. Follows the content index file by file (initial
// build, watched-file changes and open-document edits all go through `ContentIndex.updateFile`).
import type { ContentIndex, ContentKind } from '../content';
import { DocumentModel } from './documentModel';
import { fileSites, FileSites, NameSite, SymbolKind } from './contentUses';

/** A macro (by name and argument count), lookup, story or data source. */
export interface SymbolRef {
  kind: SymbolKind;
  name: string;
  /** Macros: which definition (Splunk tells `m` and `m(1)` apart by argument count). */
  argCount?: number;
}

export interface FileSite extends NameSite {
  file: string;
}

const key = (kind: SymbolKind, name: string) => `${kind}\u0000${name}`;

export class ReferenceIndex {
  private readonly byFile = new Map<string, FileSites>();
  /** kind+name as written → files with a use or a declaration of it. */
  private readonly filesByName = new Map<string, Set<string>>();

  /** Files indexed (or changed) but not yet read for names: read on the next query or by `warmUp`. */
  private readonly pending = new Map<string, { kind: ContentKind; text: string }>();

  constructor(private readonly index: ContentIndex) {
    index.onFileIndexed((file, kind, text) => {
      this.remove(file);
      if (kind && text !== undefined) this.pending.set(file, { kind, text });
    });
  }

  /** Reads the pending files in slices, yielding to the event loop (after the initial indexing). */
  async warmUp(sliceMs = 15): Promise<void> {
    let sliceStart = Date.now();
    for (const file of [...this.pending.keys()]) {
      this.read(file);
      if (Date.now() - sliceStart > sliceMs) {
        await new Promise((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
  }

  /** Declarations and uses of an indexed file. */
  sitesOf(file: string): FileSites | undefined {
    this.read(file);
    return this.byFile.get(file);
  }

  /** Files indexed here. */
  get fileCount(): number {
    this.readAll();
    return this.byFile.size;
  }

  /** The name a use refers to: a lookup written as its CSV file name is the lookup's name. */
  canonical(site: { kind: SymbolKind; name: string; argCount?: number }): SymbolRef {
    if (site.kind === 'lookup') {
      const l = this.index.lookup(site.name);
      return { kind: 'lookup', name: l ? l.name : site.name };
    }
    return site.kind === 'macro' ? { kind: 'macro', name: site.name, argCount: site.argCount ?? 0 } : { kind: site.kind, name: site.name };
  }

  /** Every use of a symbol, by file and position. */
  uses(sym: SymbolRef): FileSite[] {
    return this.collect(sym, (s) => s.uses);
  }

  /** Every file declaring the symbol (more than one: a duplicate). */
  declarations(sym: SymbolRef): FileSite[] {
    return this.collect(sym, (s) => (s.declaration ? [s.declaration] : []));
  }

  /**
   * Uses of the symbol in a document the index does not hold (an open .spl file), to add to
   * `uses()`; none for an indexed file (its uses are already there).
   */
  unindexedUses(sym: SymbolRef, file: string, sites: FileSites): FileSite[] {
    if (this.byFile.has(file) || this.pending.has(file)) return [];
    const written = this.writtenNames(sym);
    return sites.uses.filter((s) => this.matches(sym, written, s)).map((s) => ({ ...s, file }));
  }

  /** The ways a symbol is written: a lookup also by its CSV file name. */
  private writtenNames(sym: SymbolRef): string[] {
    const written = [sym.name];
    if (sym.kind === 'lookup') {
      for (const l of this.index.lookups.get(sym.name)) if (l.filename && l.filename !== sym.name) written.push(l.filename);
    }
    return written;
  }

  private matches(sym: SymbolRef, written: string[], s: NameSite): boolean {
    return s.kind === sym.kind && written.includes(s.name) && (sym.argCount === undefined || (s.argCount ?? 0) === sym.argCount);
  }

  private collect(sym: SymbolRef, pick: (s: FileSites) => NameSite[]): FileSite[] {
    this.readAll();
    const written = this.writtenNames(sym);
    const files = new Set<string>();
    for (const w of written) for (const f of this.filesByName.get(key(sym.kind, w)) ?? []) files.add(f);
    const out: FileSite[] = [];
    for (const file of [...files].sort()) {
      for (const s of pick(this.byFile.get(file)!)) if (this.matches(sym, written, s)) out.push({ ...s, file });
    }
    return out;
  }

  private readAll(): void {
    for (const file of [...this.pending.keys()]) this.read(file);
  }

  /** Reads a pending file's names. */
  private read(file: string): void {
    const p = this.pending.get(file);
    if (!p) return;
    this.pending.delete(file);
    const sites = fileSites(new DocumentModel(file, p.text, p.kind));
    this.byFile.set(file, sites);
    for (const s of allSites(sites)) {
      const k = key(s.kind, s.name);
      let set = this.filesByName.get(k);
      if (!set) this.filesByName.set(k, (set = new Set()));
      set.add(file);
    }
  }

  private remove(file: string): void {
    this.pending.delete(file);
    const old = this.byFile.get(file);
    if (!old) return;
    for (const s of allSites(old)) this.filesByName.get(key(s.kind, s.name))?.delete(file);
    this.byFile.delete(file);
  }
}

function allSites(s: FileSites): NameSite[] {
  return s.declaration ? [s.declaration, ...s.uses] : s.uses;
}
