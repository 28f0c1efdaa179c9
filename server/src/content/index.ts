export * from './entries';
export * from './paths';
export { ContentIndex, IndexStats } from './contentIndex';
export { readCsvHeader, topLevelKeyPosition } from './readEntries';
export { isWithin, pathInside, plainNameProblem, type Confined } from './confine';
export { checkRegularFile, readUtf8File, type FileCheck, type TextRead } from './regularFile';
