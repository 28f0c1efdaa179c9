import * as assert from 'assert';
import fc from 'fast-check';
import { readEventsSync, type ReadOptions } from '../../../server/src/engine/readers';
import type { LogFormat } from '../../../server/src/engine/types';
import { collect, fixtureBytes, fixtureNames } from './helpers';

const FORMATS: LogFormat[] = ['xml', 'json', 'csv', 'kv', 'auditd', 'syslog-xml', 'wineventlog', 'text'];
const formatArb = fc.constantFrom<LogFormat | 'auto'>('auto', ...FORMATS);

/** Text built from the characters and tokens the framers react to. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '{', '}', '[', ']', '"', '\\', ',', ':', ' ', '\n', '\r\n', '\r', '\t', 'a', '1', '=',
        '<Event>', "<Event xmlns='x'>", '</Event>', '<EventData>', '<Events>', '<?xml?>',
        '{"Records":[', '{"a":1}', '01/02/2024 10:00:00 AM\n', 'type=SYSCALL msg=audit(1.2:3): ', '""', 'é', '😀',
      ),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('readers: properties', () => {
  it('never throws or hangs on random bytes, in any format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), formatArb, fc.integer({ min: 1, max: 97 }), async (bytes, format, chunkSize) => {
        const options: ReadOptions = { format, chunkSize, maxEventChars: 128 };
        const streamed = await collect({ bytes }, options);
        const sync = readEventsSync(bytes, options);
        assert.deepStrictEqual(streamed.events, sync.events);
        for (const e of streamed.events) assert.ok(e.raw.length <= 128 && e.line >= 1);
      }),
      { numRuns: 150 },
    );
  });

  it('decides a lone-CR file the same way for every chunking, even after a line longer than the cap', async () => {
    // regression: pieces shorter than the first line used to force `\n` before the `\r` was seen
    const text = 'type=SYSCALL msg=audit(1.2:3): type=SYSCALL msg=audit(1.2:3): </Event>\r{';
    const options: ReadOptions = { format: 'wineventlog', maxEventChars: 64 };
    const whole = readEventsSync(text, options);
    assert.deepStrictEqual(whole.messages.map((m) => m.line), [1, 1, 2]);
    for (const chunkSize of [1, 2, 7, 64, 70, 71]) {
      const chunked = await collect({ text }, { ...options, chunkSize });
      assert.deepStrictEqual(chunked.messages, whole.messages, `chunk size ${chunkSize}`);
      assert.deepStrictEqual(chunked.events, whole.events, `chunk size ${chunkSize}`);
    }
  });

  it('gives the same events and messages for any chunking of tricky text', async () => {
    await fc.assert(
      fc.asyncProperty(trickyText, formatArb, fc.integer({ min: 1, max: 40 }), async (text, format, chunkSize) => {
        const options: ReadOptions = { format, maxEventChars: 64 };
        const whole = readEventsSync(text, options);
        const chunked = await collect({ text }, { ...options, chunkSize });
        assert.deepStrictEqual(chunked.events, whole.events);
        assert.deepStrictEqual(chunked.messages, whole.messages);
        const bytes = await collect({ bytes: Buffer.from(text, 'utf8') }, { ...options, chunkSize });
        assert.deepStrictEqual(bytes.events, whole.events);
      }),
      { numRuns: 300 },
    );
  });

  for (const name of fixtureNames()) {
    const bytes = fixtureBytes(name);
    const whole = readEventsSync(bytes);

    it(`${name}: random chunk sizes give the same events as one read`, async () => {
      assert.ok(whole.events.length > 0);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2048 }), async (chunkSize) => {
          const streamed = await collect({ bytes }, { chunkSize });
          assert.deepStrictEqual(streamed.events, whole.events);
          assert.deepStrictEqual(streamed.messages, whole.messages);
        }),
        { numRuns: 25 },
      );
    });

    it(`${name}: every truncated prefix reads without throwing, keeping the complete events`, async () => {
      const format = whole.info.format;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: bytes.length }), fc.integer({ min: 1, max: 512 }), async (cut, chunkSize) => {
          const prefix = bytes.subarray(0, cut);
          const { events } = await collect({ bytes: prefix }, { format, chunkSize });
          const complete = events.slice(0, -1);
          assert.deepStrictEqual(complete, whole.events.slice(0, complete.length));
          assert.ok(events.length <= whole.events.length);
        }),
        { numRuns: 40 },
      );
    });
  }
});
