// The committed grammars are what scripts/grammar/build-grammars.mjs generates, the language
// configuration is well-formed, and the grammars are valid TextMate JSON.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './grammar-host';

interface GeneratorModule {
  buildSplGrammar(): unknown;
  buildYamlInjectionGrammar(): unknown;
  packageContribution(): { grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }>; languages: Array<{ id: string; extensions: string[]; configuration: string }> };
}
const generator = (): Promise<GeneratorModule> =>
  import(pathToFileURL(join(repoRoot, 'scripts', 'grammar', 'spl-grammar.mjs')).href) as Promise<GeneratorModule>;
const readJson = (rel: string): unknown => JSON.parse(readFileSync(join(repoRoot, rel), 'utf8'));

describe('generated grammar files', function () {
  this.timeout(20000);

  it('syntaxes/*.json are up to date with scripts/grammar/spl-grammar.mjs', async () => {
    const g = await generator();
    assert.deepEqual(readJson('syntaxes/spl.tmLanguage.json'), JSON.parse(JSON.stringify(g.buildSplGrammar())),
      'run node scripts/grammar/build-grammars.mjs');
    assert.deepEqual(readJson('syntaxes/spl-yaml-injection.tmLanguage.json'), JSON.parse(JSON.stringify(g.buildYamlInjectionGrammar())),
      'run node scripts/grammar/build-grammars.mjs');
  });

  it('the package.json contribution points at existing files with the right scopes', async () => {
    const { grammars, languages } = (await generator()).packageContribution();
    for (const grammar of grammars) {
      const json = readJson(grammar.path) as { scopeName: string; injectionSelector?: string };
      assert.equal(json.scopeName, grammar.scopeName);
      if (grammar.injectTo) assert.match(json.injectionSelector ?? '', /^L:source\.yaml /);
    }
    assert.deepEqual(languages[0].extensions, ['.spl', '.splunk']);
    assert.ok(readJson(languages[0].configuration));
  });

  it('every include in our grammars resolves', () => {
    const known: Record<string, Set<string>> = {};
    for (const rel of ['syntaxes/spl.tmLanguage.json', 'syntaxes/spl-yaml-injection.tmLanguage.json']) {
      const g = readJson(rel) as { scopeName: string; repository: Record<string, unknown> };
      known[g.scopeName] = new Set(Object.keys(g.repository));
    }
    for (const rel of ['syntaxes/spl.tmLanguage.json', 'syntaxes/spl-yaml-injection.tmLanguage.json']) {
      const g = readJson(rel) as { scopeName: string };
      const includes = [...JSON.stringify(g).matchAll(/"include":"([^"]+)"/g)].map((m) => m[1]);
      for (const inc of includes) {
        if (inc.startsWith('#')) assert.ok(known[g.scopeName].has(inc.slice(1)), `${rel}: unresolved ${inc}`);
        else if (inc.startsWith('source.spl')) assert.ok(inc === 'source.spl' || known['source.spl'].has(inc.split('#')[1]), inc);
        else assert.match(inc, /^source\.yaml\.1\.2#presentation-detail$/, `${rel}: unexpected external include ${inc}`);
      }
    }
  });

  it('language-configuration.json has brackets, quote/backtick pairs and ``` block comments', () => {
    const config = readJson('language-configuration.json') as {
      comments: { blockComment: [string, string] }; brackets: string[][];
      autoClosingPairs: Array<{ open: string; close: string }>; surroundingPairs: string[][]; wordPattern: string;
    };
    const word = new RegExp(config.wordPattern);
    assert.equal(word.exec(' Processes.process_name=x')?.[0], 'Processes.process_name');
    assert.deepEqual(config.comments.blockComment, ['```', '```']);
    assert.deepEqual(config.brackets, [['(', ')'], ['[', ']'], ['{', '}']]);
    for (const q of ['"', "'", '`', '(', '[', '{']) {
      assert.ok(config.autoClosingPairs.some((p) => p.open === q), `auto-closing ${q}`);
      assert.ok(config.surroundingPairs.some((p) => p[0] === q), `surrounding ${q}`);
    }
  });
});
