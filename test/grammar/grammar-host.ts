// Typed access to scripts/grammar/textmate-host.mjs (plain ESM shared with the conformance script).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface GrammarToken { start: number; end: number; scopes: string[] }
export interface TokenizedLine { line: number; text: string; tokens: GrammarToken[] }
export interface TextMateHost {
  tokenize(text: string, scopeName?: string): TokenizedLine[];
  injectionScopeName: string;
}
interface HostModule {
  createTextMateHost(options?: { yamlSyntaxesDir?: string; withInjection?: boolean }): Promise<TextMateHost>;
  locateYamlSyntaxesDir(env?: NodeJS.ProcessEnv): string;
  formatSnapshot(lines: TokenizedLine[]): string;
  scopesAt(lines: TokenizedLine[], line: number, column: number): string[];
}

export const repoRoot = join(__dirname, '..', '..');
export const fixturesDir = join(__dirname, 'fixtures');

let modulePromise: Promise<HostModule> | undefined;
export function hostModule(): Promise<HostModule> {
  const url = pathToFileURL(join(repoRoot, 'scripts', 'grammar', 'textmate-host.mjs')).href;
  modulePromise ??= import(url) as Promise<HostModule>;
  return modulePromise;
}

let hostPromise: Promise<TextMateHost> | undefined;
/** One shared host (VS Code's YAML grammar + our grammars) for all grammar tests. */
export function sharedHost(): Promise<TextMateHost> {
  hostPromise ??= hostModule().then((m) => m.createTextMateHost());
  return hostPromise;
}
