// Macros that security_content detections call but the repository does not define, because
// Splunk apps or the deployment tooling provide them. All are marked `builtin: true`.
//
// - drop_dm_object_name(object): from the Common Information Model add-on (Splunk_SA_CIM). It
//   renames `Object.field` to `field` after a tstats over a data model. It is called both as
//   `drop_dm_object_name(Processes)` and `drop_dm_object_name("Processes")`; the argument is
//   substituted as written, so the quoted form yields `rename "Processes".* AS *`, which Splunk
//   (and this parser) read as the single field pattern `Processes.*` because a quoted part glued
//   to unquoted characters forms one argument.
// - <detection>_filter: every detection ends with its own filter macro, which the content tooling
//   creates at deploy time for local tuning. Its default body is `search *` (keeps everything);
//   using that body, rather than an empty one, keeps `... | `x_filter`` a valid pipeline.
// - get_asset(field): from Splunk Enterprise Security. It enriches a field holding a host name,
//   IP or MAC with the asset inventory. The real macro is maintained by ES and does more (CIDR
//   matching, expected/priority handling); the stand-in here approximates it with a string-keyed
//   lookup of the common asset attributes into `<field>_<attribute>` fields.

import type { MacroDefinition, MacroResolver } from './expand';

const ASSET_ATTRIBUTES = ['asset_id', 'asset_tag', 'bunit', 'category', 'city', 'country', 'dns', 'ip', 'mac', 'nt_host', 'owner', 'priority'];

const FIXED: MacroDefinition[] = [
  {
    name: 'drop_dm_object_name',
    args: ['object'],
    definition: 'rename $object$.* AS *',
    builtin: true,
  },
  {
    name: 'get_asset',
    args: ['field'],
    definition:
      'lookup asset_lookup_by_str asset AS $field$ OUTPUTNEW ' +
      ASSET_ATTRIBUTES.map((a) => `${a} AS $field$_${a}`).join(', '),
    builtin: true,
  },
];

/** The built-in definition for a call, if there is one. */
export function builtinMacro(name: string, argCount: number): MacroDefinition | undefined {
  const fixed = FIXED.find((m) => m.name === name && m.args.length === argCount);
  if (fixed) return fixed;
  if (argCount === 0 && /_filter$/.test(name)) return { name, args: [], definition: 'search *', builtin: true };
  return undefined;
}

/** Names (with argument counts) of the fixed built-ins, for completion and diagnostics. */
export function builtinMacroSignatures(): { name: string; args: string[] }[] {
  return FIXED.map((m) => ({ name: m.name, args: m.args }));
}

/** A resolver that tries `resolve` first and falls back to the built-ins. */
export function withBuiltinMacros(resolve: MacroResolver): MacroResolver {
  return (name, argCount) => resolve(name, argCount) ?? builtinMacro(name, argCount);
}
