// Public API of the schema checker for security_content files.

export { validateFile } from './validate';
export { detectGeneration, generationEvidence } from './generation';
export { kindFromPath, expectedFileName, fileStemFromName } from './kind';
export { suggest, editDistance } from './suggest';
export { RULES, severityOf, CODE_PREFIX, type RuleId, type RuleInfo } from './rules';
export { attackIndexFromStix, loadAttackIndex, type AttackIndex, type AttackTechnique } from './attack';
export { macroCalls, lookupRefs, type MacroCall, type LookupRef } from './searchRefs';
export { parseCsvShape } from './csvShape';
export { rootSpec, fieldsAt, fieldAt, enumValuesAt, ALL_ENUMS } from './model';
export type { FieldSpec, ValueSpec, EnumSpec, FormatName } from './model';
export type * from './types';
export { yamlPlaceAt, type YamlPlace } from './position';
export { findOrphanLookupFiles, type OrphanLookupFile } from './orphans';
