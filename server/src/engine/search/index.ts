export { compileSearch, formatRows, subsearchesOf, type RowPredicate, type SearchCompileOptions, type SearchCompileResult } from './compile';
export { requiredTerms } from './requiredTerms';
export { rawMatcher, valueMatcher, orderMatcher, MAJOR_BREAKERS, MINOR_BREAKERS } from './match';
export { rawTermsFilter } from './termFilter';
