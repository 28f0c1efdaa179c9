import * as assert from 'assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { detachString, LOG_FORMATS, readEvents, readEventsSync } from '../../../server/src/engine/readers';
import type { EngineMessage } from '../../../server/src/engine/types';
import { collect, fixtureBytes, fixturePath } from './helpers';

const EV = (id: number) => `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>${id}</EventID></System></Event>`;

describe('readers: robustness', () => {
  it('reports and drops an <Event> without end at end of input', async () => {
    const { events, messages } = await collect({ text: `${EV(1)}\n\n<Event xmlns='x'><System><EventID>2` });
    assert.strictEqual(events.length, 1);
    assert.deepStrictEqual(messages, [
      { severity: 'warning', message: '<Event> starting at line 3 has no </Event> (input truncated?); dropped', line: 3 },
    ]);
  });

  it('drops a cut-off XML event when the next event starts on a new line', async () => {
    const { events, messages } = await collect({ text: `<Event xmlns='x'><System>\n${EV(2)}\n` });
    assert.deepStrictEqual(events.map((e) => e.line), [2]);
    assert.strictEqual(messages[0].line, 1);
  });

  it('reads several events on one line inside an <Events> wrapper', async () => {
    const { events, messages } = await collect({ text: `<?xml version="1.0"?><Events>${EV(1)}${EV(2)}</Events>` });
    assert.deepStrictEqual(messages, []);
    assert.deepStrictEqual(events.map((e) => e.raw), [EV(1), EV(2)]);
  });

  it('reports stray text outside XML events', async () => {
    const { events, messages } = await collect({ text: `${EV(1)}\ngarbage here\n${EV(2)}` });
    assert.strictEqual(events.length, 2);
    assert.strictEqual(messages.length, 1);
    assert.strictEqual(messages[0].line, 2);
  });

  it('reads files mixing XML and classic WinEventLog events', async () => {
    const text = `${EV(1)}\n01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4104\n${EV(2)}\n`;
    const { events } = await collect({ text });
    assert.deepStrictEqual(events.map((e) => [e.format, e.line]), [['xml', 1], ['wineventlog', 2], ['xml', 5]]);
    assert.strictEqual(events[1].raw, '01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4104');
  });

  it('reports an unterminated JSON array element', async () => {
    const { events, messages } = await collect({ text: '[\n  {"a": 1},\n  {"b": [1, 2' });
    assert.deepStrictEqual(events.map((e) => e.json), [{ a: 1 }]);
    assert.deepStrictEqual(messages, [
      { severity: 'warning', message: 'JSON value starting at line 3 is not terminated (input truncated?); dropped', line: 3 },
    ]);
  });

  it('reports invalid JSON lines with their line number and continues', async () => {
    const { events, messages } = await collect({ text: '{"a":1}\n{"a":2,}\nnot json\n{"a":3\n{"a":4}\n' });
    assert.deepStrictEqual(events.map((e) => [e.line, e.json]), [[1, { a: 1 }], [5, { a: 4 }]]);
    assert.deepStrictEqual(messages.map((m) => m.line), [2, 3, 4]);
    assert.ok(messages.every((m) => m.severity === 'warning'));
  });

  it('reads a single pretty-printed JSON object and concatenated objects', async () => {
    const { events } = await collect({ text: '{\n  "a": {"b": "}"},\n  "c": [1, {"d": 2}]\n}\n{"e": 1}{"f": 2}' });
    assert.deepStrictEqual(events.map((e) => [e.line, e.json]), [
      [1, { a: { b: '}' }, c: [1, { d: 2 }] }],
      [5, { e: 1 }],
      [5, { f: 2 }],
    ]);
  });

  it('reads a minified one-line JSON array with escapes', async () => {
    const { events } = await collect({ text: '[{"s":"a\\"]}"},{"t":"\\\\"},null,-1.5e3]' }, { chunkSize: 5 });
    assert.deepStrictEqual(events.map((e) => e.json), [{ s: 'a"]}' }, { t: '\\' }, null, -1500]);
  });

  it('truncates an over-long line with a warning and keeps memory bounded', async () => {
    const big = 'x'.repeat(5000);
    const { events, messages } = await collect({ text: `short\n${big}\nafter` }, { maxEventChars: 1000, chunkSize: 700 });
    assert.deepStrictEqual(events.map((e) => [e.line, e.raw.length]), [[1, 5], [2, 1000], [3, 5]]);
    assert.strictEqual(messages.length, 1);
    assert.strictEqual(messages[0].line, 2);
  });

  it('handles input without any newline', async () => {
    const { events, messages } = await collect({ bytes: Buffer.alloc(300_000, 0x61) }, { maxEventChars: 4096 });
    assert.strictEqual(events.length, 1);
    assert.strictEqual(events[0].raw.length, 4096);
    assert.strictEqual(messages.length, 1);
  });

  it('skips an over-long JSON value with a warning', async () => {
    const { events, messages } = await collect(
      { text: `[{"a":"${'y'.repeat(3000)}"},{"b":1}]` },
      { maxEventChars: 1000, chunkSize: 256 },
    );
    assert.deepStrictEqual(events.map((e) => e.json), [{ b: 1 }]);
    assert.strictEqual(messages.length, 1);
  });

  it('warns about binary input (NUL bytes) without throwing', async () => {
    const bytes = Buffer.from([0x61, 0x0a, 0x00, 0x01, 0x02, 0xff, 0x0a, 0x62]);
    const { events, messages } = await collect({ bytes });
    assert.strictEqual(events.length, 3);
    assert.ok(messages.some((m) => m.message.includes('NUL') && m.line === 2));
    assert.ok(messages.some((m) => m.message.includes('U+FFFD') && m.line === 2));
  });

  it('warns about invalid UTF-8', async () => {
    const { events, messages } = await collect({ bytes: Buffer.from([0x6f, 0x6b, 0x0a, 0xc3, 0x28, 0x0a]) });
    assert.strictEqual(events.length, 2);
    assert.strictEqual(messages.length, 1);
    assert.strictEqual(messages[0].line, 2);
  });

  it('caps repeated messages and adds a summary', async () => {
    const text = Array.from({ length: 50 }, (_, i) => `bad line ${i}`).join('\n');
    const seen: EngineMessage[] = [];
    const { messages } = await collect({ text }, { format: 'json', onMessage: (m) => seen.push(m) });
    assert.strictEqual(messages.length, 21);
    assert.strictEqual(messages[20].severity, 'info');
    assert.ok(messages[20].message.startsWith('30 more'));
    assert.deepStrictEqual(seen, messages);
  });

  it('reports an unclosed CSV quote at end of input', async () => {
    const { events, messages } = await collect({ text: 'a,b\n1,2\n3,"open\n' });
    assert.strictEqual(events.length, 1);
    assert.strictEqual(messages[0].line, 3);
  });

  it('splits lone-CR line endings', async () => {
    const { events } = await collect({ text: 'a=1 b=2\rc=3 d=4\r' }, { chunkSize: 3 });
    assert.deepStrictEqual(events.map((e) => [e.line, e.raw]), [[1, 'a=1 b=2'], [2, 'c=3 d=4']]);
  });

  it('reports a missing file as an error message', async () => {
    const { events, messages } = await collect({ path: path.join(os.tmpdir(), 'dw-no-such-file.log') });
    assert.strictEqual(events.length, 0);
    assert.strictEqual(messages[0].severity, 'error');
  });

  it('reads what it can from truncated gzip and warns', async () => {
    const gz = zlib.gzipSync(Buffer.from(Array.from({ length: 2000 }, (_, i) => EV(i)).join('\n')));
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const { events, messages } = await collect({ bytes: cut });
    assert.ok(events.length > 100 && events.length < 2000, `events: ${events.length}`);
    assert.ok(messages.some((m) => m.message.includes('compressed input')));
    const sync = readEventsSync(cut);
    assert.ok(sync.messages.some((m) => m.message.includes('compressed input')));
  });

  it('stops promptly when aborted', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => EV(i)).join('\n');
    const controller = new AbortController();
    const stream = readEvents({ text }, { signal: controller.signal, chunkSize: 4096 });
    let n = 0;
    for await (const _e of stream) {
      if (++n === 10) controller.abort();
    }
    assert.ok(n < 100, `read ${n} events after abort`);
    assert.ok(stream.messages.some((m) => m.message.startsWith('reading cancelled')));
  });

  it('lets timers run while reading, so an abort from elsewhere stops it', async () => {
    const total = 2_000_000;
    const text = 'line\n'.repeat(total);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1);
    let n = 0;
    for await (const batch of readEvents({ text }, { signal: controller.signal }).batches()) n += batch.length;
    assert.ok(n < total, `read all ${n} events despite the abort`);
  });

  it('stops reading a file when aborted before start, and can be broken out of', async () => {
    const controller = new AbortController();
    controller.abort();
    const { events } = await collect({ path: fixturePath('sysmon.xml') }, { signal: controller.signal });
    assert.strictEqual(events.length, 0);
    const stream = readEvents({ path: fixturePath('sysmon.xml.gz') });
    for await (const _e of stream) break; // must not leak or hang
  });

  it('is single-use', async () => {
    const stream = readEvents({ text: 'a\nb' });
    const first: string[] = [];
    for await (const e of stream) first.push(e.raw);
    const second: string[] = [];
    for await (const e of stream) second.push(e.raw);
    assert.deepStrictEqual([first.length, second.length], [2, 0]);
  });

  it('reads a file from disk in small chunks like a single read', async () => {
    const tmp = path.join(os.tmpdir(), `dw-readers-${process.pid}.json`);
    fs.writeFileSync(tmp, fixtureBytes('o365.json'));
    try {
      const small = await collect({ path: tmp }, { chunkSize: 7 });
      const whole = readEventsSync(fixtureBytes('o365.json'));
      assert.deepStrictEqual(small.events, whole.events);
    } finally {
      fs.unlinkSync(tmp);
    }
  });
});

describe('readers: helpers', () => {
  it('detachString copies without changing the text', () => {
    const chunk = 'x'.repeat(70000) + 'event text here' + 'y'.repeat(100);
    const slice = chunk.slice(70000, 70015);
    assert.strictEqual(detachString(slice), 'event text here');
    assert.strictEqual(LOG_FORMATS.length, 8);
  });
});
