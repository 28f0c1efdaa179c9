// A seeded, time-bounded fuzz run (issue 11) of the sample-log readers, JSON field flattening and
// the SPL parser: strangers' logs and searches never make them throw or hang, and what they report
// stays inside the input (line numbers, ranges). Each property stops after its time limit.
import * as assert from 'assert';
import * as zlib from 'zlib';
import fc from 'fast-check';
import { flattenJsonText } from '../../../server/src/engine/extract/auto/json-flatten';
import { LOG_FORMATS, readEvents, readEventsSync } from '../../../server/src/engine/readers';
import type { LogFormat, RawEvent } from '../../../server/src/engine/types';
import { parseSpl } from '../../../server/src/spl/parse';
import { forEachCommand } from '../../../server/src/spl/walk';

const SEED = 20261206;
const LIMIT_MS = 3000;

const LOG_PIECES = [
  '{', '}', '[', ']', '"', ':', ',', '\n', '\r\n', ' ', '\t', 'a', 'Z', '0', '1.5e3', '\\', '\\u00', 'é', '\ud800', '\u2028', 'null', 'true',
  '{"Records":[', '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">', '</Event>', '<Data Name="x">', '</Data>', '<?xml version="1.0"?>',
  '<![CDATA[', ']]>', '&amp;', '&#x41;', 'k=v ', 'a="b c" ', "q='x' ", 'type=SYSCALL msg=audit(1700000000.123:42): ', 'LogName=Security\n', 'EventCode=4688\n',
  'Message=A new process\n', '\n\n', 'col1,col2\n', '"x,""y"""', ',,', '<134>Jan  1 00:00:00 host ', '2024-01-01T00:00:00Z ', '\u0000', '\ufeff',
];
const SPL_PIECES = [
  '|', ' | ', '[', ']', '(', ')', '"', "'", '`', '\\', ',', '=', '!=', '<', '>', ' ', '\n', 'search ', 'stats ', 'count', ' by ', 'eval ', 'x', 'y', '1',
  'AND ', 'OR ', 'NOT ', 'IN ', 'rex ', 'field=x ', '"(?<n>\\w+)"', 'tstats ', 'where ', 'from datamodel=Endpoint.Processes ', 'lookup ', 'OUTPUT ', 'makeresults',
  'foreach ', '<<FIELD>>', 'join ', 'append ', 'sort - ', 'table ', 'rename x as y', 'spath ', '```c```', '`m(a,b)`', 'if(', 'case(', '*', '.', '$x$',
];

const fromPieces = (pieces: string[], max: number) => fc.array(fc.constantFrom(...pieces), { maxLength: max }).map((a) => a.join(''));

function checkEvents(events: RawEvent[], lines: number): void {
  let last = 0;
  for (const e of events) {
    assert.strictEqual(typeof e.raw, 'string');
    assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines + 1, `line ${e.line} of ${lines}`);
    assert.ok(e.line >= last, 'lines never go back');
    last = e.line;
  }
}

describe('hardening: fuzz (seeded, time-bounded)', function () {
  this.timeout(30000);

  it('the in-memory reader never throws, for every format, and reports lines inside the input', () => {
    fc.assert(
      fc.property(fromPieces(LOG_PIECES, 60), fc.constantFrom<LogFormat | 'auto'>('auto', ...LOG_FORMATS), (text, format) => {
        const r = readEventsSync(text, { format });
        checkEvents(r.events, text.split(/\r\n|\r|\n/).length);
        for (const m of r.messages) assert.ok(['error', 'warning', 'info'].includes(m.severity));
      }),
      { seed: SEED, numRuns: 3000, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('bytes (BOMs, UTF-16, broken gzip) never make the reader throw', () => {
    const gz = zlib.gzipSync(Buffer.from('a=1\nb=2\n'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('raw', 'bom8', 'bom16le', 'bom16be', 'gzip-head', 'gzip-cut'), (bytes, kind) => {
        const prefix = { raw: [], bom8: [0xef, 0xbb, 0xbf], bom16le: [0xff, 0xfe], bom16be: [0xfe, 0xff], 'gzip-head': [0x1f, 0x8b], 'gzip-cut': [...gz.subarray(0, 12)] }[kind];
        const input = Uint8Array.from([...prefix, ...bytes]);
        const r = readEventsSync(input);
        checkEvents(r.events, Number.MAX_SAFE_INTEGER - 1);
      }),
      { seed: SEED, numRuns: 2000, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('the streaming reader (tiny chunks) gives the same events as the in-memory one', async () => {
    await fc.assert(
      fc.asyncProperty(fromPieces(LOG_PIECES, 40), fc.constantFrom<LogFormat | 'auto'>('auto', 'json', 'kv', 'csv', 'xml', 'text'), fc.integer({ min: 1, max: 16 }), async (text, format, chunkSize) => {
        const streamed: RawEvent[] = [];
        for await (const e of readEvents({ text }, { format, chunkSize })) streamed.push(e);
        const sync = readEventsSync(text, { format }).events;
        assert.deepStrictEqual(streamed.map((e) => [e.line, e.raw]), sync.map((e) => [e.line, e.raw]));
      }),
      { seed: SEED, numRuns: 1000, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('JSON flattening never throws and emits only for valid JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fromPieces(LOG_PIECES, 40), fc.json({ depthSize: 'large' })), (text) => {
        let valid = true;
        try { JSON.parse(text); } catch { valid = false; }
        const got: [string, string][] = [];
        const ok = flattenJsonText(text, (p, v) => got.push([p, v]));
        if (!valid) assert.deepStrictEqual([ok, got], [false, []]);
        for (const [p, v] of got) assert.ok(typeof p === 'string' && p !== '' && typeof v === 'string');
      }),
      { seed: SEED, numRuns: 3000, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('the SPL parser never throws; every command and error range lies inside the text', () => {
    fc.assert(
      fc.property(fromPieces(SPL_PIECES, 50), (spl) => {
        const p = parseSpl(spl);
        const inside = (r: { start: number; end: number }, what: string) =>
          assert.ok(r.start >= 0 && r.start <= r.end && r.end <= spl.length, `${what} ${JSON.stringify(r)} outside ${JSON.stringify(spl)}`);
        for (const e of p.errors) inside(e.range, 'error');
        forEachCommand(p, (c) => {
          inside(c.range, 'command');
          if (c.kind === 'command') for (const s of c.subsearches) inside(s.range, 'subsearch');
        });
      }),
      { seed: SEED, numRuns: 3000, interruptAfterTimeLimit: LIMIT_MS },
    );
  });
});
