// The standard set of diagnostic providers, shared by the language server and the CLI.
import type { ContentIndex } from '../content';
import type { Generation } from '../schema/types';
import { DiagnosticProvider, schemaDiagnostics, splDiagnostics } from './diagnose';
import { SchemaContextOptions } from './schemaContext';
import { splAnalysisContext } from './splContext';

export function standardProviders(
  index: ContentIndex,
  generation: () => 'auto' | Generation,
  context?: SchemaContextOptions,
): DiagnosticProvider[] {
  // YAML syntax errors of content files are reported by the schema checker (which also knows
  // the PyYAML leniencies real content relies on); .spl files have no YAML.
  return [
    splDiagnostics(() => splAnalysisContext(index)),
    schemaDiagnostics({ index, generation, context }),
  ];
}
