// Reader throughput benchmark. Skipped unless DW_BENCH=1:
//   DW_BENCH=1 npx mocha --require tsx/cjs --extension ts test/unit/readers/bench.test.ts
// Writes ~200k Sysmon-like XML events (one per line) to os.tmpdir() and compares the reader with
// the floor: the same file read synchronously in 64 KiB chunks, decoded and split into lines, nothing else.

import * as assert from 'assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { readEvents } from '../../../server/src/engine/readers';

const EVENTS = Number(process.env.DW_BENCH_EVENTS ?? 200_000);

function sysmonLine(i: number): string {
  const common =
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/>` +
    `<EventID>${i % 3 === 0 ? 3 : 1}</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>` +
    `<TimeCreated SystemTime='2024-03-05T09:${String(i % 60).padStart(2, '0')}:44.120331500Z'/><EventRecordID>${i}</EventRecordID><Correlation/>` +
    `<Execution ProcessID='3140' ThreadID='4012'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>wks-${i % 500}.corp.example</Computer>` +
    `<Security UserID='S-1-5-18'/></System><EventData><Data Name='RuleName'>-</Data><Data Name='UtcTime'>2024-03-05 09:12:44.118</Data>` +
    `<Data Name='ProcessGuid'>{1d2c6a11-e2bc-65e6-4c02-${String(i).padStart(12, '0')}}</Data><Data Name='ProcessId'>${1000 + (i % 60000)}</Data>`;
  if (i % 3 === 0) {
    return `${common}<Data Name='Image'>C:\\Windows\\System32\\svchost.exe</Data><Data Name='User'>NT AUTHORITY\\SYSTEM</Data><Data Name='Protocol'>tcp</Data><Data Name='Initiated'>true</Data><Data Name='SourceIsIpv6'>false</Data><Data Name='SourceIp'>10.20.${i % 250}.17</Data><Data Name='SourceHostname'>-</Data><Data Name='SourcePort'>${49152 + (i % 16000)}</Data><Data Name='DestinationIsIpv6'>false</Data><Data Name='DestinationIp'>203.0.113.${i % 250}</Data><Data Name='DestinationPort'>443</Data><Data Name='DestinationPortName'>https</Data></EventData></Event>`;
  }
  return `${common}<Data Name='Image'>C:\\Windows\\System32\\cmd.exe</Data><Data Name='FileVersion'>10.0.19041.3636</Data><Data Name='Description'>Windows Command Processor</Data><Data Name='Product'>Microsoft&#174; Windows&#174; Operating System</Data><Data Name='Company'>Microsoft Corporation</Data><Data Name='OriginalFileName'>Cmd.Exe</Data><Data Name='CommandLine'>"C:\\Windows\\system32\\cmd.exe" /c whoami /all &gt; %TEMP%\\w${i}.txt 2&gt;&amp;1</Data><Data Name='CurrentDirectory'>C:\\Users\\jdoe\\</Data><Data Name='User'>CORP\\jdoe</Data><Data Name='LogonId'>0xb41aa</Data><Data Name='IntegrityLevel'>Medium</Data><Data Name='Hashes'>SHA256=B99D114B267FFD068C3289199B6DF95A9B9B3E7C3D4F0F1B2F5E3E7B8A1C2D3E</Data><Data Name='ParentProcessId'>5512</Data><Data Name='ParentImage'>C:\\Windows\\explorer.exe</Data><Data Name='ParentCommandLine'>C:\\Windows\\Explorer.EXE</Data></EventData></Event>`;
}

/** The floor: synchronous 64 KiB reads, StringDecoder, split on `\n`, count non-empty lines. */
async function floor(file: string): Promise<number> {
  const decoder = new StringDecoder('utf8');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(64 * 1024);
  let carry = '';
  let lines = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = carry + decoder.write(buf.subarray(0, n));
      let start = 0;
      let nl = text.indexOf('\n');
      while (nl !== -1) {
        if (nl > start) lines++;
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      carry = text.slice(start);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (carry.length > 0) lines++;
  return lines;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

(process.env.DW_BENCH === '1' ? describe : describe.skip)('readers: benchmark (DW_BENCH=1)', function () {
  this.timeout(600_000);
  const file = path.join(os.tmpdir(), `dw-readers-bench-${process.pid}.xml`);

  before(() => {
    const fd = fs.openSync(file, 'w');
    let buf: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      buf.push(sysmonLine(i));
      if (buf.length === 2000) {
        fs.writeSync(fd, buf.join('\n') + '\n');
        buf = [];
      }
    }
    if (buf.length > 0) fs.writeSync(fd, buf.join('\n') + '\n');
    fs.closeSync(fd);
  });

  after(() => fs.rmSync(file, { force: true }));

  it('reads Sysmon XML at least at half the speed of read+split', async () => {
    const mb = fs.statSync(file).size / 1e6;
    const report = (label: string, ms: number, n: number) =>
      console.log(`    ${label.padEnd(34)} ${(n / (ms / 1000) / 1000).toFixed(0).padStart(5)} k events/s  ${(mb / (ms / 1000)).toFixed(0).padStart(5)} MB/s  (${ms.toFixed(0)} ms)`);
    await floor(file); // warm the page cache
    const best = async <T>(fn: () => Promise<T>) => {
      let r = await time(fn);
      for (let k = 0; k < 2; k++) {
        const again = await time(fn);
        if (again.ms < r.ms) r = again;
      }
      return r;
    };
    const f = await best(() => floor(file));
    const perEvent = await best(async () => {
      let n = 0;
      for await (const _e of readEvents({ path: file })) n++;
      return n;
    });
    const batched = await best(async () => {
      let n = 0;
      for await (const batch of readEvents({ path: file }).batches()) n += batch.length;
      return n;
    });
    console.log(`    file: ${EVENTS} events, ${mb.toFixed(0)} MB`);
    report('floor (read + decode + split)', f.ms, f.value);
    report('readEvents (for await per event)', perEvent.ms, perEvent.value);
    report('readEvents().batches()', batched.ms, batched.value);
    assert.strictEqual(perEvent.value, EVENTS);
    assert.strictEqual(batched.value, EVENTS);
    assert.strictEqual(f.value, EVENTS);
  });

  it('reads CloudTrail-like JSON lines (JSON.parse per event)', async () => {
    const jsonFile = path.join(os.tmpdir(), `dw-readers-bench-${process.pid}.json`);
    const n = Math.floor(EVENTS / 2);
    const fd = fs.openSync(jsonFile, 'w');
    for (let i = 0; i < n; i += 1000) {
      const lines: string[] = [];
      for (let k = i; k < Math.min(n, i + 1000); k++) lines.push(cloudTrailLine(k));
      fs.writeSync(fd, lines.join('\n') + '\n');
    }
    fs.closeSync(fd);
    try {
      const mb = fs.statSync(jsonFile).size / 1e6;
      const f = await time(() => floor(jsonFile));
      const r = await time(async () => {
        let count = 0;
        for await (const batch of readEvents({ path: jsonFile }).batches()) count += batch.length;
        return count;
      });
      console.log(`    JSON lines: ${n} events, ${mb.toFixed(0)} MB`);
      console.log(`    floor ${(n / f.ms).toFixed(0)} k events/s, readEvents().batches() ${(n / r.ms).toFixed(0)} k events/s (${(mb / (r.ms / 1000)).toFixed(0)} MB/s)`);
      assert.strictEqual(r.value, n);
    } finally {
      fs.rmSync(jsonFile, { force: true });
    }
  });
});

function cloudTrailLine(i: number): string {
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: `AIDA${i}`, arn: `arn:aws:iam::111122223333:user/u${i % 97}`, accountId: '111122223333', userName: `u${i % 97}` },
    eventTime: '2024-04-02T08:15:31Z',
    eventSource: 'iam.amazonaws.com',
    eventName: i % 2 ? 'CreateAccessKey' : 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress: `198.51.100.${i % 250}`,
    userAgent: 'aws-cli/2.15.30 Python/3.11.8',
    requestParameters: { userName: `target${i % 13}`, maxItems: 100 },
    responseElements: null,
    requestID: `3d6b1f0e-9c2a-4c1b-8e57-${String(i).padStart(12, '0')}`,
    eventID: `a1b2c3d4-e5f6-4a7b-8c9d-${String(i).padStart(12, '0')}`,
    readOnly: i % 2 === 0,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  });
}
