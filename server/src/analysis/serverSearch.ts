// The search text a Splunk server should run for a detection: the repository's macros expanded
// locally (so the server runs what the repository says, whatever versions of the macros it has),
// or, on request, the search as written so the server's own macros apply.
import type { ContentIndex } from '../content';
import { expandMacros, MacroResolver } from '../spl/expand';
import { RunPlanError } from './runPlan';
import { macroResolver } from './splContext';

/**
 * Macros a Splunk deployment provides itself and that the local built-ins only approximate
 * (`get_asset` comes from Enterprise Security; see spl/builtinMacros.ts): left for the server.
 */
const SERVER_OWNED = new Set(['get_asset']);

export function serverMacroResolver(index: ContentIndex): MacroResolver {
  const local = macroResolver(index);
  return (name, argCount) => (SERVER_OWNED.has(name) ? undefined : local(name, argCount));
}

export interface ServerSearch {
  search: string;
  notes: string[];
}

export function serverSearch(original: string, index: ContentIndex, serverMacros: boolean): ServerSearch {
  if (serverMacros) return { search: original, notes: ['macros are left for the server to expand (--server-macros)'] };
  const expanded = expandMacros(original, serverMacroResolver(index));
  const leftToServer = new Set<string>();
  const problems: string[] = [];
  for (const e of expanded.errors) {
    const name = e.chain[e.chain.length - 1]?.replace(/\(\d+\)$/, '') ?? '';
    if (e.code === 'dw.spl.unknown-macro' && SERVER_OWNED.has(name)) leftToServer.add(name);
    else problems.push(e.message);
  }
  if (problems.length) throw new RunPlanError(`${problems.join('; ')} (or run with the server's macros: --server-macros)`, 'search');
  return { search: expanded.text, notes: [...leftToServer].map((n) => `\`${n}\` is left for the server to expand (Splunk Enterprise Security defines it)`) };
}
