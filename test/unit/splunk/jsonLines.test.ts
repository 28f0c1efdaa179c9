import * as assert from 'assert';
import { jsonLines } from '../../../server/src/splunk/jsonLines';
import { printable } from '../../../server/src/splunk';

async function collect(chunks: Uint8Array[], max = 1024) {
  async function* gen() {
    for (const c of chunks) yield c;
  }
  const out: unknown[] = [];
  for await (const l of jsonLines(gen(), max)) out.push(l.ok ? l.value : { bad: l.text });
  return out;
}

describe('splunk: JSON lines', () => {
  it('keeps a multi-byte character split across chunks intact, and a last line without newline', async () => {
    const bytes = Buffer.from('{"v":"Zürich €"}\n{"v":"x"}', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1; // inside "ü"
    const euro = bytes.indexOf(0xe2) + 2; // inside "€"
    const out = await collect([bytes.subarray(0, cut), bytes.subarray(cut, euro), bytes.subarray(euro)]);
    assert.deepStrictEqual(out, [{ v: 'Zürich €' }, { v: 'x' }]);
  });

  it('skips blank lines and reports a non-JSON line by its start', async () => {
    const out = await collect([Buffer.from('\n  \n<html>\n{"a":1}\r\n')]);
    assert.deepStrictEqual(out, [{ bad: '<html>' }, { a: 1 }]);
  });

  it('stops at a line longer than the bound, also when it arrives in pieces', async () => {
    const piece = Buffer.from('x'.repeat(600));
    await assert.rejects(collect([piece, piece]), /longer than 1 KiB/);
  });

  it('makes terminal escape sequences visible and keeps newlines and tabs', () => {
    assert.strictEqual(printable('a\u001b[31mred\u0007\tb\nc\r'), 'a\\u001b[31mred\\u0007\tb\nc\\u000d');
  });
});
