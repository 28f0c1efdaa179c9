// Explicit scope assertions for source.spl (the .spl grammar, also used inside YAML block scalars).
import { sharedHost, type TokenizedLine } from './grammar-host';
import { assertNoScope, assertScope } from './scope-assert';

async function spl(text: string): Promise<TokenizedLine[]> {
  return (await sharedHost()).tokenize(text, 'source.spl');
}

describe('SPL grammar (source.spl)', function () {
  this.timeout(20000);
  before(async () => { await sharedHost(); });

  it('scopes pipes, known commands (any case) and unknown commands', async () => {
    const lines = await spl('index=a | stats count | STATS count | eventstats dc(x) | mycommand x | rex field=a "b"');
    assertScope(lines, '|', 'keyword.operator.pipe.spl');
    assertScope(lines, 'stats', 'keyword.control.command.spl');
    assertScope(lines, 'STATS', 'keyword.control.command.spl');
    assertScope(lines, 'eventstats', 'keyword.control.command.spl');
    assertScope(lines, 'mycommand', 'entity.name.function.command.spl');
    assertScope(lines, 'rex', 'keyword.control.command.spl');
  });

  it('scopes every command listed in spl-usage.md §2 as a known command', async () => {
    const names = ['convert', 'rename', 'tstats', 'stats', 'where', 'eval', 'search', 'table', 'lookup', 'rex',
      'fields', 'bucket', 'join', 'eventstats', 'fillnull', 'regex', 'spath', 'foreach', 'mvexpand', 'dedup', 'bin',
      'iplocation', 'mstats', 'apply', 'inputlookup', 'sort', 'appendpipe', 'append', 'transaction', 'xmlkv', 'map',
      'replace', 'summary', 'outputlookup', 'fromjson', 'addtotals', 'from', 'makemv', 'timechart',
      'anomalydetection', 'multikv', 'extract', 'outlier', 'streamstats', 'cyberchef'];
    const lines = await spl(names.map((n) => `| ${n} x`).join(' '));
    for (const name of names) assertScope(lines, `| ${name} `, 'keyword.control.command.spl', 0, 2);
  });

  it('a command also starts right after [ and at the start of the text', async () => {
    const lines = await spl('search x=1 | join d [search y=2] | append [| inputlookup t.csv]');
    assertScope(lines, 'search', 'keyword.control.command.spl', 0);
    assertScope(lines, 'search', 'keyword.control.command.spl', 1);
    assertScope(lines, 'inputlookup', 'keyword.control.command.spl');
    assertScope(lines, '[', 'punctuation.section.subsearch.begin.spl');
    assertScope(lines, ']', 'punctuation.section.subsearch.end.spl');
    assertScope(lines, 'y=2', 'meta.subsearch.spl');
  });

  it('separates field names from values in field=value, field!=value, field<value', async () => {
    const lines = await spl('user=admin dest!="host" count<5 src_ip!=10.0.0.0/8 image=*\\cmd.exe');
    assertScope(lines, 'user', 'variable.other.field.spl');
    assertScope(lines, 'admin', 'string.unquoted.value.spl');
    assertScope(lines, '!=', 'keyword.operator.comparison.spl');
    assertScope(lines, '"host"', 'string.quoted.double.spl');
    assertScope(lines, 'count', 'variable.other.field.spl');
    assertScope(lines, '5', 'constant.numeric.spl');
    assertScope(lines, '10.0.0.0/8', 'constant.numeric.cidr.spl');
    assertScope(lines, '*', 'keyword.operator.wildcard.spl');
    assertScope(lines, 'cmd.exe', 'string.unquoted.value.spl');
  });

  it('scopes AND/OR/NOT/IN in search clauses (upper case only) and AS/BY/OVER/WHERE in any case', async () => {
    const lines = await spl('a=1 AND b=2 OR NOT c IN (x, y) and | stats count as n by d | tstats count where x=1 BY y | timechart count over z');
    assertScope(lines, 'AND', 'keyword.operator.logical.spl');
    assertScope(lines, 'OR', 'keyword.operator.logical.spl');
    assertScope(lines, 'NOT', 'keyword.operator.logical.spl');
    assertScope(lines, 'IN', 'keyword.operator.word.spl');
    assertScope(lines, 'c IN', 'variable.other.field.spl');
    assertNoScope(lines, 'and', /keyword/);
    assertScope(lines, ' as ', 'keyword.other.clause.spl', 0, 1);
    assertScope(lines, ' by ', 'keyword.other.clause.spl', 0, 1);
    assertScope(lines, 'where', 'keyword.other.clause.spl');
    assertScope(lines, 'BY', 'keyword.other.clause.spl');
    assertScope(lines, 'over', 'keyword.other.clause.spl');
  });

  it('eval/where: lower-case and/or/not/in/like, assignments, function names, quoted fields', async () => {
    const lines = await spl("| eval s=if(like(lower(p), \"%a%\") and x in (\"q\"), 1, 0), 'my field'=upper(y) | where NOT isnull(s) or s LIKE \"b%\" | stats count(eval(s=1)) as c values(u) p95(t)");
    assertScope(lines, 's=', 'variable.other.field.spl');
    assertScope(lines, 's=', 'keyword.operator.assignment.spl', 0, 1);
    assertScope(lines, 'if', 'support.function.eval.spl');
    assertScope(lines, 'like', 'support.function.eval.spl');
    assertScope(lines, 'lower', 'support.function.eval.spl');
    assertScope(lines, ' and ', 'keyword.operator.logical.spl', 0, 1);
    assertScope(lines, ' in ', 'keyword.operator.word.spl', 0, 1);
    assertScope(lines, "'my field'", 'variable.other.field.quoted.spl');
    assertScope(lines, 'upper', 'support.function.eval.spl');
    assertScope(lines, ' or ', 'keyword.operator.logical.spl', 0, 1);
    assertScope(lines, 'LIKE', 'keyword.operator.word.spl');
    assertScope(lines, 'count(', 'support.function.stats.spl');
    assertScope(lines, 'eval(', 'support.function.eval.spl');
    assertScope(lines, 'values', 'support.function.stats.spl');
    assertScope(lines, 'p95', 'support.function.stats.spl');
  });

  it('scopes double-quoted strings with backslash escapes and numbers', async () => {
    const lines = await spl('path="C:\\\\Windows\\\\*" msg="say \\"hi\\"" n=42 f=1.5e3');
    assertScope(lines, '"C:', 'punctuation.definition.string.begin.spl');
    assertScope(lines, '\\\\', 'constant.character.escape.spl');
    assertScope(lines, '\\"hi', 'constant.character.escape.spl');
    assertScope(lines, 'hi', 'string.quoted.double.spl');
    assertScope(lines, '42', 'constant.numeric.spl');
    assertScope(lines, '1.5e3', 'constant.numeric.spl');
  });

  it('scopes macros with their arguments, and ``` block comments', async () => {
    const lines = await spl('`sysmon` ```a | b `c` ``` | `drop_dm_object_name("Processes")` | `m(a, $t$)`');
    assertScope(lines, 'sysmon', 'entity.name.function.macro.spl');
    assertScope(lines, '`sysmon', 'punctuation.definition.macro.begin.spl');
    assertScope(lines, 'a | b', 'comment.block.spl');
    assertScope(lines, '`c`', 'comment.block.spl');
    assertNoScope(lines, '`c`', /macro/);
    assertScope(lines, 'drop_dm_object_name', 'entity.name.function.macro.spl');
    assertScope(lines, '"Processes"', 'string.quoted.double.spl');
    assertScope(lines, '"Processes"', 'meta.macro.arguments.spl');
    assertScope(lines, 'a,', 'variable.parameter.macro.spl');
    assertScope(lines, '$t$', 'variable.other.token.spl');
  });

  it('scopes the quoted argument of rex and regex as a regular expression with named groups', async () => {
    // SPL unescapes \\ to \ in quoted strings, so the regex [^\\]+ is written [^\\\\]+ in SPL.
    const lines = await spl('| rex field=process max_match=0 "(?<user>[^\\\\\\\\]+)\\\\\\\\(?P<exe>\\w+)$" | regex dest!="^10\\." | rex "(?<p>([^\\\\\\]*\\\\\\)*)"');
    assertScope(lines, 'field', 'variable.parameter.option.spl');
    assertScope(lines, 'max_match', 'variable.parameter.option.spl');
    assertScope(lines, '(?<user>', 'string.regexp.spl');
    assertScope(lines, 'user>', 'variable.other.group-name.regexp');
    assertScope(lines, 'exe>', 'variable.other.group-name.regexp');
    assertScope(lines, '[^', 'constant.other.character-class.set.regexp');
    assertScope(lines, '+)', 'keyword.operator.quantifier.regexp');
    assertScope(lines, 'dest', 'variable.other.field.spl');
    assertScope(lines, '^10', 'string.regexp.spl');
    assertScope(lines, '^10', 'keyword.control.anchor.regexp');
    // [^\\\] (SPL) is the class [^\\]: the class closes at the third backslash's ].
    assertScope(lines, ']*', 'constant.other.character-class.set.regexp');
    assertScope(lines, '*', 'keyword.operator.quantifier.regexp', 0, 0);
    assertScope(lines, ')*)', 'punctuation.definition.group.regexp');
  });

  it('scopes TERM() and tstats datamodels and options', async () => {
    const lines = await spl('TERM(sudoedit) | tstats summariesonly=true count from datamodel=Endpoint.Processes by _time span=1h');
    assertScope(lines, 'TERM', 'support.function.directive.spl');
    assertScope(lines, 'sudoedit', 'string.unquoted.term.spl');
    assertScope(lines, 'summariesonly', 'variable.parameter.option.spl');
    assertScope(lines, 'Endpoint.Processes', 'entity.name.type.datamodel.spl');
    assertScope(lines, 'span', 'variable.parameter.option.spl');
    assertScope(lines, '1h', 'string.unquoted.value.spl');
  });
});
