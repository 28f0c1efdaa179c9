export * from './entries';
export * from './paths';
export { ContentIndex, IndexStats } from './contentIndex';
export { readCsvHeader, topLevelKeyPosition } from './readEntries';
