// Regular expressions of .conf files (EXTRACT-, REPORT- REGEX, TIME_PREFIX): PCRE as Splunk writes
// it, compiled by the engine's one PCRE → JavaScript converter (../eval/regex.ts), with errors as
// values for the extraction plan.
import { compilePcre as compile } from '../eval/regex';

export type RegexResult = { regex: RegExp } | { error: string };

/** Compiles a PCRE pattern into a JS RegExp (global flag added when `global`). Cached, never throws. */
export function compilePcre(pattern: string, global = false): RegexResult {
  const r = compile(pattern, global ? 'g' : '');
  return r instanceof RegExp ? { regex: r } : { error: `Invalid regular expression ${JSON.stringify(pattern)}: ${r.message}` };
}
