// Generator for the SPL TextMate grammars: `syntaxes/spl.tmLanguage.json` (source.spl) and the
// YAML injection `syntaxes/spl-yaml-injection.tmLanguage.json`.
//
// The same SPL rules are emitted once per *context* — how SPL text is spelled inside its container:
//   raw    a .spl file or a YAML block scalar (`|`, `>`): SPL as is.
//   sq     a YAML single-quoted scalar: `''` is one quote, `'` alone ends the scalar, `\` is literal.
//   dq     a YAML double-quoted scalar: `\"` is one quote, `\\` one backslash, `"` alone ends it.
//   plain  a YAML plain scalar: ends before ` #`.
// Every begin/end rule of a YAML context also ends (look-ahead) where the YAML scalar ends, so an
// unbalanced SPL string, bracket or macro can never swallow the closing quote.
//
// Construct → scope (keep the language server's semantic tokens consistent with this table):
export const SCOPES = {
  pipe: 'keyword.operator.pipe.spl',
  command: 'keyword.control.command.spl',
  unknownCommand: 'entity.name.function.command.spl',
  commandRegion: 'meta.command.spl',
  evalFunction: 'support.function.eval.spl',
  statsFunction: 'support.function.stats.spl',
  otherFunction: 'entity.name.function.spl',
  functionCall: 'meta.function-call.spl',
  directive: 'support.function.directive.spl',
  directiveTerm: 'string.unquoted.term.spl',
  logical: 'keyword.operator.logical.spl',
  wordOperator: 'keyword.operator.word.spl',
  clauseKeyword: 'keyword.other.clause.spl',
  comparison: 'keyword.operator.comparison.spl',
  assignment: 'keyword.operator.assignment.spl',
  arithmetic: 'keyword.operator.arithmetic.spl',
  concatenation: 'keyword.operator.concatenation.spl',
  wildcard: 'keyword.operator.wildcard.spl',
  field: 'variable.other.field.spl',
  quotedField: 'variable.other.field.quoted.spl',
  option: 'variable.parameter.option.spl',
  value: 'string.unquoted.value.spl',
  datamodel: 'entity.name.type.datamodel.spl',
  string: 'string.quoted.double.spl',
  stringEscape: 'constant.character.escape.spl',
  number: 'constant.numeric.spl',
  cidr: 'constant.numeric.cidr.spl',
  constant: 'constant.language.spl',
  token: 'variable.other.token.spl',
  macro: 'meta.macro.spl',
  macroName: 'entity.name.function.macro.spl',
  macroArgument: 'variable.parameter.macro.spl',
  comment: 'comment.block.spl',
  subsearch: 'meta.subsearch.spl',
  regexp: 'string.regexp.spl',
  regexpGroupName: 'variable.other.group-name.regexp',
  yamlEmbeddedInline: 'meta.embedded.inline.spl',
  yamlEmbeddedBlock: 'meta.embedded.block.spl',
};

import {
  ALL_COMMANDS, COMMAND_OPTIONS, DIRECTIVES, EVAL_FUNCTIONS, EXPRESSION_COMMANDS, OTHER_COMMANDS,
  REGEX_COMMANDS, REX_COMMANDS, SEARCH_COMMANDS, STATS_COMMANDS, STATS_FUNCTION_PATTERNS, STATS_FUNCTIONS,
} from './spl-words.mjs';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
/** Longest-first alternation so `eventstats` is tried before `event…`. */
const words = (list) => [...new Set(list)].sort((a, b) => b.length - a.length).map(escapeRe).join('|');

/** The four spellings of SPL. `cls(set)` is "one SPL character not in `set`" (set is class body). */
export const CONTEXTS = {
  raw: {
    prefix: '', term: null, q2: '"', q1: "'", bs: String.raw`\\`,
    esc: String.raw`\\.`, other: String.raw`[^\\"\n]`,
    termEsc: String.raw`\\["\\]`,
    cls: (set) => `[^${set}]`,
  },
  sq: {
    prefix: 'sq-', term: String.raw`'(?!')`, q2: '"', q1: "''", bs: String.raw`\\`,
    esc: String.raw`\\(?:''|[^'\n])`, other: String.raw`(?:''|[^\\"'\n])`,
    termEsc: String.raw`\\["\\]`,
    cls: (set) => `(?:''|[^'${set}])`,
  },
  dq: {
    prefix: 'dq-', term: '"', q2: String.raw`\\"`, q1: "'", bs: String.raw`\\\\`,
    esc: String.raw`\\\\(?:\\[^\n]|[^"\\\n])`, other: String.raw`(?:\\[^\\"\n]|[^\\"\n])`,
    termEsc: String.raw`\\\\(?:\\"|\\\\)`,
    cls: (set) => String.raw`(?:\\[^"\s]|[^"\\${set}])`,
  },
  plain: {
    prefix: 'pl-', term: String.raw`[\t ]+#`, q2: '"', q1: "'", bs: String.raw`\\`,
    esc: String.raw`\\.`, other: String.raw`[^\\"\n]`,
    termEsc: String.raw`\\["\\]`,
    cls: (set) => String.raw`(?:(?<![\t ])#|[^#${set}])`,
  },
};

const FIELD_START = String.raw`(?<![\w.{}@$*\\])`;
const FIELD = String.raw`[A-Za-z_@][\w.{}@]*`;
const NUMBER = String.raw`(?<![\w.$])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])`;
const CIDR = String.raw`(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}(?![\w./])`;
const TOKEN = String.raw`\$[\w.:]+\$|%original_detection_search%`;

/** One regex for several capture-free match rules (fewer regexes per scanner = faster); the
 * earliest match wins and, at the same position, the first alternative — as with separate rules. */
const merged = (rules) => ({
  match: rules.map((r) => `(${r.match})`).join('|'),
  captures: Object.fromEntries(rules.map((r, i) => [i + 1, { name: r.name }])),
});

/** Number of capture groups in an Oniguruma pattern (no named groups are used in this grammar). */
function countGroups(re) {
  let n = 0;
  let inClass = 0;
  for (let i = 0; i < re.length; i++) {
    const ch = re[i];
    if (ch === '\\') { i++; continue; }
    if (ch === '[') { inClass++; if (re[i + 1] === '^') i++; if (re[i + 1] === ']') i++; continue; }
    if (inClass) { if (ch === ']') inClass--; continue; }
    if (ch === '(' && re[i + 1] !== '?') n++;
  }
  return n;
}

/** Merges runs of match-only rules (inline or included) in every `patterns` list into one regex. */
function mergeMatchRuns(repo) {
  const resolve = (p) => (p.include?.startsWith('#') ? repo[p.include.slice(1)] : p);
  const isMatch = (r) => r && typeof r.match === 'string' && !r.begin && !r.patterns;
  const mergeRun = (run) => {
    const captures = {};
    const parts = [];
    let offset = 0;
    for (const rule of run) {
      const outer = offset + 1;
      const own = rule.captures ?? {};
      captures[outer] = { ...(own[0] ?? {}), ...(rule.name ? { name: rule.name } : {}) };
      if (!captures[outer].name && !captures[outer].patterns) delete captures[outer];
      for (const [k, v] of Object.entries(own)) if (k !== '0') captures[outer + Number(k)] = v;
      parts.push(`(${rule.match})`);
      offset += 1 + countGroups(rule.match);
    }
    return { match: parts.join('|'), captures };
  };
  const optimize = (patterns) => {
    const out = [];
    let run = [];
    const flush = () => { if (run.length === 1) out.push(run[0].original); else if (run.length > 1) out.push(mergeRun(run.map((r) => r.rule))); run = []; };
    for (const p of patterns) {
      const rule = resolve(p);
      if (isMatch(rule)) run.push({ rule, original: p });
      else { flush(); out.push(p); }
    }
    flush();
    return out;
  };
  const visit = (rule) => {
    if (!rule || typeof rule !== 'object') return;
    if (Array.isArray(rule.patterns)) rule.patterns = optimize(rule.patterns);
    for (const key of ['captures', 'beginCaptures', 'endCaptures']) {
      for (const cap of Object.values(rule[key] ?? {})) visit(cap);
    }
    for (const p of rule.patterns ?? []) if (!p.include) visit(p);
  };
  for (const rule of Object.values(repo)) visit(rule);
  return repo;
}

/** Builds the repository of SPL rules for one context. */
export function splRepository(c) {
  const n = (name) => c.prefix + name;
  const inc = (name) => ({ include: `#${n(name)}` });
  const end = (re) => (c.term ? `(?:${re})|(?=${c.term})` : re);
  // An unquoted value/term may hold backslash-escaped quotes and backslashes (`*\"privileged\":true*`):
  // Splunk reads `\"` there as a literal `"` (it does not open a string), so the escape is part of the term.
  const VALUE_CH = `(?:${c.termEsc}|${c.cls(String.raw`\s"()\[\]|\x60=,<>`)})`;
  const TERM_CH = `(?:${c.termEsc}|${c.cls(String.raw`\s"()\[\]|\x60=,<>`)})`;
  // A command follows a pipe or `[`; a *known* command also at the very start of the SPL text
  // (\G / \A: `definition: 'eval …'` macros, `search …` files).
  const cmdBegin = (names, atStart) => String.raw`(?:(\|)|(?<=\[|^\|)${atStart ? String.raw`|\G|\A` : ''})\s*(?=[A-Za-z_])((?i:${names}))(?![\w-])`;
  // (?<=^\|): VS Code's YAML grammar consumes a `|` at column 0 of a quoted scalar's continuation
  // line as invalid indentation; the next command still starts there (at \G).
  const cmdEnd = end(String.raw`(?=[|\]])|(?<=^\|)`);
  const punct = (kind) => ({ 0: { name: `punctuation.${kind}.spl` } });

  const repo = {};
  const add = (name, rule) => { repo[n(name)] = rule; };

  add('main', { patterns: [inc('comment'), inc('command'), inc('search-clause')] });

  add('comment', {
    begin: '```', end: end('```'), name: SCOPES.comment,
    beginCaptures: punct('definition.comment.begin'), endCaptures: punct('definition.comment.end'),
  });

  add('macro', {
    begin: String.raw`(\x60)([\w.:-]*)`, end: end(String.raw`\x60`), name: SCOPES.macro,
    beginCaptures: { 1: { name: 'punctuation.definition.macro.begin.spl' }, 2: { name: SCOPES.macroName } },
    endCaptures: punct('definition.macro.end'),
    patterns: [inc('macro-arguments')],
  });
  add('macro-arguments', {
    begin: String.raw`\(`, end: end(String.raw`\)`), name: 'meta.macro.arguments.spl',
    beginCaptures: punct('section.arguments.begin'), endCaptures: punct('section.arguments.end'),
    patterns: [
      inc('string'), inc('token'),
      { match: ',', name: 'punctuation.separator.arguments.spl' },
      { match: `${c.cls(String.raw`\s,()\x60"`)}+`, name: SCOPES.macroArgument },
      inc('yaml-escape'),
    ],
  });

  add('subsearch', {
    begin: String.raw`\[`, end: end(String.raw`\]`), name: SCOPES.subsearch,
    beginCaptures: punct('section.subsearch.begin'), endCaptures: punct('section.subsearch.end'),
    patterns: [inc('comment'), inc('command'), inc('search-clause')],
  });

  // Commands: a region from the command name to the next top-level `|` or `]`.
  const region = (name, names, patterns, commandScope = SCOPES.command) => add(name, {
    begin: cmdBegin(names, commandScope === SCOPES.command), end: cmdEnd, name: SCOPES.commandRegion,
    beginCaptures: { 1: { name: SCOPES.pipe }, 2: { name: commandScope } },
    patterns,
  });
  add('command', {
    patterns: [
      inc('command-search'), inc('command-eval'), inc('command-where'), inc('command-rex'),
      inc('command-regex'), inc('command-stats'), inc('command-other'), inc('command-unknown'),
    ],
  });
  region('command-search', words(SEARCH_COMMANDS), [inc('search-clause')]);
  region('command-eval', 'eval', [inc('comment'), inc('eval-assignment'), inc('expression')]);
  region('command-where', words(EXPRESSION_COMMANDS.filter((w) => w !== 'eval')), [inc('comment'), inc('expression')]);
  region('command-rex', words(REX_COMMANDS), [inc('comment'), inc('macro'), inc('option'), inc('regexp-string'), inc('token'), inc('field'), inc('yaml-escape')]);
  region('command-regex', words(REGEX_COMMANDS), [
    inc('comment'), inc('macro'),
    { match: `${FIELD_START}(${FIELD})\\s*(!=|=)`, captures: { 1: { name: SCOPES.field }, 2: { name: SCOPES.comparison } } },
    inc('regexp-string'), inc('field'), inc('yaml-escape'),
  ]);
  region('command-stats', words(STATS_COMMANDS), [inc('comment'), inc('command-arguments-stats')]);
  region('command-other', words(OTHER_COMMANDS), [inc('comment'), inc('command-arguments')]);
  region('command-unknown', String.raw`[A-Za-z_][\w-]*`, [inc('comment'), inc('command-arguments')], SCOPES.unknownCommand);

  // The implicit/explicit search clause: field=value terms, AND/OR/NOT, IN lists, TERM().
  add('search-clause', {
    patterns: [
      inc('comment'), inc('macro'), inc('subsearch'), inc('directive'), inc('string-search'),
      inc('keyword-search'), inc('comparison'), inc('field-before-in'), inc('cidr'), inc('number'),
      inc('token'), inc('wildcard'), inc('punctuation'), inc('yaml-escape'), inc('search-term'),
    ],
  });
  add('directive', {
    begin: String.raw`\b(${words(DIRECTIVES)})(\()`, end: end(String.raw`\)`), name: 'meta.directive.spl',
    beginCaptures: { 1: { name: SCOPES.directive }, 2: { name: 'punctuation.section.arguments.begin.spl' } },
    endCaptures: punct('section.arguments.end'),
    contentName: SCOPES.directiveTerm,
    patterns: [inc('token'), inc('yaml-escape')],
  });
  add('keyword-search', merged([
      { match: String.raw`\b(?:AND|OR|NOT)\b`, name: SCOPES.logical },
      { match: String.raw`\bIN\b(?=\s*\()`, name: SCOPES.wordOperator },
  ]));
  add('keyword-command', merged([
      { match: String.raw`\b(?:AND|OR|NOT|XOR)\b`, name: SCOPES.logical },
      { match: String.raw`\b(?:IN|LIKE)\b|(?i:\bin\b(?=\s*\())`, name: SCOPES.wordOperator },
      { match: String.raw`(?<![\w.])(?i:as|by|over|where|from|output|outputnew|with|groupby)(?![\w.])`, name: SCOPES.clauseKeyword },
  ]));
  add('keyword-expression', merged([
      { match: String.raw`(?<![\w.])(?i:and|or|not|xor)(?![\w.(])`, name: SCOPES.logical },
      { match: String.raw`(?<![\w.])(?i:in|like)(?![\w.])`, name: SCOPES.wordOperator },
      { match: String.raw`(?<![\w.])(?i:true|false|null)(?![\w.(])`, name: SCOPES.constant },
  ]));
  // field=value / field!=value / field<value … in search clauses: LHS field, RHS value.
  add('comparison', {
    match: String.raw`${FIELD_START}(${FIELD})\s*(!=|==|<=|>=|=|<|>)(?:\s*(?:(${CIDR})|(${NUMBER})(?!${VALUE_CH})|(${TOKEN})(?!${VALUE_CH})|(${VALUE_CH}+)))?`,
    captures: {
      1: { name: SCOPES.field }, 2: { name: SCOPES.comparison }, 3: { name: SCOPES.cidr },
      4: { name: SCOPES.number }, 5: { name: SCOPES.token },
      6: { name: SCOPES.value, patterns: [inc('term-escape'), inc('wildcard'), inc('token'), inc('yaml-escape')] },
    },
  });
  add('field-before-in', {
    match: String.raw`${FIELD_START}(${FIELD})(?=\s+(?i:IN)\s*\()`,
    captures: { 1: { name: SCOPES.field } },
  });
  add('search-term', {
    match: `${TERM_CH}+`, name: SCOPES.value,
    captures: { 0: { patterns: [inc('term-escape'), inc('wildcard'), inc('token'), inc('yaml-escape')] } },
  });
  add('term-escape', { match: c.termEsc, name: SCOPES.stringEscape });

  // Arguments of stats-like commands: aggregations, BY/AS, options, tstats `where` clauses.
  add('command-arguments-stats', {
    patterns: [
      inc('macro'), inc('subsearch'), inc('datamodel'), inc('option'), inc('function-call-stats'),
      { match: String.raw`(?<![\w.])(?i:count|c)(?![\w.(=])`, name: SCOPES.statsFunction },
      inc('keyword-command'), inc('string-search'), inc('quoted-field'), inc('comparison'), inc('cidr'),
      inc('number'), inc('token'), inc('field'), inc('wildcard'), inc('punctuation'), inc('yaml-escape'),
    ],
  });
  // Arguments of every other command: options, fields, keywords, function calls (convert ctime()).
  add('command-arguments', {
    patterns: [
      inc('macro'), inc('subsearch'), inc('datamodel'), inc('option'), inc('function-call'),
      inc('keyword-command'), inc('string'), inc('quoted-field'), inc('comparison'), inc('cidr'),
      inc('number'), inc('token'), inc('field'), inc('wildcard'), inc('punctuation'), inc('yaml-escape'),
    ],
  });
  add('datamodel', {
    match: String.raw`(?<![\w.])(datamodel|nodename)(?:\s*(=)\s*|\s+)([A-Za-z_][\w.]*)`,
    captures: { 1: { name: SCOPES.option }, 2: { name: SCOPES.assignment }, 3: { name: SCOPES.datamodel } },
  });
  add('option', {
    match: String.raw`(?<![\w.{}@$])(?=\w+\s*=)(${words(COMMAND_OPTIONS)})\s*(=)(?!=)(?:\s*(?:(${NUMBER})(?!${VALUE_CH})|(${TOKEN})(?!${VALUE_CH})|(?!${c.q2})(${VALUE_CH}+)))?`,
    captures: {
      1: { name: SCOPES.option }, 2: { name: SCOPES.assignment }, 3: { name: SCOPES.number },
      4: { name: SCOPES.token }, 5: { name: SCOPES.value, patterns: [inc('yaml-escape')] },
    },
  });

  // eval / where expressions.
  add('eval-assignment', {
    match: String.raw`${FIELD_START}(${FIELD})\s*(=)(?!=)`,
    captures: { 1: { name: SCOPES.field }, 2: { name: SCOPES.assignment } },
  });
  add('expression', {
    patterns: [
      inc('comment'), inc('macro'), inc('subsearch'), inc('function-call'), inc('group'), inc('string'),
      inc('quoted-field'), inc('keyword-expression'), inc('cidr'), inc('number'), inc('token'),
      merged([
        { match: '==|!=|<=|>=|=|<|>', name: SCOPES.comparison },
        { match: String.raw`[-+*/%]`, name: SCOPES.arithmetic },
        { match: String.raw`\.`, name: SCOPES.concatenation },
        { match: ',', name: 'punctuation.separator.comma.spl' },
      ]),
      inc('field'), inc('yaml-escape'),
    ],
  });
  add('group', {
    begin: String.raw`\(`, end: end(String.raw`\)`), name: 'meta.group.spl',
    beginCaptures: punct('section.group.begin'), endCaptures: punct('section.group.end'),
    patterns: [inc('expression')],
  });
  const callRule = (first, second) => ({
    begin: String.raw`(?<![\w.])(?=[A-Za-z_]\w*\s*\()(?:(?i:(${first.words}))|(?i:(${second.words}))|(?!(?i:and|or|not|xor|in)\s*\()([A-Za-z_]\w*))\s*(\()`,
    end: end(String.raw`\)`), name: SCOPES.functionCall,
    beginCaptures: {
      1: { name: first.scope }, 2: { name: second.scope }, 3: { name: SCOPES.otherFunction },
      4: { name: 'punctuation.section.arguments.begin.spl' },
    },
    endCaptures: punct('section.arguments.end'),
    patterns: [inc('expression')],
  });
  const evalWords = { words: words([...EVAL_FUNCTIONS, 'eval']), scope: SCOPES.evalFunction };
  const statsWords = { words: `${words(STATS_FUNCTIONS)}|${STATS_FUNCTION_PATTERNS.join('|')}`, scope: SCOPES.statsFunction };
  add('function-call', callRule(evalWords, statsWords));
  add('function-call-stats', callRule(statsWords, evalWords));

  // rex / regex: the quoted argument is a regular expression.
  add('regexp-string', {
    begin: c.q2, end: end(c.q2), name: SCOPES.regexp,
    beginCaptures: punct('definition.string.begin'), endCaptures: punct('definition.string.end'),
    patterns: [inc('regexp')],
  });
  // A regex escape is an SPL-unescaped backslash followed by one SPL-unescaped character: SPL
  // turns \\ into \ and \" into ", and keeps any other backslash, so `[^\\\]` is the class [^\\].
  const B = c.bs;
  const Q = c.q2;
  const lone = `${B}(?!${B}|${Q})`;
  const RE_ESC = `(?:${B}${B}|${lone})(?:${B}${B}|${B}${Q}|${lone}|${c.other})`;
  add('regexp', {
    patterns: [
      {
        match: String.raw`(\()(\?P?<)([A-Za-z_]\w*)(>)`,
        captures: {
          1: { name: 'punctuation.definition.group.regexp' }, 2: { name: 'punctuation.definition.group.capture.regexp' },
          3: { name: SCOPES.regexpGroupName }, 4: { name: 'punctuation.definition.group.capture.regexp' },
        },
      },
      { match: String.raw`\(\?[imsxU-]+\)`, name: 'storage.modifier.mode.regexp' },
      { match: String.raw`\((?:\?(?:[:=!>|]|<[=!]))?|\)`, name: 'punctuation.definition.group.regexp' },
      {
        begin: String.raw`\[\^?`, end: end(String.raw`\]`), name: 'constant.other.character-class.set.regexp',
        patterns: [{ match: RE_ESC, name: 'constant.character.escape.regexp' }, { match: c.esc, name: SCOPES.stringEscape }, inc('yaml-escape')],
      },
      { match: RE_ESC, name: 'constant.character.escape.regexp' },
      { match: c.esc, name: SCOPES.stringEscape },
      { match: String.raw`[*+?]\??|\{\d+(?:,\d*)?\}\??`, name: 'keyword.operator.quantifier.regexp' },
      { match: String.raw`[\^$]`, name: 'keyword.control.anchor.regexp' },
      { match: String.raw`\|`, name: 'keyword.operator.or.regexp' },
      inc('yaml-escape'),
    ],
  });

  // Leaves.
  const stringRule = (extra) => ({
    begin: c.q2, end: end(c.q2), name: SCOPES.string,
    beginCaptures: punct('definition.string.begin'), endCaptures: punct('definition.string.end'),
    patterns: [{ match: c.esc, name: SCOPES.stringEscape }, inc('token'), ...extra, inc('yaml-escape')],
  });
  add('string', stringRule([]));
  add('string-search', stringRule([inc('wildcard')]));
  add('quoted-field', {
    begin: c.q1, end: end(c.q1), name: SCOPES.quotedField,
    beginCaptures: punct('definition.field.begin'), endCaptures: punct('definition.field.end'),
    patterns: [{ match: c.esc, name: SCOPES.stringEscape }, inc('yaml-escape')],
  });
  add('field', {
    match: String.raw`${FIELD_START}[A-Za-z_@*][\w.{}@*]*|<<\w+>>`, name: SCOPES.field,
    captures: { 0: { patterns: [inc('wildcard')] } },
  });
  add('cidr', { match: CIDR, name: SCOPES.cidr });
  add('number', { match: NUMBER, name: SCOPES.number });
  add('token', { match: TOKEN, name: SCOPES.token });
  add('wildcard', { match: String.raw`\*`, name: SCOPES.wildcard });
  add('punctuation', merged([
      { match: '!=|==|<=|>=|=|<|>', name: SCOPES.comparison },
      { match: String.raw`\(`, name: 'punctuation.section.group.begin.spl' },
      { match: String.raw`\)`, name: 'punctuation.section.group.end.spl' },
      { match: ',', name: 'punctuation.separator.comma.spl' },
      { match: String.raw`\|`, name: SCOPES.pipe },
      { match: String.raw`(?<![\w.])[-+](?=[\s\w*])`, name: 'keyword.operator.sign.spl' },
  ]));
  // How the container escapes its own quote; empty for raw/plain.
  add('yaml-escape', {
    patterns: c.prefix === 'sq-' ? [{ match: "''", name: 'constant.character.escape.single-quote.yaml' }]
      : c.prefix === 'dq-' ? [{ match: String.raw`\\(?:[^\n]|$)`, name: 'constant.character.escape.yaml' }]
        : [],
  });
  return mergeMatchRuns(repo);
}

/** source.spl — the grammar for .spl files and for YAML block scalars. */
export function buildSplGrammar() {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'SPL',
    scopeName: 'source.spl',
    comment: 'GENERATED by scripts/grammar/build-grammars.mjs from scripts/grammar/spl-grammar.mjs — do not edit.',
    patterns: [{ include: '#main' }],
    repository: splRepository(CONTEXTS.raw),
  };
}

// YAML keys whose value is SPL.
const SPL_KEYS = 'search|definition';
/** Same look-ahead as the YAML 1.2 grammar's block-map-value `while`: the value goes on while the
 * next line (after the mapping's indentation) does not start a new key / item. */
const VALUE_WHILE = String.raw`\G(?![?:!"'0-9A-Za-z$()+./;<=\\^_~\[{\x{85}\x{A0}-\x{D7FF}\x{E000}-\x{FFFD}\x{010000}-\x{10FFFF}&&[^\x{FEFF}]]|-[^\r\n\t ])`;

/** The YAML injection: `search:` / `definition:` values as embedded SPL. */
export function buildYamlInjectionGrammar() {
  const embedded = (scopeKind) => `${scopeKind} source.spl`;
  const quoted = (quote, endRe, prefix, kind) => ({
    begin: quote, end: endRe,
    beginCaptures: { 0: { name: `string.quoted.${kind}.yaml punctuation.definition.string.begin.yaml` } },
    endCaptures: { 0: { name: `string.quoted.${kind}.yaml punctuation.definition.string.end.yaml` } },
    contentName: embedded(SCOPES.yamlEmbeddedInline),
    patterns: [{ include: `#${prefix}main` }],
  });
  const repository = {
    'spl-key': {
      comment: 'A `search:` / `definition:` key and its value. Begins only at \\G (where the YAML grammar anchored the key after the indentation), ends like YAML block-map-value.',
      begin: String.raw`\G(${SPL_KEYS})([\t ]*+)(:)(?=[\r\n\t ])`,
      beginCaptures: {
        1: { name: 'meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml' },
        2: { name: 'punctuation.whitespace.separator.yaml' },
        3: { name: 'punctuation.separator.map.value.yaml' },
      },
      while: VALUE_WHILE,
      patterns: [
        { include: '#single-quoted' }, { include: '#double-quoted' }, { include: '#block-scalar' },
        { include: '#plain' }, { include: 'source.yaml.1.2#presentation-detail' },
      ],
    },
    'single-quoted': quoted("'", "'(?!')", CONTEXTS.sq.prefix, 'single'),
    'double-quoted': quoted('"', '"', CONTEXTS.dq.prefix, 'double'),
    'block-scalar': {
      begin: String.raw`([|>])([1-9][+-]?|[+-][1-9]?)?(?=[\t ]|$)`,
      beginCaptures: {
        1: { name: 'keyword.control.flow.block-scalar.yaml' },
        2: { name: 'storage.modifier.chomping-indicator.yaml' },
      },
      while: String.raw`\G(?=[\t ]*$|[\t ])`,
      patterns: [
        {
          begin: '$', while: String.raw`\G`,
          contentName: embedded(SCOPES.yamlEmbeddedBlock),
          patterns: [{ include: 'source.spl' }],
        },
        { begin: String.raw`\G`, end: '$', patterns: [{ include: 'source.yaml.1.2#presentation-detail' }] },
      ],
    },
    plain: {
      begin: String.raw`(?=[^\s\-?:,\[\]{}#&*!|>'"%@\x60]|[?:-][^\s])`,
      end: String.raw`(?=[\t ]+#)`,
      contentName: embedded(SCOPES.yamlEmbeddedInline),
      patterns: [{ include: `#${CONTEXTS.plain.prefix}main` }],
    },
  };
  for (const ctx of [CONTEXTS.sq, CONTEXTS.dq, CONTEXTS.plain]) Object.assign(repository, splRepository(ctx));
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'SPL in YAML',
    scopeName: INJECTION_SCOPE,
    comment: 'GENERATED by scripts/grammar/build-grammars.mjs from scripts/grammar/spl-grammar.mjs — do not edit.',
    injectionSelector: INJECTION_SELECTOR,
    patterns: [{ include: '#spl-key' }],
    repository,
  };
}

export const INJECTION_SCOPE = 'source.yaml.spl-injection';
/** Inside a YAML block mapping, never inside a YAML string/comment or our own SPL. The rule itself
 * begins only at `\G`, i.e. exactly where VS Code's YAML 1.2 grammar (RedCMD) starts a mapping key. */
export const INJECTION_SELECTOR = 'L:source.yaml meta.mapping.yaml -comment -string -source.spl -meta.flow';

/** package.json `contributes` entries for the grammars and the language. */
export function packageContribution() {
  return {
    languages: [{
      id: 'spl', aliases: ['SPL', 'Splunk SPL', 'spl'], extensions: ['.spl', '.splunk'],
      configuration: './language-configuration.json',
    }],
    grammars: [
      { language: 'spl', scopeName: 'source.spl', path: './syntaxes/spl.tmLanguage.json' },
      {
        scopeName: INJECTION_SCOPE, path: './syntaxes/spl-yaml-injection.tmLanguage.json',
        injectTo: ['source.yaml'],
        embeddedLanguages: { 'meta.embedded.inline.spl': 'spl', 'meta.embedded.block.spl': 'spl' },
      },
    ],
  };
}

export { ALL_COMMANDS };
