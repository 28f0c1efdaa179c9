// An open file as the language features see it: its kind, its YAML tree (for content files) and
// the SPL regions it holds, each with an exact map between SPL offsets and document offsets.
// Built once per document version; SPL is parsed lazily.
import * as path from 'path';
import { ContentKind, contentRootOf, kindOfRelativePath } from '../content';
import { parseSpl } from '../spl/parse';
import type { Pipeline, Range } from '../spl/ast';
import { parseYaml as parseContentYaml, type ParsedYaml as ContentYaml } from '../schema/yamlSource';
import { EmbeddedSpl, findEmbeddedSpl, LineIndex, ParsedYaml, parseYaml } from '../yaml';

export type DocumentKind = ContentKind | 'spl' | 'other';

/** SPL inside a document: the whole of a `.spl` file, or one YAML scalar. */
export class SplRegion {
  private parsed?: Pipeline;

  constructor(
    /** The SPL text (the scalar's value). */
    readonly text: string,
    /** YAML path of the scalar (`['search']`, `['drilldown_searches', 0, 'search']`), [] for .spl files. */
    readonly yamlPath: (string | number)[],
    private readonly embedded?: EmbeddedSpl,
  ) {}

  get pipeline(): Pipeline {
    return (this.parsed ??= parseSpl(this.text));
  }

  /** The YAML scalar style holding the SPL (undefined for .spl files). */
  get style(): EmbeddedSpl['style'] | undefined {
    return this.embedded?.style;
  }

  /** The scalar's whole source (quotes or block header included); the text for .spl files. */
  get scalarRange(): Range {
    return this.embedded ? this.embedded.scalarRange : { start: 0, end: this.text.length };
  }

  /** Is this the detection's (or baseline's) main search? */
  get isMainSearch(): boolean {
    return this.yamlPath.length === 1 && this.yamlPath[0] === 'search';
  }

  toDocument(offset: number): number {
    return this.embedded ? this.embedded.map.toDocument(offset) : offset;
  }

  toDocumentRange(r: Range): Range {
    return this.embedded ? this.embedded.map.toDocumentRange(r) : { start: r.start, end: r.end };
  }

  /** SPL offset for a document offset ('cursor': a position between characters, e.g. for completion). */
  toSpl(docOffset: number, bias: 'char' | 'cursor' = 'cursor'): number | undefined {
    if (!this.embedded) return docOffset >= 0 && docOffset <= this.text.length ? docOffset : undefined;
    return this.embedded.map.toValue(docOffset, bias);
  }
}

export class DocumentModel {
  readonly lineIndex: LineIndex;
  readonly yaml?: ParsedYaml;
  /** The schema checker's parse (YAML 1.1 like PyYAML, with its leniency repairs). */
  readonly contentYaml?: ContentYaml;
  readonly regions: SplRegion[];

  constructor(
    /** Absolute file path (may not exist on disk for unsaved documents). */
    readonly file: string,
    readonly text: string,
    readonly kind: DocumentKind,
  ) {
    this.lineIndex = new LineIndex(text);
    if (kind === 'spl') {
      this.regions = [new SplRegion(text, [])];
    } else if (kind === 'other') {
      this.regions = [];
    } else {
      // One parse serves the schema checker and the SPL regions; a file that needed the
      // PyYAML-leniency repair is parsed again as written, for exact offsets.
      this.contentYaml = parseContentYaml(text);
      const reuse = this.contentYaml.doc && this.contentYaml.text === text;
      this.yaml = reuse ? { text, doc: this.contentYaml.doc!, errors: [], lineIndex: this.lineIndex } : parseYaml(text);
      const embeddedKind = kind === 'detection' || kind === 'baseline' || kind === 'macro' ? kind : 'other';
      this.regions = findEmbeddedSpl(text, this.yaml, embeddedKind).map((e) => new SplRegion(e.value, e.path, e));
    }
  }

  /** The SPL region holding a document offset, and the SPL offset there. */
  splAt(docOffset: number, bias: 'char' | 'cursor' = 'cursor'): { region: SplRegion; offset: number } | undefined {
    for (const region of this.regions) {
      const offset = region.toSpl(docOffset, bias);
      if (offset !== undefined) return { region, offset };
    }
    return undefined;
  }

  /** The detection's main search region, if any. */
  get mainSearch(): SplRegion | undefined {
    return this.regions.find((r) => r.isMainSearch);
  }
}

/** Decides what a file is from its name and place in a content repository. */
export function documentKindOf(file: string, languageId?: string): DocumentKind {
  if (languageId === 'spl' || /\.(spl|splunk)$/i.test(file)) return 'spl';
  const root = contentRootOf(file);
  if (!root) return 'other';
  return kindOfRelativePath(path.relative(root, file)) ?? 'other';
}

export function createDocumentModel(file: string, text: string, languageId?: string): DocumentModel {
  return new DocumentModel(file, text, documentKindOf(file, languageId));
}
