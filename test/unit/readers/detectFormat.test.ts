import * as assert from 'assert';
import * as zlib from 'node:zlib';
import { detectFormat, sniffEncoding } from '../../../server/src/engine/readers';
import { fixtureBytes, fixtureNames } from './helpers';

describe('readers: detectFormat', () => {
  const expected: Record<string, string> = {
    'auditd.log': 'auditd',
    'cloudtrail.json': 'json',
    'cloudtrail_records.json': 'json',
    'cloudtrail_utf8bom.json': 'json',
    'nginx_kv.log': 'kv',
    'o365.json': 'json',
    'powershell_4104.xml': 'xml',
    'processes.csv': 'csv',
    'security_pretty.xml': 'xml',
    'sysmon.xml': 'xml',
    'sysmon.xml.gz': 'xml',
    'sysmon_crlf.xml': 'xml',
    'sysmon_linux.log': 'syslog-xml',
    'sysmon_utf16le.xml': 'xml',
    'wineventlog.log': 'wineventlog',
  };

  for (const name of fixtureNames()) {
    it(`detects ${name} from its bytes`, () => {
      assert.ok(name in expected, `fixture ${name} has an expected format`);
      assert.strictEqual(detectFormat(fixtureBytes(name)), expected[name]);
    });
  }

  const cases: [string, string][] = [
    ['', 'text'],
    ['\n\n   \n', 'text'],
    ['\n\n<Event xmlns=\'x\'><System/></Event>', 'xml'],
    ['<Event><System><Provider Name="Linux-Sysmon"/></System></Event>', 'xml'],
    ['<?xml version="1.0"?>\n<Events>', 'xml'],
    ['<14>1 2024-02-22T12:33:50-05:00 fw01 - - - - 1,2024/02/22 12:33:50,0128,TRAFFIC', 'text'],
    ['[\n  {"a": 1}\n]', 'json'],
    ['[1, 2]', 'json'],
    ['{"a": 1}\n{"a": 2}', 'json'],
    ['{\n  "a": 1\n}', 'json'],
    ['[19/Aug/2024:19:41:22 +0000]    USER=!!ABSENT!! GROUP=x', 'kv'],
    ['{something} else', 'text'],
    ['node=host1 type=EXECVE msg=audit(1723044684.257:15795): argc=1 a0="id"', 'auditd'],
    ['07/01/2021 04:20:47 PM\nLogName=Microsoft-Windows-PrintService/Operational', 'wineventlog'],
    ['name,value\nx,1\n', 'csv'],
    ['name,"quoted, header"\n"multi\nline",2\n', 'csv'],
    ['hello, world\nsecond line here', 'text'],
    ['May 10 11:08:39 sjc.example.com 1,2022/05/10 11:08:38,013201004583,THREAT\nMay 10 11:08:40 sjc.example.com 1,2022/05/10 11:08:39,013201004583,THREAT', 'text'],
    ['May 27 09:28:36 ip-172-31-24-46 sshd[5617]: Accepted password for mikael', 'text'],
    ['a=1 b="two words" c=3', 'kv'],
    ['\ufeff{"a":1}', 'json'],
  ];
  for (const [text, format] of cases) {
    it(`detects ${JSON.stringify(text.slice(0, 40))} as ${format}`, () => {
      assert.strictEqual(detectFormat(text), format);
      assert.strictEqual(detectFormat(Buffer.from(text, 'utf8')), format);
    });
  }

  it('looks into gzip and UTF-16BE samples', () => {
    assert.strictEqual(detectFormat(zlib.gzipSync('type=SYSCALL msg=audit(1.2:3): a=1\n')), 'auditd');
    const be = Buffer.from('\ufeff{"a":1}\n', 'utf16le').swap16();
    assert.strictEqual(sniffEncoding(be), 'utf-16be');
    assert.strictEqual(detectFormat(be), 'json');
  });

  it('sniffs BOM-less UTF-16 by its zero bytes', () => {
    assert.strictEqual(sniffEncoding(Buffer.from('<Ev', 'utf16le')), 'utf-16le');
    assert.strictEqual(sniffEncoding(Buffer.from('<Ev', 'utf16le').swap16()), 'utf-16be');
    assert.strictEqual(sniffEncoding(Buffer.from('plain')), 'utf-8');
  });
});
