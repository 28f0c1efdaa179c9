// What SPL analysis needs from the content index, derived once per index version: a macro
// resolver (repository macros first, then built-ins) and the known macros, lookups and
// data-model fields for diagnostics.
import type { ContentIndex } from '../content';
import { defaultDataModels } from '../engine/datamodels';
import { withBuiltinMacros } from '../spl/builtinMacros';
import type { SplAnalysisContext } from '../spl/diagnostics';
import type { MacroDefinition, MacroResolver } from '../spl/expand';

/** Resolves macros from the index (with file and offset), falling back to the built-ins. */
export function macroResolver(index: ContentIndex): MacroResolver {
  return withBuiltinMacros((name, argCount): MacroDefinition | undefined => {
    const m = index.macro(name, argCount);
    return m && { name: m.name, args: m.args, definition: m.definition, file: m.file, offset: m.offset };
  });
}

let dataModelFieldsCache: Map<string, Set<string>> | undefined;

/** Data-model object name → its fields (`Processes` → {`process_name`, …}), from the bundled CIM models. */
export function dataModelObjectFields(): Map<string, Set<string>> {
  if (dataModelFieldsCache) return dataModelFieldsCache;
  const out = new Map<string, Set<string>>();
  const registry = defaultDataModels();
  for (const model of registry.names().map((n) => registry.get(n)!)) {
    for (const obj of model.objects) {
      const set = out.get(obj.objectName) ?? new Set<string>();
      for (const f of obj.fields) set.add(f.fieldName);
      for (const c of obj.calculations) for (const f of c.outputFields) set.add(f.fieldName);
      out.set(obj.objectName, set);
    }
  }
  return (dataModelFieldsCache = out);
}

const contexts = new WeakMap<ContentIndex, { version: number; ctx: SplAnalysisContext }>();

export function splAnalysisContext(index: ContentIndex): SplAnalysisContext {
  const cached = contexts.get(index);
  if (cached && cached.version === index.version) return cached.ctx;
  const macros = new Map<string, number[]>();
  for (const name of index.macros.names()) macros.set(name, index.macroArgCounts(name) ?? []);
  const lookups = new Set<string>();
  for (const l of index.lookups.all()) {
    lookups.add(l.name);
    if (l.filename) lookups.add(l.filename);
  }
  const ctx: SplAnalysisContext = {
    macros,
    lookups: index.lookups.size ? lookups : undefined,
    dataModelFields: dataModelObjectFields(),
  };
  contexts.set(index, { version: index.version, ctx });
  return ctx;
}
