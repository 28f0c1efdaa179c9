import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadAddonConfig } from '../../../server/src/engine/extract/conf/load';
import { FieldExtractor } from '../../../server/src/engine/extract/extractor';
import { EVAL_FUNCTIONS } from '../../../server/src/engine/eval/functions';
import { EvalCompiler } from '../../../server/src/engine/extract/ops/eval';
import { Row } from '../../../server/src/engine/types';
import { CLOUDTRAIL, SECURITY_4688, SYSMON_1, SYSMON_13 } from './fixtures/events';

const ADDONS = path.join(__dirname, '../../../server/addons');
const config = loadAddonConfig({ builtinDir: ADDONS });

/** Function names called in an eval expression (outside string literals), and whether quotes/parens balance. */
function scanEval(expr: string): { calls: string[]; balanced: boolean } {
  const calls: string[] = [];
  let depth = 0;
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      const end = expr.indexOf(c, i + 1);
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === '\\' ? 2 : 1;
      if (end < 0 || j >= expr.length) return { calls, balanced: false };
      i = j + 1;
      continue;
    }
    const m = /^([A-Za-z_]\w*)\s*\(/.exec(expr.slice(i));
    if (m && !/[\w.]/.test(expr[i - 1] ?? '') && !/^(AND|OR|NOT|XOR|IN|LIKE)$/.test(m[1])) {
      calls.push(m[1]);
      i += m[1].length;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth < 0) return { calls, balanced: false };
    i++;
  }
  return { calls, balanced: depth === 0 };
}

describe('extract/built-in packs', () => {
  it('every pack has a README and parses without problems', () => {
    for (const pack of fs.readdirSync(ADDONS).filter((p) => fs.statSync(path.join(ADDONS, p)).isDirectory())) {
      assert.ok(fs.existsSync(path.join(ADDONS, pack, 'README.md')), `${pack}/README.md`);
    }
    assert.deepEqual(config.problems, []);
  });

  it('EVAL expressions use only plain SPL eval functions with balanced quotes and parentheses', () => {
    let n = 0;
    for (const st of config.props.values()) {
      for (const s of st.settings.values()) {
        if (!s.key.startsWith('EVAL-')) continue;
        n++;
        const { calls, balanced } = scanEval(s.value);
        assert.ok(balanced, `${s.file}:${s.line} unbalanced: ${s.value}`);
        for (const f of calls) assert.ok(f in EVAL_FUNCTIONS, `${s.file}:${s.line} unknown eval function ${f}()`);
      }
    }
    assert.ok(n > 40);
  });

  it('every REPORT names an existing transform, every LOOKUP an existing lookup file', () => {
    const ex = new FieldExtractor({ config });
    for (const st of config.props.values()) {
      if (st.name.startsWith('(')) continue;
      const source = st.name.startsWith('source::') ? st.name.slice(8) : 'x';
      const sourcetype = st.name.startsWith('source::') ? 'xmlwineventlog' : st.name;
      ex.plan({ source, sourcetype, host: 'h' });
    }
    const problems = ex.messages().filter((m) => !m.message.startsWith('EVAL-'));
    assert.deepEqual(problems, []);
  });

  describe('CIM fields (EVALs evaluated by a fake compiler only where noted)', () => {
    const ex = new FieldExtractor({ config });
    let sysmon: Row;
    let sec: Row;
    let ct: Row;
    before(() => {
      sysmon = ex.extract({ raw: SYSMON_1, format: 'xml', line: 1 }, { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' });
      sec = ex.extract({ raw: SECURITY_4688, format: 'xml', line: 1 }, { source: 'XmlWinEventLog:Security', sourcetype: 'XmlWinEventLog:Security', host: 'h' });
      ct = ex.extract({ raw: CLOUDTRAIL, format: 'json', line: 1 }, { source: 'aws_cloudtrail', sourcetype: 'aws:cloudtrail', host: 'h' });
    });

    it('sysmon: process, parent, hashes, user, signature, eventtype and tags', () => {
      assert.equal(sysmon.process_name, 'cmd.exe');
      assert.equal(sysmon.process_exec, 'cmd.exe');
      assert.equal(sysmon.process_path, 'C:\\Windows\\System32\\cmd.exe');
      assert.equal(sysmon.process, 'cmd.exe /c whoami &gt; out.txt 2&gt;&amp;1');
      assert.equal(sysmon.process_id, '4242');
      assert.equal(sysmon.parent_process_name, 'explorer.exe');
      assert.equal(sysmon.parent_process_id, '4000');
      assert.equal(sysmon.original_file_name, 'Cmd.Exe');
      assert.equal(sysmon.user, 'EXAMPLE\\alice');
      assert.equal(sysmon.MD5, '0123456789ABCDEF0123456789ABCDEF');
      assert.equal(sysmon.IMPHASH, 'CD');
      assert.equal(sysmon.EventDescription, 'Process Create');
      assert.equal(sysmon.signature, 'Process Create');
      assert.equal(sysmon.TimeCreated, '2024-01-02T03:04:05.678901200Z');
      assert.equal(sysmon.eventtype, 'ms-sysmon-process');
      assert.deepEqual(sysmon.tag, ['process', 'report']);
    });

    it('sysmon registry: path, hive, key, value name/data/type, action and category lookups, tags', () => {
      const r = ex.extract({ raw: SYSMON_13, format: 'xml', line: 1 }, { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' });
      assert.equal(r.registry_path, 'HKLM\\Software\\Example\\Run\\Updater');
      assert.equal(r.registry_hive, 'HKLM');
      assert.equal(r.registry_key_name, 'Updater');
      assert.equal(r.registry_value_data, 'DWORD (0x00000001)');
      assert.equal(r.RegistryValueData, '0x00000001');
      assert.equal(r.registry_value_type, 'DWORD');
      assert.equal(r.action, 'modified');
      assert.equal(r.object_category, 'registry');
      assert.equal(r.signature, 'Registry value set');
      assert.deepEqual(r.tag, ['endpoint', 'registry']);
    });

    it('windows security 4688: new process, parent, command line parts, subject, dest, lookup', () => {
      assert.equal(sec.EventCode, '4688');
      assert.equal(sec.new_process, 'C:\\Tools\\tool.exe');
      assert.equal(sec.new_process_name, 'tool.exe');
      assert.equal(sec.parent_process_name, 'services.exe');
      assert.equal(sec.process_command_line_process, '"C:\\Tools\\tool.exe"');
      assert.equal(sec.process_command_line_arguments, '--flag');
      assert.equal(sec.Caller_User_Name, 'WKS-02$');
      assert.equal(sec.src_user, 'WKS-02$');
      assert.equal(sec.user, undefined, 'TargetUserName "-" is not a user');
      assert.equal(sec.dest, 'wks-02');
      assert.equal(sec.signature, 'A new process has been created');
      assert.equal(sec.process_id, '4', 'process_id from <Execution ProcessID> before the EVAL');
    });

    it('cloudtrail: flattened JSON plus aliases, time from TIME_PREFIX/TIME_FORMAT, wildcard lookup', () => {
      assert.equal(ct['userIdentity.userName'], 'bob');
      assert.equal(ct.signature, 'DeleteUser');
      assert.equal(ct.src_ip, '198.51.100.7');
      assert.equal(ct.region, 'us-east-1');
      assert.equal(ct.responseElements, 'null');
      assert.equal(ct.action, 'deleted');
      assert.equal(ct.object_category, 'user');
      assert.equal(ct._time, Date.UTC(2024, 2, 4, 5, 6, 7) / 1000);
    });

    it('with an evaluator wired in, EVAL-based CIM fields appear (fake compiler for two expressions)', () => {
      const userExpr = config.props.get('source::XmlWinEventLog:Security')!.settings.get('EVAL-user')!.value;
      const fake: EvalCompiler = {
        compile: (e) =>
          e === userExpr
            ? (r: Row) => (r.EventCode === '4688' && (r.user === undefined || r.user === '-') ? r.src_user : r.user)
            : { severity: 'warning', message: 'not in fake' },
      };
      const ex2 = new FieldExtractor({ config, evalCompiler: fake });
      const r = ex2.extract({ raw: SECURITY_4688, format: 'xml', line: 1 }, { source: 'XmlWinEventLog:Security', sourcetype: 'xmlwineventlog', host: 'h' });
      assert.equal(r.user, 'WKS-02$');
    });
  });
});
