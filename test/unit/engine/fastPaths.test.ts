// Fast paths that must give exactly what the plain code gives: line-wise UTF-8 decoding, IN lists
// matched through sets, the numeric-text test, the plain ISO timestamp parser, the XML block
// scanner's closing-tag search, tag classification reused from the tstats gate, and eventtypes
// skipped by their conditions on source/sourcetype/host.
import * as assert from 'assert';
import fc from 'fast-check';
import { TextDecoder } from 'util';
import { xmlBlocks } from '../../../server/src/engine/extract/auto/winxml';
import { parseTimestamp } from '../../../server/src/engine/extract/auto/time';
import { createExtractor } from '../../../server/src/engine/extract';
import { isNumericText } from '../../../server/src/engine/eval/values';
import { readEventsSync } from '../../../server/src/engine/readers';
import { Utf8ChunkDecoder } from '../../../server/src/engine/readers/encoding';
import { eventtypeSearchCompiler } from '../../../server/src/engine/pipeline/eventtypeSearch';
import { inMatcher, valueMatcher } from '../../../server/src/engine/search/match';
import { cidrMatch, cidrMatcher } from '../../../server/src/engine/eval/functions';
import type { Row, Scalar } from '../../../server/src/engine/types';
import { decodeAtCuts } from '../../support/chunkedDecode';

const SYSMON = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' };

describe('engine fast paths', () => {
  it('UTF-8 pieces (ASCII lines apart from the others) join to what TextDecoder gives', () => {
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x41, 0x0a, 0x0a, 0x0d, 0xc2, 0xae, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)), { maxLength: 60 });
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(60), { maxLength: 5 }), (arr, cuts) => {
        const all = Uint8Array.from(arr);
        const out = decodeAtCuts(all, cuts, new Utf8ChunkDecoder(), (d, piece) => {
          const pieces = d.pieces(piece);
          assert.ok(pieces.every((s) => s.length > 0));
          return pieces.join('');
        });
        assert.strictEqual(out, new TextDecoder('utf-8', { ignoreBOM: true }).decode(all));
      }),
      { numRuns: 3000 },
    );
    const pieces = new Utf8ChunkDecoder().pieces(Buffer.from('a\nb\nMicrosoft® Windows®\nc\nd'));
    assert.deepStrictEqual(pieces, ['a\nb\n', 'Microsoft® Windows®\n', 'c\nd']);
  });

  it('an IN list matches exactly when one of its values does', () => {
    const pattern = fc.oneof(
      fc.constantFrom('1', '01', '1.0', '-3', '1e3', 'abc', 'ABC', 'a*', '*', '', 'inf', 'NaN', '10.0.0.0/8', 'İ', 'i̇', ' 7 '),
      fc.string({ maxLength: 4 }),
    );
    const value: fc.Arbitrary<Scalar> = fc.oneof(
      fc.constantFrom<Scalar>('1', '01', '1.0', ' 1', '1000', 'abc', 'Abc', 'ab', '10.1.2.3', 'İ', 'i̇', 'inf', 'NaN', '', 7, 1, 1000, -3, Infinity, NaN, 0),
      fc.string({ maxLength: 4 }),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 5 }), value, (patterns, v) => {
        const expected = patterns.some((p) => valueMatcher(p)(v));
        assert.strictEqual(inMatcher(patterns)(v), expected, `${JSON.stringify(patterns)} vs ${JSON.stringify(v)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('isNumericText agrees with the numeric pattern', () => {
    const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
    const text = fc.oneof(fc.stringMatching(/^[\s0-9+\-.eEa-z]{0,8}$/), fc.string({ maxLength: 6 }), fc.constantFrom('', '0', '007', '1.', '.5', '1e5', ' 3 ', 'x1', '١'));
    fc.assert(fc.property(text, (s) => assert.strictEqual(isNumericText(s), NUMERIC.test(s), JSON.stringify(s))), { numRuns: 5000 });
  });

  it('ISO timestamps parse as the ISO pattern reads them', () => {
    const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC|GMT)?/;
    const reference = (t: string): number | undefined => {
      const m = ISO.exec(t.trim());
      if (!m) return undefined;
      const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => +(m[i] ?? 0));
      if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 24 && mi <= 59 && s <= 61)) return undefined;
      const ms = Date.UTC(y, mo - 1, d, h, mi, s);
      const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[8] ?? '');
      const off = z ? (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) : 0;
      return Number.isNaN(ms) ? undefined : ms / 1000 + (m[7] ? Number('0.' + m[7]) : 0) - off * 60;
    };
    const d2 = fc.integer({ min: 0, max: 99 }).map((x) => String(x).padStart(2, '0'));
    const iso = fc
      .tuple(fc.integer({ min: 0, max: 9999 }).map((x) => String(x).padStart(4, '0')), d2, d2, fc.constantFrom('T', ' ', 't'), d2, d2, d2,
        fc.oneof(fc.constant(''), fc.stringMatching(/^[.,][0-9]{0,18}$/)), fc.constantFrom('', 'Z', 'z', 'Zx', ' ', '1', ':', 'x', '  ', '+05:00', ' -0130', 'UTC', '+05'))
      .map(([y, mo, d, sep, h, mi, s, f, z]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${f}${z}`);
    fc.assert(fc.property(iso, (t) => assert.ok(Object.is(parseTimestamp(t), reference(t)), t)), { numRuns: 20000 });
    assert.strictEqual(parseTimestamp('2024-04-30T08:00:00.026002735Z'), Date.UTC(2024, 3, 30, 8) / 1000 + 0.026002735);
  });

  it('XML blocks equal the regex on random element soups', () => {
    const piece = fc.oneof(
      fc.constantFrom('<', '>', '/', '</', '<System>', '</System>', '<System a="1">', 'System>', '</System', '<Systemx>', 'x', ' ', '\n'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        const got: string[] = [];
        xmlBlocks(s, 'System', (inner) => got.push(inner));
        assert.deepStrictEqual(got, [...s.matchAll(/<System(?:\s+[^>]+)?>([\s\S]*?)<\/System>/g)].map((m) => m[1]));
      }),
      { numRuns: 3000 },
    );
  });

  it('a tag gate decided before the last steps keeps exactly the rows extract tags', () => {
    const d = (n: string, v: string) => `<Data Name='${n}'>${v}</Data>`;
    const event = (id: number, extra = '') =>
      `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>${id}</EventID>` +
      `<TimeCreated SystemTime='2024-04-30T10:00:00.000Z'/><Computer>wks-1</Computer></System><EventData>${d('Image', 'C:\\x\\a.exe')}${extra}</EventData></Event>`;
    const lines = [event(1), event(3), event(3, d('tag', 'process')), event(1, d('EventCode', '3')), event(13, d('eventtype', 'x')), event(10)];
    const ex = createExtractor({});
    const has = (r: Row, f: string, v: string) => [r[f]].flat().includes(v);
    const gates = [
      { fields: ['tag'], test: (r: Row) => has(r, 'tag', 'process') && has(r, 'tag', 'report') },
      { fields: ['tag', 'EventCode'], test: (r: Row) => has(r, 'tag', 'process') || has(r, 'EventCode', '3') },
      { fields: ['eventtype'], test: (r: Row) => r.eventtype !== undefined },
    ];
    for (const gate of gates) {
      for (const raw of readEventsSync(lines.join('\n'), { format: 'xml' }).events) {
        const full = ex.extract(raw, SYSMON);
        const gated = ex.extractIf(raw, SYSMON, gate);
        if (gate.test(full)) assert.deepStrictEqual(gated, full);
        else assert.strictEqual(gated, undefined);
      }
    }
  });

  it('eventtypes skipped by their metadata conditions leave every row as evaluating them all does', () => {
    const d = (n: string, v: string) => `<Data Name='${n}'>${v}</Data>`;
    const event = (id: number, extra = '') =>
      `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>${id}</EventID>` +
      `<TimeCreated SystemTime='2024-04-30T10:00:00.000Z'/><Computer>wks-1</Computer></System><EventData>${d('Image', 'C:\\x\\a.exe')}${extra}</EventData></Event>`;
    const raws = readEventsSync([event(1), event(3, d('source', 'other')), event(4104), event(7045), event(1, d('sourcetype', 'x')), event(11)].join('\n'), { format: 'xml' }).events;
    const inputs = [
      SYSMON,
      { source: 'XmlWinEventLog:Microsoft-Windows-PowerShell/Operational', sourcetype: 'xmlwineventlog', host: 'h' },
      { source: 'XmlWinEventLog:System', sourcetype: 'XmlWinEventLog', host: 'h2' },
      { source: 'xmlwineventlog:microsoft-windows-sysmon/operational', sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', host: 'h' },
      { source: 'syslog', sourcetype: 'sysmon:linux', host: 'h' },
    ];
    const skipping = createExtractor({ searchCompiler: eventtypeSearchCompiler });
    const all = createExtractor({ searchCompiler: { compile: eventtypeSearchCompiler.compile } });
    let tagged = 0;
    for (const meta of [...inputs, ...inputs.reverse()]) {
      for (const raw of raws) {
        const row = skipping.extract(raw, meta);
        assert.deepStrictEqual(row, all.extract(raw, meta));
        if (row.eventtype !== undefined) tagged++;
      }
    }
    assert.ok(tagged > 4, `tagged ${tagged}`);
  });
});

describe('fast path: CIDR matching with the range parsed once', () => {
  it('gives cidrMatch’s answer for IPv4 and IPv6 ranges and any value text', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const dotted = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
    const odd = fc.constantFrom('', ' 10.1.2.3 ', '010.0.0.1', '10.1', '0xa.0.0.1', '::ffff:10.1.2.3', '2001:db8::1', 'x', '10.0.0.256', '1.2.3.4.5', '10.0.0.01');
    const value = fc.oneof(dotted, odd);
    const range = fc.oneof(
      fc.tuple(dotted, fc.integer({ min: 0, max: 32 })).map(([a, b]) => `${a}/${b}`),
      dotted,
      fc.constantFrom('2001:db8::/32', '::ffff:0:0/96', '10.0.0.0/8', ' 192.168.0.0/16 ', 'not-a-cidr', '10.0.0.0/33'),
    );
    fc.assert(
      fc.property(range, fc.array(value, { minLength: 1, maxLength: 8 }), (c, vs) => {
        const m = cidrMatcher(c);
        for (const v of vs) assert.strictEqual(m(v), cidrMatch(c, v), `${c} ∋ ${JSON.stringify(v)}`);
      }),
      { numRuns: 3000 },
    );
  });
});
