// Loads VS Code's real YAML grammar (from code-server's bundled VS Code) plus our SPL grammar and
// YAML injection into a vscode-textmate registry, and tokenizes documents line by line the way
// VS Code does. Used by test/grammar/*.test.ts and scripts/grammar/*.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const splGrammarPath = join(repoRoot, 'syntaxes', 'spl.tmLanguage.json');
export const injectionGrammarPath = join(repoRoot, 'syntaxes', 'spl-yaml-injection.tmLanguage.json');
const defaultExtensionsDir = join(repoRoot, '.cache', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');

const YAML_FILES = {
  'source.yaml': 'yaml.tmLanguage.json',
  'source.yaml.1.3': 'yaml-1.3.tmLanguage.json',
  'source.yaml.1.2': 'yaml-1.2.tmLanguage.json',
  'source.yaml.1.1': 'yaml-1.1.tmLanguage.json',
  'source.yaml.1.0': 'yaml-1.0.tmLanguage.json',
  'source.yaml.embedded': 'yaml-embedded.tmLanguage.json',
};

/** VS Code's `extensions/yaml/syntaxes` directory: $DW_VSCODE_EXTENSIONS_DIR or the code-server
 * install under .cache. Throws a message telling how to install it when it is missing. */
export function locateYamlSyntaxesDir(env = process.env) {
  const extensionsDir = env.DW_VSCODE_EXTENSIONS_DIR || defaultExtensionsDir;
  const dir = join(extensionsDir, 'yaml', 'syntaxes');
  if (!existsSync(join(dir, YAML_FILES['source.yaml.1.2']))) {
    throw new Error(
      `VS Code's YAML grammar was not found in ${dir}. Run \`bash scripts/code-server/install.sh\` ` +
      '(it installs code-server into .cache/code-server), or set DW_VSCODE_EXTENSIONS_DIR to a VS Code ' +
      '`extensions` directory that contains yaml/syntaxes/.',
    );
  }
  return dir;
}

let onigLibPromise;
function onigLib() {
  onigLibPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    };
  })();
  return onigLibPromise;
}

function readJson(path) {
  return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
}

/**
 * Creates a tokenizer host. `withInjection: false` loads the YAML grammar alone (to compare);
 * `injectionPath` / `splPath` load other grammar files (experiments).
 * Returns { tokenize(text, scopeName) → lines, injectionScopeName }.
 */
export async function createTextMateHost({
  yamlSyntaxesDir = locateYamlSyntaxesDir(), withInjection = true,
  injectionPath = injectionGrammarPath, splPath = splGrammarPath,
} = {}) {
  const injection = JSON.parse(readFileSync(injectionPath, 'utf8'));
  const files = { 'source.spl': splPath, [injection.scopeName]: injectionPath };
  for (const [scope, file] of Object.entries(YAML_FILES)) files[scope] = join(yamlSyntaxesDir, file);
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => (files[scopeName] && existsSync(files[scopeName]) ? readJson(files[scopeName]) : null),
    getInjections: (scopeName) => (withInjection && scopeName === 'source.yaml' ? [injection.scopeName] : undefined),
  });
  const grammars = new Map();
  async function grammarFor(scopeName) {
    if (!grammars.has(scopeName)) {
      const grammar = await registry.loadGrammar(scopeName);
      if (!grammar) throw new Error(`grammar ${scopeName} could not be loaded`);
      grammars.set(scopeName, grammar);
    }
    return grammars.get(scopeName);
  }
  await grammarFor('source.yaml');
  await grammarFor('source.spl');
  /** Tokenizes `text` line by line (like VS Code): [{ line, text, tokens: [{ start, end, scopes }] }]. */
  function tokenize(text, scopeName = 'source.yaml') {
    const grammar = grammars.get(scopeName);
    if (!grammar) throw new Error(`grammar ${scopeName} is not loaded`);
    let state = vsctm.INITIAL;
    const lines = text.split(/\r\n|\r|\n/);
    return lines.map((lineText, line) => {
      const result = grammar.tokenizeLine(lineText, state);
      state = result.ruleStack;
      const tokens = result.tokens.map((t) => ({
        start: t.startIndex, end: Math.min(t.endIndex, lineText.length), scopes: t.scopes,
      })).filter((t) => t.end > t.start || lineText.length === 0);
      return { line, text: lineText, tokens };
    });
  }
  return { tokenize, grammarFor, injectionScopeName: injection.scopeName };
}

/**
 * Snapshot text: every source line followed by one line per token, `^` under the token's columns
 * and the token's scopes (the root scope left out). Whitespace-only tokens are kept.
 */
export function formatSnapshot(lines) {
  const out = [];
  for (const { text, tokens } of lines) {
    out.push(`>${text}`);
    for (const t of tokens) {
      if (t.end <= t.start) continue;
      out.push(`#${' '.repeat(t.start)}${'^'.repeat(t.end - t.start)} ${t.scopes.slice(1).join(' ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Scopes of the token covering [line, column]. */
export function scopesAt(lines, line, column) {
  const t = lines[line]?.tokens.find((tok) => tok.start <= column && column < tok.end);
  return t ? t.scopes : [];
}
