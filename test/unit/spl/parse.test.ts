import { strict as assert } from 'assert';
import { parseEvalExpression, parseSearchClause, parseSpl } from '../../../server/src/spl/parse';
import type { EvalExpr, SearchExpr } from '../../../server/src/spl/ast';
import { at, body, cmd, macroAt, slice } from './helpers';

/** Compact rendering of a search expression for structural assertions. */
function s(e: SearchExpr | undefined): string {
  if (!e) return '∅';
  switch (e.kind) {
    case 'and':
      return `AND(${e.items.map(s).join(' ')})`;
    case 'or':
      return `OR(${e.items.map(s).join(' ')})`;
    case 'not':
      return `NOT(${s(e.item)})`;
    case 'compare':
      return `${e.field}${e.op}${e.value.text}`;
    case 'in':
      return `${e.field} IN[${e.values.map((v) => v.text).join(',')}]`;
    case 'term':
      return e.term ? `TERM(${e.value.text})` : `'${e.value.text}'`;
    case 'macro':
      return `\`${e.name}\``;
    case 'subsearch':
      return `[${e.pipeline.commands.length}]`;
    default:
      return 'ERR';
  }
}

/** Compact rendering of an eval expression. */
function ev(e: EvalExpr | undefined): string {
  if (!e) return '∅';
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
      return e.raw;
    case 'field':
      return e.name;
    case 'call':
      return `${e.name}(${e.args.map(ev).join(',')})`;
    case 'binary':
      return `(${ev(e.left)} ${e.op} ${ev(e.right)})`;
    case 'unary':
      return `${e.op}(${ev(e.operand)})`;
    case 'in':
      return `(${ev(e.operand)} ${e.negated ? 'NOT IN' : 'IN'} [${e.values.map(ev).join(',')}])`;
    case 'macro':
      return `\`${e.name}\``;
    default:
      return 'ERR';
  }
}

describe('spl/parse: search clauses', () => {
  const clause = (t: string): string => {
    const r = parseSearchClause(t);
    assert.deepEqual(r.errors, [], JSON.stringify(r.errors));
    return s(r.expr);
  };

  it('uses Splunk precedence NOT > OR > AND with implicit AND', () => {
    assert.equal(clause('a b OR c'), "AND('a' OR('b' 'c'))");
    assert.equal(clause('NOT a OR b c'), "AND(OR(NOT('a') 'b') 'c')");
    assert.equal(clause('(a OR b) AND c'), "AND(OR('a' 'b') 'c')");
    assert.equal(parseSearchClause('a AND b').expr?.kind, 'and');
    assert.equal((parseSearchClause('a AND b').expr as { explicit: boolean }).explicit, true);
  });

  it('treats lowercase and/or/not and in as terms', () => {
    assert.equal(clause('a or b and not c'), "AND('a' 'or' 'b' 'and' 'not' 'c')");
    assert.equal(clause('x in (a)'), "AND('x' 'in' 'a')");
  });

  it('parses comparisons, IN lists, wildcards, CIDR values and quoted field names', () => {
    assert.equal(clause('EventCode=4688 user!=root x>=5 y<3 dest_ip!=10.0.0.0/8'), 'AND(EventCode=4688 user!=root x>=5 y<3 dest_ip!=10.0.0.0/8)');
    assert.equal(clause('Processes.process_name IN ("cmd.exe", *ps*, x)'), 'Processes.process_name IN[cmd.exe,*ps*,x]');
    const t = '"field name"="a b*" props.x{}.y=*';
    const r = parseSearchClause(t);
    const and = r.expr as Extract<SearchExpr, { kind: 'and' }>;
    const first = and.items[0] as Extract<SearchExpr, { kind: 'compare' }>;
    assert.equal(first.field, 'field name');
    assert.deepEqual(first.fieldRange, at(t, '"field name"'));
    assert.equal(first.value.text, 'a b*');
    assert.equal(first.value.quoted, true);
    assert.equal(first.value.hasWildcard, true);
    const second = and.items[1] as Extract<SearchExpr, { kind: 'compare' }>;
    assert.equal(second.field, 'props.x{}.y');
    assert.equal(second.value.text, '*');
  });

  it('keeps Windows paths: escaped in quotes and raw when unquoted', () => {
    const t = 'Image="C:\\\\Windows\\\\*" CommandLine=C:\\Windows\\System32\\cmd.exe';
    const and = parseSearchClause(t).expr as Extract<SearchExpr, { kind: 'and' }>;
    const img = and.items[0] as Extract<SearchExpr, { kind: 'compare' }>;
    assert.equal(img.value.text, 'C:\\Windows\\*');
    assert.equal(img.value.raw, '"C:\\\\Windows\\\\*"');
    const cl = and.items[1] as Extract<SearchExpr, { kind: 'compare' }>;
    assert.equal(cl.value.text, 'C:\\Windows\\System32\\cmd.exe');
  });

  it('parses phrases with \\" escapes, TERM(), macros and NOT [subsearch]', () => {
    const t = '"say \\"hi\\"" TERM(sudoedit) `sysmon` NOT [| inputlookup t | fields a]';
    const r = parseSearchClause(t);
    assert.deepEqual(r.errors, []);
    assert.equal(s(r.expr), "AND('say \"hi\"' TERM(sudoedit) `sysmon` NOT([2]))");
  });

  it('accepts macros as values and inside IN lists', () => {
    const t = 'summariesonly=`cfg` x IN (`list_macro`)';
    const r = parseSearchClause(t);
    assert.deepEqual(r.errors, []);
    const and = r.expr as Extract<SearchExpr, { kind: 'and' }>;
    const c = and.items[0] as Extract<SearchExpr, { kind: 'compare' }>;
    assert.equal(c.valueMacro?.name, 'cfg');
    const inx = and.items[1] as Extract<SearchExpr, { kind: 'in' }>;
    assert.equal(inx.macros?.[0].name, 'list_macro');
  });

  it('reports dangling operators and missing values with exact ranges', () => {
    const t1 = 'a OR';
    assert.deepEqual(parseSearchClause(t1).errors.map((e) => e.range), [at(t1, 'OR')]);
    const t2 = 'x= | y';
    const e2 = parseSpl(t2).errors;
    assert.equal(e2[0].code, 'dw.spl.expected-value');
    assert.deepEqual(e2[0].range, at(t2, '='));
    const t3 = 'NOT';
    assert.deepEqual(parseSearchClause(t3).errors.map((e) => e.range), [at(t3, 'NOT')]);
  });
});

describe('spl/parse: eval expressions', () => {
  const e = (t: string): string => {
    const r = parseEvalExpression(t);
    assert.deepEqual(r.errors, [], JSON.stringify(r.errors));
    return ev(r.expr);
  };

  it('handles arithmetic, concatenation and comparison precedence', () => {
    assert.equal(e('1 + 2 * 3'), '(1 + (2 * 3))');
    assert.equal(e('a . "x" . b'), '((a . "x") . b)');
    assert.equal(e('a + 1 > b * 2'), '((a + 1) > (b * 2))');
    assert.equal(e('-x % 3'), '(-(x) % 3)');
  });

  it('accepts AND/OR/XOR/NOT/LIKE/IN in any case, with NOT looser than comparisons', () => {
    assert.equal(e('a=1 and b!=2 OR not c<3'), '(((a = 1) AND (b != 2)) OR NOT((c < 3)))');
    assert.equal(e('x like "%a%" xor y'), '((x LIKE "%a%") XOR y)');
    assert.equal(e('x in ("a", "b")'), '(x IN ["a","b"])');
    assert.equal(e('x NOT IN (1)'), '(x NOT IN [1])');
  });

  it('lowercases function names in any case and keeps quoted field names', () => {
    assert.equal(e('LIKE(process, "%x%")'), 'like(process,"%x%")');
    assert.equal(e('CASE(ISNOTNULL(a), 1, true(), 2)'), 'case(isnotnull(a),1,true(),2)');
    assert.equal(e("'Processes.process name' == \"a\\\"b\""), '(Processes.process name == "a\\"b")');
    assert.equal(e('mvindex(split(x, "\\\\"), -1)'), 'mvindex(split(x,"\\\\"),-(1))');
  });

  it('records macros inside expressions', () => {
    assert.equal(e('if(`is_bad(x)`, 1, 0)'), 'if(`is_bad`,1,0)');
  });

  it('reports errors with exact ranges and never throws', () => {
    const t = 'if(a, b';
    const r = parseEvalExpression(t);
    assert.equal(ev(r.expr), 'if(a,b)');
    const t2 = 'a + ';
    const r2 = parseEvalExpression(t2);
    assert.equal(r2.errors[0].code, 'dw.spl.expected-expression');
    const t3 = 'a b';
    const r3 = parseEvalExpression(t3);
    assert.deepEqual(r3.errors.map((x) => x.range), [at(t3, 'b')]);
  });
});

describe('spl/parse: pipelines and commands', () => {
  it('parses a tstats search with options, datamodel, where clause, by and span', () => {
    const t =
      '| tstats `security_content_summariesonly` count min(_time) as firstTime max(_time) AS lastTime from datamodel=Endpoint.Processes where (Processes.process_name=cmd.exe OR Processes.original_file_name=Cmd.Exe) Processes.process="*/c*" by Processes.dest _time span=1h | `drop_dm_object_name(Processes)` | `security_content_ctime(firstTime)`';
    const p = parseSpl(t);
    assert.deepEqual(p.errors, []);
    const c = cmd(p, 0);
    assert.equal(c.name, 'tstats');
    assert.deepEqual(c.nameRange, at(t, 'tstats'));
    assert.deepEqual(c.macros.map((m) => m.name), ['security_content_summariesonly']);
    const b = body(c, 'stats');
    assert.deepEqual(b.aggregations.map((a) => [a.func, a.arg?.kind === 'field' ? a.arg.field.name : undefined, a.as?.name]), [
      ['count', undefined, undefined],
      ['min', '_time', 'firstTime'],
      ['max', '_time', 'lastTime'],
    ]);
    assert.deepEqual(b.datamodel, { name: 'Endpoint.Processes', range: at(t, 'Endpoint.Processes') });
    assert.equal(s(b.where), 'AND(OR(Processes.process_name=cmd.exe Processes.original_file_name=Cmd.Exe) Processes.process=*/c*)');
    assert.deepEqual(b.by.map((f) => f.name), ['Processes.dest', '_time']);
    assert.deepEqual(c.options.map((o) => `${o.key}=${o.value}`), ['datamodel=Endpoint.Processes', 'span=1h']);
    const m = macroAt(p, 1);
    assert.equal(m.name, 'drop_dm_object_name');
    const argStart = t.indexOf('(Processes)') + 1;
    assert.deepEqual(m.args, [{ text: 'Processes', range: { start: argStart, end: argStart + 9 } }]);
    assert.deepEqual(macroAt(p, 2).args.map((a) => a.text), ['firstTime']);
  });

  it('parses `from datamodel X.Y` and tstats with a macro in the where clause', () => {
    const p = parseSpl('| from datamodel Web.Web | search x=1');
    assert.equal(body(cmd(p, 0), 'stats').datamodel?.name, 'Web.Web');
    const p2 = parseSpl('| tstats count from datamodel=Endpoint.Processes where `process_cmd` AND Processes.user=* BY Processes.dest');
    assert.equal(s(body(cmd(p2, 0), 'stats').where), 'AND(`process_cmd` Processes.user=*)');
    assert.deepEqual(body(cmd(p2, 0), 'stats').by.map((f) => f.name), ['Processes.dest']);
  });

  it('parses the implicit leading search and explicit search commands', () => {
    const t = '`sysmon` EventCode=1 | search NOT user=SYSTEM';
    const p = parseSpl(t);
    const c0 = cmd(p, 0);
    assert.equal(c0.implicit, true);
    assert.equal(c0.name, 'search');
    assert.deepEqual(c0.nameRange, { start: 0, end: 0 });
    assert.equal(s(body(c0, 'search').expr), 'AND(`sysmon` EventCode=1)');
    const c1 = cmd(p, 1);
    assert.equal(c1.implicit, false);
    assert.equal(s(body(c1, 'search').expr), 'NOT(user=SYSTEM)');
  });

  it('parses stats aggregations with eval(), percentiles and BY in any case', () => {
    const t = 'x | stats count(eval(status>=400 AND like(uri, "%.php"))) as errors dc(user) AS users p95(bytes) values(src) by host, dest | eventstats avg(count) as avg BY host';
    const p = parseSpl(t);
    assert.deepEqual(p.errors, []);
    const b = body(cmd(p, 1), 'stats');
    const first = b.aggregations[0];
    assert.equal(first.func, 'count');
    assert.equal(first.arg?.kind, 'eval');
    if (first.arg?.kind === 'eval') {
      assert.equal(ev(first.arg.expr), '((status >= 400) AND like(uri,"%.php"))');
      assert.deepEqual(first.arg.range, at(t, 'eval(status>=400 AND like(uri, "%.php"))'));
    }
    assert.equal(first.as?.name, 'errors');
    assert.deepEqual(first.funcRange, at(t, 'count'));
    assert.deepEqual(b.aggregations.map((a) => a.func), ['count', 'dc', 'p95', 'values']);
    assert.deepEqual(b.by.map((f) => f.name), ['host', 'dest']);
    assert.deepEqual(body(cmd(p, 2), 'stats').by.map((f) => f.name), ['host']);
  });

  it('parses eval assignments, where, and comments', () => {
    const t = 'x | eval a=if(x==1,"y",null()), \'b c\'=a."s" ```note``` | where a="y" and isnotnull(b)';
    const p = parseSpl(t);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.comments, [at(t, '```note```')]);
    const assigns = body(cmd(p, 1), 'eval').assignments;
    assert.deepEqual(assigns.map((a) => [a.field.name, ev(a.expr)]), [
      ['a', 'if((x == 1),"y",null())'],
      ['b c', '(a . "s")'],
    ]);
    assert.deepEqual(assigns[1].field.range, at(t, "'b c'"));
    assert.equal(ev(body(cmd(p, 2), 'where').expr), '((a = "y") AND isnotnull(b))');
  });

  it('parses rename (with wildcards, quoted parts and commas), table, fields', () => {
    const t = 'x | rename "Web".* AS *, a as b | table a b, c | fields - a, b*';
    const p = parseSpl(t);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(body(cmd(p, 1), 'rename').pairs.map((r) => [r.from.name, r.to.name]), [['Web.*', '*'], ['a', 'b']]);
    assert.deepEqual(body(cmd(p, 1), 'rename').pairs[0].from.range, at(t, '"Web".*'));
    const tb = body(cmd(p, 2), 'fields');
    assert.deepEqual([tb.mode, tb.fields.map((f) => f.name)], ['+', ['a', 'b', 'c']]);
    const fl = body(cmd(p, 3), 'fields');
    assert.deepEqual([fl.mode, fl.fields.map((f) => f.name)], ['-', ['a', 'b*']]);
  });

  it('parses rex, regex, lookup, convert, sort and foreach bodies', () => {
    const t =
      'x | rex field=cmd "(?<exe>[^\\\\]+)$" max_match=0 | regex path!="\\\\temp\\\\" | lookup update=true t in AS out OUTPUTNEW a AS b, c | convert timeformat="%Y-%m-%d" ctime(firstTime) AS first | sort - count, +user | foreach * [eval <<FIELD>>=trim(<<FIELD>>)]';
    const p = parseSpl(t);
    assert.deepEqual(p.errors, []);
    const rex = body(cmd(p, 1), 'rex');
    assert.equal(rex.field, 'cmd');
    assert.equal(rex.regex?.value, '(?<exe>[^\\\\]+)$');
    assert.deepEqual(rex.regex?.range, at(t, '(?<exe>[^\\\\]+)$'));
    assert.deepEqual(cmd(p, 1).options.map((o) => `${o.key}=${o.value}`), ['field=cmd', 'max_match=0']);
    const rg = body(cmd(p, 2), 'regex');
    assert.deepEqual([rg.field, rg.negated, rg.regex?.value], ['path', true, '\\\\temp\\\\']);
    const lk = body(cmd(p, 3), 'lookup');
    assert.equal(lk.table?.name, 't');
    assert.deepEqual(lk.inputs.map((f) => [f.field.name, f.as?.name]), [['in', 'out']]);
    assert.equal(lk.outputMode, 'OUTPUTNEW');
    assert.deepEqual(lk.outputs.map((f) => [f.field.name, f.as?.name]), [['a', 'b'], ['c', undefined]]);
    assert.deepEqual(cmd(p, 3).options.map((o) => o.key), ['update']);
    const cv = body(cmd(p, 4), 'convert');
    assert.deepEqual(cv.conversions.map((c) => [c.func, c.field.name, c.as?.name]), [['ctime', 'firstTime', 'first']]);
    assert.equal(cmd(p, 4).options[0].value, '%Y-%m-%d');
    const so = body(cmd(p, 5), 'sort');
    assert.deepEqual(so.keys.map((k) => [k.field.name, k.descending]), [['count', true], ['user', false]]);
    const fe = body(cmd(p, 6), 'foreach');
    assert.deepEqual(fe.fields.map((f) => f.name), ['*']);
    assert.equal(fe.template?.text, 'eval <<FIELD>>=trim(<<FIELD>>)');
    assert.deepEqual(fe.template?.range, at(t, 'eval <<FIELD>>=trim(<<FIELD>>)'));
    assert.equal(cmd(p, 6).subsearches.length, 0);
    const tp = fe.template?.pipeline;
    assert.ok(tp);
    const assign = body(cmd(tp, 0), 'eval').assignments[0];
    assert.equal(assign.field.name, '__FIELD__');
    assert.deepEqual(assign.field.range, at(t, '<<FIELD>>'));
    assert.equal(ev(assign.expr), 'trim(__FIELD__)');
  });

  it('parses generic commands: options, positional words, subsearches (nested)', () => {
    const t = 'x | bucket _time span=1h | join type=left user [search index=a [| inputlookup t | fields user] | stats count by user] | transaction user startswith=(EventCode=1) maxspan=5m';
    const p = parseSpl(t);
    assert.deepEqual(p.errors, []);
    const b = cmd(p, 1);
    assert.equal(b.name, 'bucket');
    assert.deepEqual(b.positional.map((x) => x.text), ['_time']);
    assert.deepEqual(b.options.map((o) => `${o.key}=${o.value}`), ['span=1h']);
    const j = cmd(p, 2);
    assert.equal(j.subsearches.length, 1);
    const sub = j.subsearches[0].pipeline;
    assert.equal(sub.commands.length, 2);
    const inner = cmd(sub, 0);
    assert.equal(inner.name, 'search');
    assert.equal(inner.implicit, false);
    assert.equal(inner.subsearches[0].pipeline.commands.length, 2);
    assert.equal(cmd(inner.subsearches[0].pipeline, 0).name, 'inputlookup');
    const tr = cmd(p, 3);
    assert.deepEqual(tr.options.map((o) => `${o.key}=${o.value}`), ['startswith=(EventCode=1)', 'maxspan=5m']);
  });

  it('parses generating commands at the start of a subsearch without a pipe', () => {
    const p = parseSpl('x | append [ mstats count(k8s.cpu) as c where index=m by pod span=10s ]');
    const inner = cmd(cmd(p, 1).subsearches[0].pipeline, 0);
    assert.equal(inner.name, 'mstats');
    const b = body(inner, 'stats');
    assert.equal(b.aggregations[0].arg?.kind === 'field' && b.aggregations[0].arg.field.name, 'k8s.cpu');
    assert.equal(s(b.where), 'index=m');
  });

  it('accepts names with parentheses where Splunk output names have them', () => {
    const p = parseSpl('x | stats values(aceFlags) as aceFlags(inheritance) | fields - predicted(a) b');
    assert.deepEqual(p.errors, []);
    assert.equal(body(cmd(p, 1), 'stats').aggregations[0].as?.name, 'aceFlags(inheritance)');
    assert.deepEqual(body(cmd(p, 2), 'fields').fields.map((f) => f.name), ['predicted(a)', 'b']);
  });
});

describe('spl/parse: malformed input', () => {
  it('recovers at the next top-level pipe', () => {
    const t = 'x | eval a=(1 | stats count by host';
    const p = parseSpl(t);
    assert.equal(p.commands.length, 3);
    assert.deepEqual(body(cmd(p, 2), 'stats').by.map((f) => f.name), ['host']);
    assert.deepEqual(p.errors.map((e) => [e.code, slice(t, e.range)]), [['dw.spl.unbalanced-paren', '(']]);
  });

  it('reports empty commands at the pipe, and missing command names', () => {
    const t = 'x || stats count |';
    const p = parseSpl(t);
    assert.deepEqual(p.errors.map((e) => [e.code, e.range]), [
      ['dw.spl.empty-command', at(t, '|', 0)],
      ['dw.spl.empty-command', at(t, '|', 2)],
    ]);
    const t2 = 'x | "quoted" y';
    assert.equal(parseSpl(t2).errors[0].code, 'dw.spl.unexpected-token');
    assert.deepEqual(parseSpl(t2).errors[0].range, at(t2, '"'));
  });

  it('reports unbalanced brackets, backticks, quotes and parentheses exactly', () => {
    const cases: [string, string, string][] = [
      ['x | join [search y', '[', 'dw.spl.unbalanced-bracket'],
      ['x | eval a=`mac', '`', 'dw.spl.unbalanced-backtick'],
      ['x="abc | stats count', '"', 'dw.spl.unbalanced-quote'],
      ['x | where (a=1', '(', 'dw.spl.unbalanced-paren'],
      ['(a OR b', '(', 'dw.spl.unbalanced-paren'],
      ['a OR b)', ')', 'dw.spl.unbalanced-paren'],
    ];
    for (const [t, ch, code] of cases) {
      const errs = parseSpl(t).errors.filter((e) => e.code === code);
      assert.equal(errs.length, 1, `${t}: ${JSON.stringify(parseSpl(t).errors)}`);
      assert.deepEqual(errs[0].range, at(t, ch), t);
    }
  });

  it('flags an invalid macro call and a stats without aggregation', () => {
    const t = 'x | `bad name(` | stats by host';
    const p = parseSpl(t);
    assert.deepEqual(p.errors.map((e) => e.code), ['dw.spl.invalid-macro', 'dw.spl.expected-expression']);
    assert.deepEqual(p.errors[0].range, at(t, '`bad name(`'));
  });

  it('reports eval assignment mistakes per assignment', () => {
    const t = 'x | eval a=1 b=2, c=';
    const p = parseSpl(t);
    assert.deepEqual(p.errors.map((e) => [e.code, slice(t, e.range)]), [
      ['dw.spl.unexpected-token', 'b=2'],
      ['dw.spl.expected-expression', '='],
    ]);
  });
});
