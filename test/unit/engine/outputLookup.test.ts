// outputlookup's write rules applied to an in-memory table, each case worked out by hand from the
// Search Reference ("outputlookup": append, key_field, allow_updates, override_if_empty, max, and the
// "Append results" and "Multivalued fields" usage notes).
import * as assert from 'assert';
import { applyOutputLookup, outputLookupOptions, type OutputLookupOptions } from '../../../server/src/engine/pipeline/outputLookup';
import { parseSpl } from '../../../server/src/spl/parse';
import type { Command } from '../../../server/src/spl/ast';
import type { Row } from '../../../server/src/engine/types';

const optionsOf = (spl: string): OutputLookupOptions => outputLookupOptions(parseSpl(spl).commands.find((c): c is Command => c.kind === 'command' && c.name === 'outputlookup')!)!;
const rec = (o: Record<string, string>) => Object.assign(Object.create(null) as Record<string, string>, o);
const plain = (rows: Record<string, string>[]) => rows.map((r) => ({ ...r }));

describe('outputlookup options', () => {
  it('defaults: append=false, override_if_empty=true, allow_updates=false, no key, no max', () => {
    assert.deepStrictEqual(optionsOf('| outputlookup users.csv'), { table: 'users.csv', append: false, keyField: undefined, allowUpdates: false, overrideIfEmpty: true, max: undefined });
  });
  it('key_field makes append=true and allow_updates=true unless append is set', () => {
    assert.deepStrictEqual(optionsOf('| outputlookup key_field=key accounts'), { table: 'accounts', append: true, keyField: 'key', allowUpdates: true, overrideIfEmpty: true, max: undefined });
    const o = optionsOf('| outputlookup append=false key_field=key accounts');
    assert.strictEqual(o.append, false);
    assert.strictEqual(o.allowUpdates, true);
  });
  it('reads append=t, override_if_empty=false, max and allow_updates', () => {
    assert.deepStrictEqual(optionsOf('| outputlookup append=t override_if_empty=false max=2 allow_updates=false t'), { table: 't', append: true, keyField: undefined, allowUpdates: false, overrideIfEmpty: false, max: 2 });
  });
});

describe('outputlookup into an in-memory table', () => {
  const existing = { fields: ['A', 'D', 'J'], rows: [rec({ A: '1', D: 'd1', J: 'j1' })] };
  const results: Row[] = [{ A: '2', C: 'c2', J: 'j2' }];

  it('append=false replaces the table: fields not in the results are removed (A, C, J; D is not kept)', () => {
    const t = applyOutputLookup(existing, results, optionsOf('| outputlookup t'), 'csv');
    assert.deepStrictEqual(t.fields, ['A', 'C', 'J']);
    assert.deepStrictEqual(plain(t.rows), [{ A: '2', C: 'c2', J: 'j2' }]);
    assert.strictEqual(t.summary, '1 row');
  });

  it('append=true on a CSV keeps the existing columns: A and J are written, C is lost, D retained', () => {
    const t = applyOutputLookup(existing, results, optionsOf('| outputlookup append=true t'), 'csv');
    assert.deepStrictEqual(t.fields, ['A', 'D', 'J']);
    assert.deepStrictEqual(plain(t.rows), [{ A: '1', D: 'd1', J: 'j1' }, { A: '2', J: 'j2' }]);
    assert.strictEqual(t.summary, '1 row appended, 2 in all');
  });

  it('append=true on a new (column-less) CSV table takes the results\' columns', () => {
    const t = applyOutputLookup({ fields: [], rows: [] }, results, optionsOf('| outputlookup append=true t'), 'csv');
    assert.deepStrictEqual(t.fields, ['A', 'C', 'J']);
  });

  it('key_field on a KV collection updates the record with that key and inserts the others', () => {
    const kv = { fields: ['key', 'v'], rows: [rec({ key: '1', v: 'old' }), rec({ key: '2', v: 'two' })] };
    const t = applyOutputLookup(kv, [{ key: '1', v: 'new' }, { key: '3', v: 'three' }], optionsOf('| outputlookup key_field=key accounts'), 'kv', ['key', 'v']);
    assert.deepStrictEqual(plain(t.rows), [{ key: '1', v: 'new' }, { key: '2', v: 'two' }, { key: '3', v: 'three' }]);
    assert.strictEqual(t.summary, '1 row appended, 1 updated by key, 3 in all');
  });

  it('key_field with append=false empties the collection first', () => {
    const kv = { fields: ['key', 'v'], rows: [rec({ key: '1', v: 'old' }), rec({ key: '2', v: 'two' })] };
    const t = applyOutputLookup(kv, [{ key: '1', v: 'new' }], optionsOf('| outputlookup append=false key_field=key accounts'), 'kv', ['key', 'v']);
    assert.deepStrictEqual(plain(t.rows), [{ key: '1', v: 'new' }]);
  });

  it('allow_updates=false only inserts: a record whose key exists is not written', () => {
    const kv = { fields: ['key', 'v'], rows: [rec({ key: '1', v: 'old' })] };
    const t = applyOutputLookup(kv, [{ key: '1', v: 'new' }, { key: '2', v: 'two' }], optionsOf('| outputlookup key_field=key allow_updates=false accounts'), 'kv', ['key', 'v']);
    assert.deepStrictEqual(plain(t.rows), [{ key: '1', v: 'old' }, { key: '2', v: 'two' }]);
    assert.match(t.summary, /1 not written \(allow_updates=false and the key exists\)/);
  });

  it('a KV collection keeps its definition\'s columns (fields_list)', () => {
    const t = applyOutputLookup({ fields: ['_key', 'user', 'count'], rows: [] }, [{ user: 'a', count: 2, extra: 'x' }], optionsOf('| outputlookup c'), 'kv', ['_key', 'user', 'count']);
    assert.deepStrictEqual(t.fields, ['_key', 'user', 'count']);
    assert.deepStrictEqual(plain(t.rows), [{ user: 'a', count: '2', extra: 'x' }]);
  });

  it('no results: override_if_empty=true (default) empties the table, false keeps it', () => {
    const emptied = applyOutputLookup(existing, [], optionsOf('| outputlookup t'), 'csv');
    assert.deepStrictEqual(emptied.rows, []);
    assert.match(emptied.summary, /override_if_empty=true .* emptied/);
    const kept = applyOutputLookup(existing, [], optionsOf('| outputlookup override_if_empty=false t'), 'csv');
    assert.deepStrictEqual(plain(kept.rows), [{ A: '1', D: 'd1', J: 'j1' }]);
  });

  it('max=N writes the first N rows', () => {
    const t = applyOutputLookup({ fields: [], rows: [] }, [{ a: '1' }, { a: '2' }, { a: '3' }], optionsOf('| outputlookup max=2 t'), 'csv');
    assert.deepStrictEqual(plain(t.rows), [{ a: '1' }, { a: '2' }]);
    assert.strictEqual(t.summary, '2 rows (max=2 of 3)');
  });

  it('multivalue fields are merged into one space-delimited value', () => {
    const t = applyOutputLookup({ fields: [], rows: [] }, [{ user: 'a', src: ['10.0.0.1', '10.0.0.2'] }], optionsOf('| outputlookup t'), 'csv');
    assert.deepStrictEqual(plain(t.rows), [{ user: 'a', src: '10.0.0.1 10.0.0.2' }]);
    const kv = applyOutputLookup({ fields: [], rows: [] }, [{ user: 'a', src: ['x', 'y'] }], optionsOf('| outputlookup t'), 'kv');
    assert.match(kv.summary, /multivalue cells of 1 row\(s\) were merged/);
  });
});
