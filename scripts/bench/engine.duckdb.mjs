// The CloudTrail comparison query in DuckDB, in its own process: file scan (read_ndjson) + filter +
// group-by, timed together. Prints one JSON line: { wallMs, cpuMs, vmHWMKb, rows }.
//   node scripts/bench/engine.duckdb.mjs FILE
import * as fs from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

export const CLOUDTRAIL_SQL = (file) => `
SELECT sourceIPAddress AS src, userIdentity.arn AS user_arn, awsRegion,
       count(*) AS count,
       strftime(min(eventTime::TIMESTAMP), '%Y-%m-%dT%H:%M:%S') AS firstTime,
       strftime(max(eventTime::TIMESTAMP), '%Y-%m-%dT%H:%M:%S') AS lastTime,
       list(DISTINCT requestParameters.name::VARCHAR ORDER BY requestParameters.name::VARCHAR)
         FILTER (WHERE requestParameters.name IS NOT NULL) AS trail_name
FROM read_ndjson('${file.replace(/'/g, "''")}',
       columns = {sourceIPAddress: 'VARCHAR', userIdentity: 'STRUCT(arn VARCHAR)', awsRegion: 'VARCHAR',
                  eventTime: 'VARCHAR', eventName: 'VARCHAR', eventSource: 'VARCHAR', requestParameters: 'STRUCT(name VARCHAR)'})
WHERE lower(eventName) = 'deletetrail' AND lower(eventSource) = 'cloudtrail.amazonaws.com'
  AND sourceIPAddress IS NOT NULL AND userIdentity.arn IS NOT NULL AND awsRegion IS NOT NULL
GROUP BY ALL ORDER BY ALL`;

async function main() {
  const file = process.argv[2];
  const auto = process.argv.includes('--auto');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  let sql = CLOUDTRAIL_SQL(file);
  // --auto: let DuckDB infer the schema (read_ndjson_auto) instead of declaring the columns read.
  if (auto) sql = sql.replace(/read_ndjson\('([^']|'')*',\s*columns = \{[^}]*\}\)/s, `read_ndjson_auto('${file.replace(/'/g, "''")}')`);
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  const rows = reader.getRows().map((r) => Object.fromEntries(names.map((n, i) => [n, normalize(r[i])])));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, vmHWMKb: hwm ? Number(hwm[1]) : undefined, rows }) + '\n');
}

function normalize(v) {
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && Array.isArray(v.items)) return v.items.map(normalize);
  return v;
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + '\n');
  process.exitCode = 1;
});
