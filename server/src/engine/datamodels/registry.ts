// The set of data models known to the engine (the bundled CIM models plus any supplied ones),
// with `Model.Object` resolution and field lists for completion.
import type { DataModel, ResolvedObject } from './model';
import { lineageOf, resolveObject } from './model';
import { BUNDLED_DATA_MODELS } from './bundled';

export interface DataModelRegistry {
  get(modelName: string): DataModel | undefined;
  names(): string[];
  /** Resolves `Model`, `Model.Object` or `Model.Root.Child` (the last segment names the object). */
  resolve(spec: string): ResolvedObject | undefined;
}

export function createDataModelRegistry(models: DataModel[] = BUNDLED_DATA_MODELS): DataModelRegistry {
  const byName = new Map<string, DataModel>();
  for (const m of models) byName.set(m.modelName, m);
  const lower = new Map<string, DataModel>();
  for (const m of models) lower.set(m.modelName.toLowerCase(), m);
  return {
    get: (n) => byName.get(n) ?? lower.get(n.toLowerCase()),
    names: () => [...byName.keys()].sort(),
    resolve(spec: string) {
      const parts = spec.replace(/^["']|["']$/g, '').split(/[.:]/).filter((p) => p.length > 0);
      if (parts.length === 0) return undefined;
      const model = byName.get(parts[0]) ?? lower.get(parts[0].toLowerCase());
      if (!model) return undefined;
      return resolveObject(model, parts.length > 1 ? parts[parts.length - 1] : undefined);
    },
  };
}

let defaultRegistry: DataModelRegistry | undefined;
export function defaultDataModels(): DataModelRegistry {
  return (defaultRegistry ??= createDataModelRegistry());
}

/**
 * Data model field names for completion, as tstats references them: `Object.field` for the root
 * object's fields and `Root.Child.field` for child objects. `name` is `Model` or `Model.Object`.
 */
export function dataModelFields(name: string, registry: DataModelRegistry = defaultDataModels()): string[] {
  const parts = name.split('.');
  const model = registry.get(parts[0]);
  if (!model) return [];
  const objects = parts.length > 1 ? model.objects.filter((o) => o.objectName === parts[parts.length - 1]) : model.objects;
  const out = new Set<string>();
  for (const obj of objects) {
    const chain = lineageOf(model, obj);
    for (let i = 0; i < chain.length; i++) {
      const prefix = chain.slice(0, i + 1).map((o) => o.objectName).join('.');
      for (const f of chain[i].fields) out.add(`${prefix}.${f.fieldName}`);
      for (const c of chain[i].calculations) for (const f of c.outputFields) out.add(`${prefix}.${f.fieldName}`);
    }
  }
  return [...out].sort();
}
