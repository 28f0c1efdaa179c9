// A backslash-escaped quote inside an unquoted search term or value (`*\"privileged\":true*`, as in the
// Kubernetes detections) is a literal `"` that belongs to the term: it opens no string, the rest of
// the search is parsed as usual, no diagnostic is raised, and the engine matches the literal quote.
import { strict as assert } from 'assert';
import type { SearchExpr } from '../../../server/src/spl/ast';
import { analyzeSpl } from '../../../server/src/spl/diagnostics';
import { parseSpl } from '../../../server/src/spl/parse';
import { runSpl } from '../../../server/src/engine/pipeline/runSpl';
import { newRow, type Row } from '../../../server/src/engine/types';

const SPL = 'search objectRef.resource=pods requestObject=*\\"privileged\\":true* verb=create | table user';

function items(e: SearchExpr | undefined): SearchExpr[] {
  return e?.kind === 'and' ? e.items : e ? [e] : [];
}

const row = (o: Record<string, string>): Row => Object.assign(newRow(), o);

describe('spl: escaped quotes in unquoted terms', () => {
  it('parses the value as one unquoted value holding literal quotes, with its exact range', () => {
    const p = parseSpl(SPL);
    assert.deepEqual(p.errors, []);
    assert.equal(p.commands.length, 2);
    const first = p.commands[0];
    assert.ok(first.kind === 'command' && first.body.kind === 'search');
    const parts = items(first.body.expr);
    assert.equal(parts.length, 3);
    const v = parts[1];
    assert.ok(v.kind === 'compare');
    assert.equal(v.field, 'requestObject');
    assert.equal(v.value.text, '*"privileged":true*');
    assert.equal(v.value.quoted, false);
    assert.equal(SPL.slice(v.value.range.start, v.value.range.end), '*\\"privileged\\":true*');
    const verb = parts[2];
    assert.ok(verb.kind === 'compare' && verb.field === 'verb' && verb.value.text === 'create');
  });

  it('a bare term with \\" is one term, not a phrase', () => {
    const p = parseSpl('search *\\"hostPID\\":true* verb=create');
    const first = p.commands[0];
    assert.ok(first.kind === 'command' && first.body.kind === 'search');
    const [term, verb] = items(first.body.expr);
    assert.ok(term.kind === 'term');
    assert.equal(term.value.text, '*"hostPID":true*');
    assert.equal(term.value.quoted, false);
    assert.ok(verb.kind === 'compare' && verb.field === 'verb');
  });

  it('raises no diagnostic', () => {
    assert.deepEqual(analyzeSpl(parseSpl(SPL)), []);
  });

  it('the engine matches the literal quote in the field value and in _raw', async () => {
    const events = [
      row({ _raw: 'a', 'objectRef.resource': 'pods', requestObject: '{"spec":{"privileged":true}}', verb: 'create', user: 'mallory' }),
      row({ _raw: 'b', 'objectRef.resource': 'pods', requestObject: '{"spec":{"privileged":false}}', verb: 'create', user: 'alice' }),
      row({ _raw: 'c', 'objectRef.resource': 'pods', requestObject: '{"spec":{privileged:true}}', verb: 'create', user: 'bob' }),
    ];
    const r = await runSpl(SPL, events);
    assert.equal(r.error, undefined);
    assert.deepEqual(r.rows.map((x) => x.user), ['mallory']);
    const raw = await runSpl('search *\\"hostPID\\":true* | table user', [
      row({ _raw: '{"spec":{"hostPID":true}}', user: 'u1' }),
      row({ _raw: '{"spec":{"hostPID":false}}', user: 'u2' }),
    ]);
    assert.deepEqual(raw.rows.map((x) => x.user), ['u1']);
  });
});
