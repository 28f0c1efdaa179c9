// CIM data models in Splunk's data model JSON format (the subset the engine reads).

export interface DataModelField {
  fieldName: string;
  type?: string;
  displayName?: string;
  required?: boolean;
  multivalue?: boolean;
  hidden?: boolean;
  comment?: string;
}

export interface DataModelCalculation {
  calculationType: 'Eval' | 'Lookup' | 'Rex' | 'GeoIP';
  calculationID?: string;
  expression?: string;
  inputField?: string;
  outputFields: DataModelField[];
}

export interface DataModelObject {
  objectName: string;
  displayName?: string;
  /** `BaseEvent` for root objects, else the parent object's name. */
  parentName: string;
  constraints: { search: string }[];
  fields: DataModelField[];
  calculations: DataModelCalculation[];
  comment?: string;
}

export interface DataModel {
  modelName: string;
  displayName?: string;
  description?: string;
  objects: DataModelObject[];
}

/** An object with its lineage resolved. */
export interface ResolvedObject {
  model: DataModel;
  object: DataModelObject;
  /** Root-to-object chain (the object last). */
  chain: DataModelObject[];
  /** `Root.Child.Object` — the prefix of the object's own fields. */
  lineage: string;
}

export function lineageOf(model: DataModel, obj: DataModelObject): DataModelObject[] {
  const chain: DataModelObject[] = [obj];
  let cur = obj;
  const seen = new Set<string>([obj.objectName]);
  while (cur.parentName && cur.parentName !== 'BaseEvent' && cur.parentName !== 'BaseSearch') {
    const parent = model.objects.find((o) => o.objectName === cur.parentName);
    if (!parent || seen.has(parent.objectName)) break;
    seen.add(parent.objectName);
    chain.unshift(parent);
    cur = parent;
  }
  return chain;
}

export function resolveObject(model: DataModel, objectName: string | undefined): ResolvedObject | undefined {
  const obj = objectName === undefined
    ? model.objects.find((o) => o.parentName === 'BaseEvent' || o.parentName === 'BaseSearch')
    : model.objects.find((o) => o.objectName === objectName);
  if (!obj) return undefined;
  const chain = lineageOf(model, obj);
  return { model, object: obj, chain, lineage: chain.map((o) => o.objectName).join('.') };
}
