// Macros and lookups that detections use but a content repository does not define, because a
// Splunk app provides them (Enterprise Security, the CIM add-on, URL Toolbox, …). contentctl
// does not resolve these names either. Kept as data: one place to add a name.

/** Macro names provided outside the repository (contentctl skips names containing these). */
export const EXTERNAL_MACROS: Readonly<Record<string, string>> = {
  drop_dm_object_name: 'Common Information Model add-on (Splunk_SA_CIM)',
  get_asset: 'Splunk Enterprise Security',
  get_risk_severity: 'Splunk Enterprise Security',
  cim_corporate_web_domain_search: 'Common Information Model add-on (Splunk_SA_CIM)',
  globedistance: 'a third-party app (distance between two coordinates)',
};

/** Lookup names provided outside the repository. */
export const EXTERNAL_LOOKUPS: Readonly<Record<string, string>> = {
  ut_shannon_lookup: 'URL Toolbox',
  identity_lookup_expanded: 'Splunk Enterprise Security (identities)',
  asset_lookup_by_str: 'Splunk Enterprise Security (assets)',
  asset_lookup_by_cidr: 'Splunk Enterprise Security (assets)',
  cim_corporate_web_domain_lookup: 'Common Information Model add-on (Splunk_SA_CIM)',
  cim_corporate_email_domain_lookup: 'Common Information Model add-on (Splunk_SA_CIM)',
  cim_cloud_domain_lookup: 'Common Information Model add-on (Splunk_SA_CIM)',
  alexa_lookup_by_str: 'Splunk Enterprise Security (threat intelligence)',
  interesting_ports_lookup: 'Splunk Enterprise Security',
  admon_groups_def: 'Splunk Add-on for Microsoft Windows (Active Directory monitoring)',
  asn_lookup_by_cidr: 'a third-party ASN app',
  mitre_attack_lookup: 'Splunk Security Essentials',
};

/** Does a macro name refer to an app-provided macro (contentctl's substring rule)? */
export function isExternalMacro(name: string): boolean {
  return Object.keys(EXTERNAL_MACROS).some((x) => name.includes(x));
}

export function isExternalLookup(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(EXTERNAL_LOOKUPS, name.replace(/\.csv$/i, ''));
}
