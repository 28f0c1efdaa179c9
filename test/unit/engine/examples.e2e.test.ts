// End to end over the examples/ content: macro expansion → readers → extraction → engine.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expandMacros, type MacroDefinition } from '../../../server/src/spl/expand';
import { withBuiltinMacros } from '../../../server/src/spl/builtinMacros';
import { runJob } from '../../../server/src/engine/pipeline/runJob';

const ex = join(__dirname, '..', '..', '..', 'examples');
const macros = new Map<string, MacroDefinition>();
for (const f of readdirSync(join(ex, 'macros'))) {
  const y = parse(readFileSync(join(ex, 'macros', f), 'utf8')) as { name: string; definition: string; arguments?: string[] };
  macros.set(`${y.name}/${(y.arguments ?? []).length}`, { name: y.name, args: y.arguments ?? [], definition: y.definition });
}
const resolve = withBuiltinMacros((n, c) => macros.get(`${n}/${c}`));

async function run(detection: string, log: string, sourcetype: string, source: string) {
  const y = parse(readFileSync(join(ex, 'detections', detection), 'utf8')) as { search: string };
  const search = expandMacros(y.search, resolve).text;
  return runJob({ search, inputs: [{ path: join(ex, 'attack_data', 'datasets', 'attack_techniques', log), source, sourcetype, host: 'test' }], lookupDirs: [join(ex, 'lookups')] });
}

describe('examples end to end', function () {
  this.timeout(30000);
  it('tstats over Endpoint.Processes finds the encoded PowerShell', async () => {
    const r = await run('endpoint/powershell_encoded_command.yml', 'T1059.001/encoded/windows-sysmon.log', 'XmlWinEventLog', 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.ok(r.rows.length >= 1);
    assert.ok(r.rows.every((x) => x.process_name === 'powershell.exe' && typeof x.firstTime === 'string'));
  });
  it('raw search + CIDR exclusions + wildcard lookup (definition from the lookup YAML) + stats', async () => {
    const r = await run('endpoint/regsvcs_outbound_network_connection.yml', 'T1218.009/regsvcs/windows-sysmon.log', 'XmlWinEventLog', 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.ok(r.rows.length >= 1);
    assert.ok(r.rows.every((x) => typeof x.reason === 'string' && !String(x.dest_ip).startsWith('10.') && !String(x.dest_ip).startsWith('192.168.')));
  });
  it('CloudTrail JSON search + stats', async () => {
    const r = await run('cloud/aws_cloudtrail_trail_deleted.yml', 'T1562.008/delete_trail/aws_cloudtrail_events.json', 'aws:cloudtrail', 'aws_cloudtrail');
    assert.strictEqual(r.error, undefined, r.error?.message);
    assert.ok(r.rows.length >= 1);
  });
});
