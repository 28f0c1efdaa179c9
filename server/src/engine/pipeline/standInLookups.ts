// Lookups a content repository uses but cannot ship, and what the local engine uses in their place.
// Each stand-in carries a `note` that the lookup/inputlookup command reports as a warning, so a run
// never silently assumes anything:
//
// - URL Toolbox computed lookups (an external script in the app): built in, computed as the app
//   documents. `ut_shannon_lookup`: input `word`, output `ut_shannon`, the Shannon entropy of the
//   word in bits per character, −Σ p(c)·log2 p(c) over its characters (the app's `ut_shannon(1)` macro
//   is `lookup ut_shannon_lookup word AS <field>`).
// - Enterprise Security asset and identity tables (`asset_lookup_by_str`, `asset_lookup_by_cidr`,
//   `identity_lookup_expanded`): KV store collections that ES fills by merging the organisation's
//   asset and identity lists, and which "can store custom fields" (ES docs, "Lookups that store merged
//   asset and identity data"). Locally they are empty, accept any column, and the warning says so.
//   The same for ES's managed lists that content looks up (corporate web/email domains, interesting
//   ports, the Alexa top sites list): each organisation fills them.
//   With `detectionWorkbench.lookups.esAssetsCsv` / `esIdentitiesCsv` (or `--es-assets` /
//   `--es-identities`) they are built from the user's asset and identity lists instead
//   (`esTablesFromList` below; seededLookups.ts applies it).
// - A KV store collection the repository defines (`collection:` in its lookup YAML): in Splunk a
//   baseline search fills it. Here it starts empty (with the YAML's `fields_list` columns) and the
//   warning says so — unless a repository baseline writes it (run first on the same sample) or the
//   user names a CSV for it (seededLookups.ts).
import type { LookupTable } from '../commands/types';
import { parse as parseYaml } from 'yaml';

/** Shannon entropy in bits per character (Unicode code points), 0 for the empty string. */
export function shannonEntropy(word: string): number {
  const chars = [...word];
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const URL_TOOLBOX_NOTE = 'computed by the built-in URL Toolbox lookup (Shannon entropy in bits per character)';

const ES_ASSET_FIELDS = ['asset', 'asset_id', 'asset_tag', 'ip', 'mac', 'nt_host', 'dns', 'owner', 'priority', 'lat', 'long', 'city', 'country', 'bunit', 'category', 'pci_domain', 'is_expected', 'should_timesync', 'should_update', 'requires_av', 'cim_entity_zone'];
const ES_IDENTITY_FIELDS = ['identity', 'identity_id', 'identity_tag', 'prefix', 'nick', 'first', 'last', 'suffix', 'email', 'phone', 'phone2', 'managedBy', 'priority', 'bunit', 'category', 'watchlist', 'startDate', 'endDate', 'work_city', 'work_country', 'work_lat', 'work_long', 'cim_entity_zone'];
/** The ES asset and identity tables, by name. */
export const ES_TABLES: Record<string, string[]> = {
  asset_lookup_by_str: ES_ASSET_FIELDS,
  asset_lookup_by_cidr: ES_ASSET_FIELDS,
  identity_lookup_expanded: ES_IDENTITY_FIELDS,
};
/** Enterprise Security's managed lists (Configure → Content → Lists and lookups), edited per organisation. */
const ES_LISTS: Record<string, string[]> = {
  cim_corporate_web_domain_lookup: ['domain'],
  cim_corporate_email_domain_lookup: ['domain'],
  interesting_ports_lookup: ['app', 'dest_port', 'transport', 'is_required', 'is_prohibited', 'is_secure', 'note'],
  alexa_lookup_by_str: ['domain', 'rank'],
};

/** The built-in stand-in for a lookup name no repository file defines, or undefined. */
export function builtinLookup(name: string): LookupTable | undefined {
  if (name === 'ut_shannon_lookup') {
    return {
      name, fields: ['word', 'ut_shannon'], rows: [], note: URL_TOOLBOX_NOTE,
      compute: (inputs) => (inputs.word === undefined ? [] : [{ word: inputs.word, ut_shannon: String(shannonEntropy(inputs.word)) }]),
    };
  }
  const es = ES_TABLES[name];
  if (es) {
    return {
      name, fields: es, rows: [], openColumns: true,
      note: `an Enterprise Security asset/identity collection, not available locally: used empty, so no event is enriched from it (to fill it, point ${name === 'identity_lookup_expanded' ? 'detectionWorkbench.lookups.esIdentitiesCsv or --es-identities at your identity list' : 'detectionWorkbench.lookups.esAssetsCsv or --es-assets at your asset list'})`,
    };
  }
  const list = ES_LISTS[name];
  if (list) {
    return {
      name, fields: list, rows: [], openColumns: true,
      note: "an Enterprise Security list (the organisation's own entries), not available locally: used empty",
    };
  }
  return undefined;
}

/** A repository lookup YAML that defines a KV store collection (`collection:`), as an empty table; else undefined. */
export function kvCollectionTable(name: string, yamlText: string, file: string): LookupTable | undefined {
  let y: unknown;
  try { y = parseYaml(yamlText); } catch { return undefined; }
  if (!y || typeof y !== 'object') return undefined;
  const o = y as Record<string, unknown>;
  if (typeof o.collection !== 'string' || typeof o.filename === 'string') return undefined;
  const fields = typeof o.fields_list === 'string' ? o.fields_list.split(',').map((f) => f.trim()).filter(Boolean) : [];
  return {
    name, fields, rows: [], openColumns: fields.length === 0,
    note: `KV store collection "${o.collection}" (${file}) is filled by a search in Splunk; no data for it here, so it starts empty for this run (no repository baseline writes it; to start it from a CSV, name one in detectionWorkbench.lookups.collections or with --collection ${o.collection}=FILE)`,
  };
}

export type EsTable = 'asset_lookup_by_str' | 'asset_lookup_by_cidr' | 'identity_lookup_expanded';

/** Is `name` one of the ES asset/identity tables? */
export function isEsTable(name: string): name is EsTable {
  return Object.prototype.hasOwnProperty.call(ES_TABLES, name);
}

const splitPipes = (v: string | undefined) => (v ?? '').split('|').map((x) => x.trim()).filter(Boolean);

/**
 * One ES merged table built from the organisation's list in ES's CSV format (Splunk Enterprise
 * Security, "Format an asset or identity list as a lookup in Splunk Enterprise Security"): an asset
 * list has the columns ip, mac, nt_host, dns, owner, priority, lat, long, city, country, bunit,
 * category, pci_domain, is_expected, should_timesync, should_update, requires_av, cim_entity_zone,
 * where ip, mac, nt_host and dns may hold several values separated by `|`, and ip may hold CIDR
 * subnets; an identity list has identity (a `|`-separated list of user names), prefix, nick,
 * first, last, … ES merges them into:
 * - `asset_lookup_by_str`: the assets by their string keys (single IPs, MACs, host and DNS names),
 *   matched through the `asset` field — here one row per key (asset = the key), so matching any
 *   key of an asset finds it;
 * - `asset_lookup_by_cidr`: the assets whose ip is a subnet, matched by CIDR on `ip` (as
 *   transforms.conf `match_type = CIDR(ip)`; lookupMatch.ts) — one row per subnet;
 * - `identity_lookup_expanded`: one row per identity value ("expanded").
 * Custom columns the list carries (e.g. objectSid) are kept: ES collections store custom fields.
 * IP ranges written `a-b` are not subnets and are not matched here; `skipped` counts them.
 */
export function esTableFromList(name: EsTable, list: { fields: string[]; rows: Record<string, string>[] }): { table: LookupTable; skipped: number } {
  const rows: Record<string, string>[] = [];
  let skipped = 0;
  const copy = (r: Record<string, string>, over: Record<string, string>) => Object.assign(Object.create(null) as Record<string, string>, r, over);
  for (const r of list.rows) {
    if (name === 'identity_lookup_expanded') {
      for (const id of splitPipes(r.identity)) rows.push(copy(r, { identity: id }));
      continue;
    }
    const ips = splitPipes(r.ip);
    skipped += ips.filter((ip) => ip.includes('-')).length;
    if (name === 'asset_lookup_by_cidr') {
      for (const ip of ips) if (ip.includes('/')) rows.push(copy(r, { ip }));
      continue;
    }
    const keys = ips.filter((ip) => !ip.includes('/') && !ip.includes('-'));
    keys.push(...splitPipes(r.mac), ...splitPipes(r.nt_host), ...splitPipes(r.dns));
    for (const k of new Set(keys)) rows.push(copy(r, { asset: k }));
  }
  const fields = [...new Set([...ES_TABLES[name], ...list.fields])];
  const table: LookupTable = { name, fields, rows, openColumns: true };
  if (name === 'asset_lookup_by_cidr') table.matchTypes = [{ type: 'CIDR', field: 'ip' }];
  return { table, skipped };
}
