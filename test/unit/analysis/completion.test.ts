import { strict as assert } from 'assert';
import { completeAt, CompletionContext, CompletionResult } from '../../../server/src/analysis/completion';
import { DETECTION_FILE, detectionYaml, docAt, examplesIndex, splAt } from './helpers';

const ctx = (): CompletionContext => ({ index: examplesIndex(), dataSources: ['Sysmon EventID 1'] });

/** Completion in a `.spl` document; the text contains the cursor marker `‸`. */
function complete(textWithCursor: string, c: CompletionContext = ctx()): { r: CompletionResult | undefined; text: string } {
  const { model, offset, text } = splAt(textWithCursor);
  return { r: completeAt(model, offset, c), text };
}

function labels(textWithCursor: string, c?: CompletionContext): string[] {
  const { r } = complete(textWithCursor, c);
  assert.ok(r, `expected completions for ${JSON.stringify(textWithCursor)}`);
  return r.items.map((i) => i.label);
}

function replaced(textWithCursor: string): string {
  const { r, text } = complete(textWithCursor);
  assert.ok(r);
  return text.slice(r.replaceRange.start, r.replaceRange.end);
}

const has = (list: string[], ...want: string[]) => {
  for (const w of want) assert.ok(list.includes(w), `missing ${w} in [${list.slice(0, 40).join(', ')}…]`);
};
const lacks = (list: string[], ...unwanted: string[]) => {
  for (const w of unwanted) assert.ok(!list.includes(w), `unexpected ${w}`);
};

describe('completion: commands', () => {
  it('offers every catalog command after a pipe, with syntax and description', () => {
    const { r } = complete('index=main | ‸');
    assert.ok(r);
    const stats = r.items.find((i) => i.label === 'stats');
    assert.equal(stats?.kind, 'command');
    assert.match(stats!.detail!, /^stats /);
    assert.ok(stats!.documentation!.length > 10);
    has(r.items.map((i) => i.label), 'tstats', 'eval', 'where', 'lookup', 'inputlookup', 'rex');
    assert.deepEqual(r.replaceRange, { start: 13, end: 13 });
  });

  it('replaces the partially typed command word (prefix and whole word)', () => {
    assert.equal(replaced('index=main | sta‸'), 'sta');
    assert.equal(replaced('index=main |st‸ats count'), 'stats');
    assert.equal(replaced('index=main\n|   ev‸'), 'ev');
    assert.equal(replaced('| ‸'), '');
  });

  it('offers commands at the start of a subsearch and after a pipe inside one', () => {
    has(labels('index=a | join dest [‸'), 'search', 'inputlookup');
    has(labels('index=a | append [| inputlookup x | ‸'), 'eval', 'stats');
    has(labels('index=a [search index=b | ‸]'), 'fields');
  });

  it('does not complete in strings and comments', () => {
    assert.equal(complete('index=a CommandLine="*enc‸').r, undefined);
    assert.equal(complete('index=a ```a comm‸ent``` | stats count').r, undefined);
    assert.ok(complete('index=a ```c``` | ‸').r);
  });
});

describe('completion: macros', () => {
  it('offers repository and built-in macros inside backticks, replacing only the name', () => {
    const { r, text } = complete('`sys‸');
    assert.ok(r);
    const names = r.items.map((i) => i.label);
    has(names, 'sysmon', 'security_content_ctime', 'drop_dm_object_name', 'get_asset');
    assert.equal(text.slice(r.replaceRange.start, r.replaceRange.end), 'sys');
    const ctime = r.items.find((i) => i.label === 'security_content_ctime')!;
    assert.equal(ctime.insertText, 'security_content_ctime(${1:field})');
    assert.equal(ctime.isSnippet, true);
    assert.match(ctime.documentation!, /convert timeformat=/);
    const sysmon = r.items.find((i) => i.label === 'sysmon')!;
    assert.equal(sysmon.isSnippet, false);
    assert.equal(r.items.find((i) => i.label === 'drop_dm_object_name')!.insertText, 'drop_dm_object_name(${1:object})');
  });

  it('replaces the whole name of an existing call but not its arguments or backticks', () => {
    assert.equal(replaced('| `security_content_ct‸ime(firstTime)` | table x'), 'security_content_ctime');
    assert.equal(replaced('| `‸`'), '');
  });

  it('offers the detection filter macro in a detection', () => {
    const yaml = detectionYaml(['`sysmon` EventCode=1 | stats count by dest | `su‸`']);
    const { model, offset, text } = docAt(DETECTION_FILE, yaml);
    const r = completeAt(model, offset, { index: examplesIndex() });
    assert.ok(r);
    const filter = r.items.find((i) => i.label === 'suspicious_encoded_thing_filter');
    assert.ok(filter);
    assert.equal(r.items.filter((i) => i.label.endsWith('_filter')).length, 1, 'file stem and name agree');
    const renamed = docAt(DETECTION_FILE, yaml.replace('name: Suspicious Encoded Thing', 'name: Encoded-Thing v2'));
    const both = completeAt(renamed.model, renamed.offset, { index: examplesIndex() })!;
    assert.ok(both.items.some((i) => i.label === 'encoded_thing_v2_filter'));
    assert.equal(filter.sortText! < r.items.find((i) => i.label === 'sysmon')!.sortText!, true);
    assert.equal(text.slice(r.replaceRange.start, r.replaceRange.end), 'su');
  });

  it('offers fields inside macro arguments', () => {
    has(labels('| eval firstTime=now() | `security_content_ctime(fi‸'), 'firstTime');
  });
});

describe('completion: eval and where', () => {
  it('offers eval functions as snippets and fields in expression positions', () => {
    const { r } = complete('index=a | eval x=‸');
    assert.ok(r);
    const len = r.items.find((i) => i.label === 'len')!;
    assert.equal(len.kind, 'function');
    assert.equal(len.insertText, 'len($1)');
    assert.equal(len.isSnippet, true);
    assert.equal(r.items.find((i) => i.label === 'now')!.insertText, 'now()');
    const names = r.items.map((i) => i.label);
    has(names, 'if', 'coalesce', 'process_name', 'CommandLine');
    lacks(names, 'dc', 'stats');
  });

  it('distinguishes assignment targets from expressions', () => {
    const target = labels('| eval ‸');
    has(target, 'process_name');
    lacks(target, 'len');
    lacks(labels('| eval a=1, ‸'), 'len');
    has(labels('| eval a=1, b=‸'), 'len', 'a');
    has(labels('| eval a=1, b=if(isnull(‸'), 'len', 'a', 'process_name');
    has(labels('| eval a=lower(process_name), b=a.‸'), 'len');
  });

  it('offers operator keywords after a complete operand', () => {
    assert.deepEqual(labels('| eval x=len(a) ‸').sort(), ['AND', 'IN', 'LIKE', 'NOT', 'OR', 'XOR']);
    has(labels('| where x > 5 ‸'), 'AND', 'OR');
    has(labels('| where x > 5 AND ‸'), 'isnull', 'process_name');
  });

  it('completes in where clauses and inside nested calls', () => {
    has(labels('index=a | where ‸'), 'isnull', 'like', 'process_name');
    has(labels("index=a | where like('process name', ‸"), 'lower');
    assert.equal(replaced('| where isn‸'), 'isn');
  });
});

describe('completion: stats-like commands', () => {
  it('offers aggregation functions after stats and after a comma', () => {
    const l = labels('index=a | stats ‸');
    has(l, 'count', 'dc', 'values', 'min', 'max', 'p95', 'latest');
    lacks(l, 'len', 'per_second');
    has(labels('index=a | stats count, ‸'), 'dc');
    has(labels('index=a | stats count min(_time) as firstTime ‸'), 'max', 'by');
    has(labels('index=a | eventstats ‸'), 'avg');
    has(labels('index=a | streamstats ‸'), 'count');
    has(labels('index=a | timechart ‸'), 'count', 'per_second', 'span=');
    const count = complete('index=a | stats ‸').r!.items.find((i) => i.label === 'count')!;
    assert.equal(count.insertText, 'count');
    const dc = complete('index=a | stats ‸').r!.items.find((i) => i.label === 'dc')!;
    assert.equal(dc.insertText, 'dc($1)');
  });

  it('offers `as` and `by` after an aggregation, nothing after `as`', () => {
    has(labels('| stats count ‸'), 'as', 'by');
    has(labels('| stats dc(user) ‸'), 'as', 'by');
    lacks(labels('| stats ‸'), 'by', 'as');
    assert.equal(complete('| stats count as ‸').r, undefined);
  });

  it('offers fields after by and inside aggregation arguments', () => {
    const by = labels('index=a | stats count by ‸');
    has(by, 'dest', 'user', 'process_name');
    lacks(by, 'count', 'dc');
    has(labels('index=a | stats count by dest, ‸'), 'user');
    const arg = labels('index=a | stats dc(‸');
    has(arg, 'user');
    lacks(arg, 'dc');
  });

  it('offers eval functions inside count(eval(...))', () => {
    has(labels('index=a | stats count(eval(‸'), 'match', 'process_name');
  });
});

describe('completion: tstats and data models', () => {
  it('offers data model datasets after datamodel=', () => {
    const { r, text } = complete('| tstats count from datamodel=‸');
    assert.ok(r);
    const names = r.items.map((i) => i.label);
    has(names, 'Endpoint.Processes', 'Endpoint', 'Network_Traffic.All_Traffic', 'Authentication.Failed_Authentication');
    assert.equal(r.items.find((i) => i.label === 'Endpoint.Processes')!.kind, 'datamodel');
    assert.equal(text.slice(r.replaceRange.start, r.replaceRange.end), '');
    assert.equal(replaced('| tstats count from datamodel=Endpoint.Pro‸'), 'Endpoint.Pro');
    has(labels('| from datamodel:‸'), 'Endpoint.Processes');
  });

  it('offers the data model fields, prefixed, in where and by clauses', () => {
    const where = labels('| tstats count from datamodel=Endpoint.Processes where ‸');
    has(where, 'Processes.process_name', 'Processes.dest', 'Processes.user', 'AND', 'by');
    lacks(where, 'CommandLine', 'count');
    const by = labels('| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by ‸');
    has(by, 'Processes.parent_process_name');
    has(labels('| tstats `security_content_summariesonly` count from datamodel=Endpoint.Processes by Processes.dest ‸'), 'Processes.user');
    has(labels('| tstats values(‸) from datamodel=Endpoint.Processes'), 'Processes.process');
  });

  it('completes after a typed object prefix, replacing `Processes.`', () => {
    const { r, text } = complete('| tstats count from datamodel=Endpoint.Processes where Processes.‸ by x');
    assert.ok(r);
    assert.equal(text.slice(r.replaceRange.start, r.replaceRange.end), 'Processes.');
    assert.ok(r.items.every((i) => i.kind !== 'field' || i.label.startsWith('Processes.') || i.label === '_time'));
    has(r.items.map((i) => i.label), 'Processes.process_name');
    assert.equal(replaced('| tstats count from datamodel=Endpoint.Processes by Processes.proc‸'), 'Processes.proc');
  });

  it('offers functions, options and clause keywords at aggregation positions of tstats', () => {
    const l = labels('| tstats ‸');
    has(l, 'count', 'summariesonly=', 'from', 'where');
    assert.deepEqual(labels('| tstats count from ‸'), ['datamodel=']);
    has(labels('| tstats count from datamodel=Endpoint.Processes ‸'), 'where', 'by');
    assert.equal(complete('| tstats summariesonly=‸').r, undefined);
  });

  it('knows the short names after drop_dm_object_name', () => {
    const l = labels('| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | `drop_dm_object_name(Processes)` | table ‸');
    has(l, 'dest', 'user', 'Processes.dest', 'count');
  });
});

describe('completion: fields', () => {
  it('combines data source fields with fields produced earlier, deduplicated', () => {
    const { r } = complete(
      'index=a | eval enc=lower(CommandLine) | rename user AS account | stats count AS n values(dest) by enc, account | lookup suspicious_network_tools process_name OUTPUT reason AS why | table ‸',
    );
    assert.ok(r);
    const fields = r.items.filter((i) => i.kind === 'field').map((i) => i.label);
    has(fields, 'enc', 'account', 'n', 'values(dest)', 'why', 'process_name', 'CommandLine', 'dest');
    assert.equal(fields.length, new Set(fields).size, 'no duplicates');
    const produced = r.items.find((i) => i.label === 'enc')!;
    const declared = r.items.find((i) => i.label === 'ParentImage')!;
    assert.ok(produced.sortText! < declared.sortText!, 'pipeline fields sort first');
    assert.match(declared.detail!, /Sysmon EventID 1/);
  });

  it('adds lookup columns, rex groups and inputlookup columns', () => {
    has(labels('index=a | lookup suspicious_network_tools process_name | table ‸'), 'is_suspicious', 'reason');
    has(labels('index=a | rex field=CommandLine "-enc (?<payload>\\S+)" | table ‸'), 'payload');
    has(labels('| inputlookup suspicious_network_tools | table ‸'), 'is_suspicious');
  });

  it('reads data sources from the detection YAML when the context does not give them', () => {
    const yaml = detectionYaml(['index=a | table ‸'], ['Sysmon EventID 3']);
    const { model, offset } = docAt(DETECTION_FILE, yaml);
    const r = completeAt(model, offset, { index: examplesIndex() });
    assert.ok(r);
    has(r.items.map((i) => i.label), 'dest_ip');
  });

  it('offers fields and keywords in search clauses, nothing in value position', () => {
    const l = labels('index=main ‸');
    has(l, 'process_name', 'AND', 'OR', 'NOT');
    has(labels('index=main | search ‸'), 'process_name');
    assert.equal(complete('index=main process_name=‸').r, undefined);
    assert.equal(complete('index=main process_name IN (‸').r, undefined);
    has(labels('index=main (process_name=a OR ‸'), 'dest');
  });

  it('completes fields for field-list commands and field options', () => {
    has(labels('| table dest, ‸'), 'user');
    has(labels('| fields - ‸'), 'user');
    has(labels('| sort - ‸'), 'user');
    has(labels('| dedup ‸'), 'user', 'keepempty=');
    has(labels('| rex field=‸'), 'CommandLine');
    has(labels('| fillnull value=0 ‸'), 'dest');
    assert.equal(complete('| head limit=‸').r, undefined);
  });

  it('walks the rename pattern: field, AS, new name', () => {
    has(labels('| rename ‸'), 'user');
    assert.deepEqual(labels('| rename user ‸'), ['AS']);
    assert.equal(complete('| rename user AS ‸').r, undefined);
    has(labels('| rename user AS account, ‸'), 'dest');
  });
});

describe('completion: lookups', () => {
  it('offers lookup names after lookup and inputlookup', () => {
    has(labels('index=a | lookup ‸'), 'suspicious_network_tools', 'local=');
    has(labels('| inputlookup ‸'), 'suspicious_network_tools');
    has(labels('index=a | lookup local=true ‸'), 'suspicious_network_tools');
    assert.equal(replaced('| lookup susp‸'), 'susp');
  });

  it('offers columns and the OUTPUT keywords after the table', () => {
    const cols = labels('| lookup suspicious_network_tools ‸');
    has(cols, 'process_name', 'is_suspicious');
    lacks(cols, 'OUTPUT', 'AS');
    has(labels('| lookup suspicious_network_tools process_name ‸'), 'AS', 'OUTPUT', 'OUTPUTNEW');
    has(labels('| lookup suspicious_network_tools process_name AS ‸'), 'CommandLine');
    const out = labels('| lookup suspicious_network_tools process_name OUTPUT ‸');
    has(out, 'reason');
    lacks(out, 'OUTPUT', 'AS');
    has(labels('| lookup suspicious_network_tools process_name OUTPUT reason ‸'), 'AS');
    assert.equal(complete('| lookup suspicious_network_tools process_name OUTPUT reason AS ‸').r, undefined);
  });

  it('offers where and then columns after inputlookup <table>', () => {
    assert.deepEqual(labels('| inputlookup suspicious_network_tools ‸'), ['where']);
    has(labels('| inputlookup suspicious_network_tools where ‸'), 'is_suspicious', 'AND');
  });
});

describe('completion: embedded in YAML', () => {
  it('maps the replace range through a multi-line single-quoted search with escaped quotes', () => {
    const yaml = detectionYaml([
      "`sysmon` EventCode=1 CommandLine=\"*''enc''*\" process_name=''x''",
      '| eval cmd=lower(CommandLine) | stats count by dest, cmd',
      '| where cm‸',
    ]);
    const { model, offset, text } = docAt(DETECTION_FILE, yaml);
    const r = completeAt(model, offset, { index: examplesIndex() });
    assert.ok(r);
    assert.equal(text.slice(r.replaceRange.start, r.replaceRange.end), 'cm');
    assert.equal(r.replaceRange.end, offset);
    has(r.items.map((i) => i.label), 'cmd', 'isnull', 'process_name');
  });

  it('maps a macro name range in the middle of a folded line', () => {
    const yaml = detectionYaml([
      "| tstats count from datamodel=Endpoint.Processes where Processes.process_name=''a b''",
      'by Processes.dest | `drop_dm_obj‸ect_name(Processes)` | `suspicious_encoded_thing_filter`',
    ]);
    const { model, offset, text } = docAt(DETECTION_FILE, yaml);
    const r = completeAt(model, offset, { index: examplesIndex() });
    assert.ok(r);
    assert.equal(text.slice(r.replaceRange.start, r.replaceRange.end), 'drop_dm_object_name');
  });

  it('completes on a continuation line of a block scalar and at the end of a quoted scalar', () => {
    const block = ['name: X', 'data_source:', '- Sysmon EventID 1', 'search: |-', '  `sysmon` EventCode=1', '  | st‸', 'how_to_implement: y', ''].join('\n');
    const b = docAt(DETECTION_FILE, block);
    const rb = completeAt(b.model, b.offset, { index: examplesIndex() });
    assert.ok(rb);
    assert.equal(b.text.slice(rb.replaceRange.start, rb.replaceRange.end), 'st');
    const end = docAt(DETECTION_FILE, "name: X\nsearch: 'index=a | ‸'\n");
    const re = completeAt(end.model, end.offset, {});
    assert.ok(re);
    assert.deepEqual(re.replaceRange, { start: end.offset, end: end.offset });
    assert.equal(completeAt(end.model, end.text.indexOf('name'), {}), undefined, 'outside SPL');
  });
});

describe('completion: robustness', () => {
  it('never throws on any prefix or cursor position of real-shaped searches', () => {
    const searches = [
      '| tstats `security_content_summariesonly` count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name IN ("a", "b") by Processes.dest | `drop_dm_object_name(Processes)` | `security_content_ctime(firstTime)`',
      '`sysmon` EventCode=1 CommandLine="*\\"x*" | eval a=if(match(x, "[a-z]+"), 1, 0), b=\'f g\'.c | stats count(eval(a>1)) as n by dest | where n > 2 | lookup suspicious_network_tools process_name OUTPUT reason',
      'index=a [search index=b | fields dest] | join type=left dest [| inputlookup x where a=1] ```c``` | rename a AS b | rex field=b "(?<x>.)"',
    ];
    for (const s of searches) {
      for (let i = 0; i <= s.length; i++) {
        const { model } = splAt(s.slice(0, i) + '‸');
        completeAt(model, i, ctx());
        const full = splAt(s.slice(0, i) + '‸' + s.slice(i));
        const r = completeAt(full.model, i, ctx());
        if (r) assert.ok(r.replaceRange.start <= i && i <= r.replaceRange.end, `range holds the cursor at ${i}`);
      }
    }
  });
});
