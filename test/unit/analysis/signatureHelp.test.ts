import { strict as assert } from 'assert';
import { buildSignature, signatureAt, SignatureInfo } from '../../../server/src/analysis/signatureHelp';
import { DETECTION_FILE, detectionYaml, docAt, splAt } from './helpers';

function sig(textWithCursor: string): SignatureInfo | undefined {
  const { model, offset } = splAt(textWithCursor);
  return signatureAt(model, offset);
}

function active(textWithCursor: string): { label: string; param: string | undefined } {
  const s = sig(textWithCursor);
  assert.ok(s, `expected a signature for ${JSON.stringify(textWithCursor)}`);
  return { label: s.label, param: s.parameters[s.activeParameter]?.label };
}

describe('signature help', () => {
  it('builds labels and parameter offsets from catalog signatures', () => {
    const t = buildSignature('tonumber', 'tonumber(<text>[, <base>])')!;
    assert.equal(t.label, 'tonumber(<text>[, <base>])');
    assert.deepEqual(t.parameters.map((p) => p.label), ['<text>', '<base>']);
    for (const p of t.parameters) assert.equal(t.label.slice(p.offsets[0], p.offsets[1]), p.label);
    assert.equal(t.parameters[0].documentation, undefined);
    assert.equal(t.parameters[1].documentation, 'Optional.');
    const c = buildSignature('count', 'count[(<field>)]')!;
    assert.equal(c.label, 'count(<field>)');
    const s = buildSignature('tostring', 'tostring(<value>[, "hex"|"commas"|"duration"])')!;
    assert.deepEqual(s.parameters.map((p) => p.label), ['<value>', '"hex"|"commas"|"duration"']);
    assert.deepEqual(buildSignature('now', 'now()'), { label: 'now()', parameters: [] });
  });

  it('counts commas at the call depth, skipping nested calls and quoted commas', () => {
    assert.deepEqual(active('| eval x=if(a>1, ‸'), { label: 'if(<predicate>, <then>, <else>)', param: '<then>' });
    assert.equal(active('| eval x=if(match(a, "x,y"), "1, 2", ‸').param, '<else>');
    assert.equal(active('| eval x=replace(a, "(a,b)", ‸').param, '<replacement>');
    assert.equal(active('| eval x=substr(a, (1+2‸), 3)').param, '<start>');
    assert.equal(active('| eval x=if(isnull(a), 1, ‸2)').label, 'if(<predicate>, <then>, <else>)');
    assert.equal(active('| eval x=if(isnull(a‸), 1, 2)').label, 'isnull(<value>)');
  });

  it('stays active inside a string argument', () => {
    assert.equal(active('| eval x=match(a, "ab,c‸")').param, '<regex>');
    assert.equal(active('| where like(process, "%pow‸').label, 'like(<text>, <pattern>)');
  });

  it('maps variadic arguments onto repeated parameters', () => {
    assert.equal(active('| eval x=case(a=1, "x", b=2, ‸').param, '<value>');
    assert.equal(active('| eval x=case(a=1, "x", ‸').param, '<predicate>');
    assert.equal(active('| eval x=coalesce(a, b, c, ‸').param, '<value>');
    assert.equal(active('| eval x=in(a, "b", "c", ‸').param, '<candidate>');
    assert.equal(active('| eval x=json_set(j, "a", 1, "b", ‸').param, '<value>');
  });

  it('uses stats signatures for aggregations and eval signatures inside eval()', () => {
    const dc = sig('| stats dc(‸')!;
    assert.equal(dc.kind, 'stats');
    assert.equal(dc.label, 'dc(<field>)');
    assert.equal(sig('| stats min(‸')!.kind, 'stats');
    assert.equal(sig('| eval m=min(‸')!.kind, 'eval');
    assert.equal(sig('| eval m=min(‸')!.label, 'min(<value>, ...)');
    assert.equal(sig('| stats p95(‸')!.label, 'p95(<field>)');
    assert.equal(sig('| timechart span=1h sparkline(‸')!.parameters.length, 2);
    assert.equal(sig('| stats count(eval(‸'), undefined);
    const inner = sig('| stats count(eval(len(‸')!;
    assert.equal(inner.kind, 'eval');
    assert.equal(inner.label, 'len(<text>)');
    assert.match(inner.documentation, /characters/);
  });

  it('has nothing outside calls, after the closing paren, and for unknown names', () => {
    assert.equal(sig('| eval x=len(a)‸'), undefined);
    assert.equal(sig('| where (a>1 ‸'), undefined);
    assert.equal(sig('| eval x=nosuchfn(‸'), undefined);
    assert.equal(sig('| `security_content_ctime(‸'), undefined);
    assert.equal(sig('index=a | stats count by dest‸'), undefined);
  });

  it('works inside a multi-line YAML search', () => {
    const yaml = detectionYaml(["`sysmon` CommandLine=\"*''x''*\"", '| eval short=substr(CommandLine, 1, ‸', '| table short']);
    const { model, offset } = docAt(DETECTION_FILE, yaml);
    const s = signatureAt(model, offset)!;
    assert.equal(s.parameters[s.activeParameter].label, '<length>');
  });
});
