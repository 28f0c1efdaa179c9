export * from './entries';
export * from './paths';
export { ContentIndex, IndexStats } from './contentIndex';
export { readCsvHeader, topLevelKeyPosition } from './readEntries';
export { fileInside, isWithin, pathInside, plainNameProblem, type Confined } from './confine';
export { checkRegularFile, readContentFile, readUtf8File, type FileCheck, type TextRead } from './regularFile';
