import { strict as assert } from 'assert';
import { expandMacros, findCalls, type MacroDefinition, type MacroResolver } from '../../../server/src/spl/expand';
import { builtinMacro, withBuiltinMacros } from '../../../server/src/spl/builtinMacros';
import { parseSpl } from '../../../server/src/spl/parse';
import { at } from './helpers';

function resolver(defs: MacroDefinition[]): MacroResolver {
  return (name, n) => defs.find((d) => d.name === name && d.args.length === n);
}
const def = (name: string, definition: string, args: string[] = []): MacroDefinition => ({ name, args, definition });

describe('spl/expand', () => {
  it('substitutes $arg$ textually (quotes kept) and expands recursively', () => {
    const r = resolver([
      def('ctime', 'convert timeformat="%Y" ctime($field$)', ['field']),
      def('src', '`inner` sourcetype=x'),
      def('inner', 'index=main'),
      def('pair', 'eval $a$=$b$', ['a', 'b']),
    ]);
    const x = expandMacros('`src` | `ctime(firstTime)` | `pair(x, "y, z")`', r);
    assert.deepEqual(x.errors, []);
    assert.equal(x.text, 'index=main sourcetype=x | convert timeformat="%Y" ctime(firstTime) | eval x="y, z"');
    assert.deepEqual(
      x.used.map((u) => [u.name, u.argCount, u.depth]),
      [['src', 0, 0], ['inner', 0, 1], ['ctime', 1, 0], ['pair', 2, 0]],
    );
  });

  it('maps expanded offsets back: copied text 1:1, macro output to the call range', () => {
    const text = 'a `m` b';
    const x = expandMacros(text, resolver([def('m', 'XYZ')]));
    assert.equal(x.text, 'a XYZ b');
    assert.equal(x.map.toOriginal(0), 0);
    assert.equal(x.map.toOriginal(3), 2); // inside XYZ → start of the call
    assert.equal(x.map.toOriginal(6), 6); // "b"
    assert.deepEqual(x.map.toOriginalRange({ start: 3, end: 4 }), at(text, '`m`'));
    assert.deepEqual(x.map.toOriginalRange({ start: 6, end: 7 }), at(text, 'b'));
    assert.deepEqual(x.map.toOriginalRange({ start: 0, end: 7 }), { start: 0, end: 7 });
    assert.equal(x.map.toOriginal(x.text.length), text.length);
  });

  it('maps parse errors in expanded text to the macro call', () => {
    const text = 'x | `broken` | stats count';
    const x = expandMacros(text, resolver([def('broken', 'eval a=(1')]));
    const p = parseSpl(x.text);
    assert.equal(p.errors.length, 1);
    assert.deepEqual(x.map.toOriginalRange(p.errors[0].range), at(text, '`broken`'));
  });

  it('detects cycles and names the chain', () => {
    const text = 'x | `a`';
    const x = expandMacros(text, resolver([def('a', '`b`'), def('b', 'eval y=1 | `a`')]));
    assert.equal(x.errors.length, 1);
    assert.equal(x.errors[0].code, 'dw.spl.macro-cycle');
    assert.equal(x.errors[0].message, 'Macro cycle: a → b → a');
    assert.deepEqual(x.errors[0].range, at(text, '`a`'));
    assert.equal(x.text, 'x | eval y=1 | `a`');
  });

  it('stops at the depth limit with a clear message', () => {
    const defs = Array.from({ length: 10 }, (_, i) => def(`m${i}`, `\`m${i + 1}\``));
    defs.push(def('m10', 'end'));
    assert.equal(expandMacros('`m0`', resolver(defs)).text, 'end');
    const x = expandMacros('`m0`', resolver(defs), { maxDepth: 5 });
    assert.equal(x.errors[0].code, 'dw.spl.macro-depth');
    assert.match(x.errors[0].message, /more than 5 deep: m0 → m1 → m2 → m3 → m4 → m5/);
  });

  it('guards against exponential growth', () => {
    const defs = Array.from({ length: 30 }, (_, i) => def(`g${i}`, `\`g${i + 1}\` \`g${i + 1}\``));
    defs.push(def('g30', 'x'));
    const x = expandMacros('`g0`', resolver(defs), { maxLength: 10_000 });
    assert.equal(x.errors.some((e) => e.code === 'dw.spl.macro-too-long'), true);
    assert.ok(x.text.length < 20_000);
  });

  it('reports unknown macros (with argument count) and keeps their text', () => {
    const text = '`nope(a)` x';
    const x = expandMacros(text, resolver([]));
    assert.equal(x.text, text);
    assert.equal(x.errors[0].code, 'dw.spl.unknown-macro');
    assert.equal(x.errors[0].message, 'Unknown macro "nope" with 1 argument');
    assert.deepEqual(x.errors[0].range, at(text, '`nope(a)`'));
  });

  it('finds backticks without regard to quotes but skips non-calls and comments', () => {
    const text = 'eval n=mvcount(split(p,"`"))-1 | `f_filter` ```a `b` c```';
    assert.deepEqual(findCalls(text).map((c) => c.name), ['f_filter']);
    const x = expandMacros(text, withBuiltinMacros(() => undefined));
    assert.equal(x.text, 'eval n=mvcount(split(p,"`"))-1 | search * ```a `b` c```');
    // a quoted backtick pair that does form a call is expanded, as Splunk does
    assert.equal(expandMacros('x="`m`"', resolver([def('m', 'v')])).text, 'x="v"');
  });

  it('provides the built-in macros', () => {
    assert.equal(builtinMacro('detect_x_filter', 0)?.definition, 'search *');
    assert.equal(builtinMacro('detect_x_filter', 0)?.builtin, true);
    assert.equal(builtinMacro('drop_dm_object_name', 1)?.definition, 'rename $object$.* AS *');
    assert.match(builtinMacro('get_asset', 1)?.definition ?? '', /^lookup asset_lookup_by_str asset AS \$field\$ OUTPUTNEW/);
    assert.equal(builtinMacro('drop_dm_object_name', 0), undefined);
    const r = withBuiltinMacros(resolver([def('drop_dm_object_name', 'custom', ['o'])]));
    assert.equal(r('drop_dm_object_name', 1)?.definition, 'custom');
  });

  it('expands drop_dm_object_name("Processes") into a rename the parser reads as Processes.*', () => {
    const x = expandMacros('| tstats count by Processes.dest | `drop_dm_object_name("Processes")`', withBuiltinMacros(() => undefined));
    assert.equal(x.text, '| tstats count by Processes.dest | rename "Processes".* AS *');
    const p = parseSpl(x.text);
    const rn = p.commands[1];
    assert.ok(rn.kind === 'command' && rn.body.kind === 'rename');
    if (rn.kind === 'command' && rn.body.kind === 'rename') assert.equal(rn.body.pairs[0].from.name, 'Processes.*');
  });
});
