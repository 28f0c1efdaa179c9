export { createDataModelRegistry, defaultDataModels, dataModelFields, type DataModelRegistry } from './registry';
export { compileDataset, type CompiledDataset } from './dataset';
export type { DataModel, DataModelObject, DataModelField, DataModelCalculation, ResolvedObject } from './model';
export { BUNDLED_DATA_MODELS } from './bundled';
