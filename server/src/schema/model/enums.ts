// Enumerations accepted by contentctl (case-sensitive string enums). Add a value here and every
// rule, completion list and suggestion picks it up.

import type { EnumSpec } from './spec';

const e = (name: string, values: string[], caseSensitive = true): EnumSpec => ({ name, values, caseSensitive });

export const ANALYTICS_TYPE = e('AnalyticsType', ['TTP', 'Anomaly', 'Hunting', 'Correlation']);
export const DETECTION_STATUS = e('DetectionStatus', ['production', 'experimental', 'deprecated']);
export const STORY_STATUS = e('StoryStatus', ['production', 'deprecated']);
export const BASELINE_STATUS = e('BaselineStatus', ['production', 'deprecated']);
export const PRODUCTION_ONLY_STATUS = e('Status', ['production']);

export const ASSET_TYPE = e('AssetType', [
  'AWS Account', 'AWS EKS Kubernetes cluster', 'AWS Federated Account', 'AWS Instance', 'Account',
  'Amazon EKS Kubernetes cluster', 'Amazon EKS Kubernetes cluster Pod', 'Amazon Elastic Container Registry',
  'Azure Tenant', 'Azure AKS Kubernetes cluster', 'Azure Active Directory', 'CircleCI', 'Cloud Compute Instance',
  'Cloud Instance', 'DNS Servers', 'Database Server', 'Domain Server', 'EC2 Snapshot', 'Endpoint', 'GCP',
  'GCP Account', 'GCP GKE EKS Kubernetes cluster', 'GCP GKE Kubernetes cluster', 'GCP Kubernetes cluster',
  'GCP Storage Bucket', 'GDrive', 'GSuite', 'GitHub', 'Google Cloud Platform tenant', 'Identity', 'Infrastructure',
  'Instance', 'Kubernetes', 'Network', 'O365 Tenant', 'Okta Tenant', 'Proxy', 'S3 Bucket', 'Splunk Server',
  'VPN Appliance', 'Web Server', 'Web Proxy', 'Web Application', 'Windows',
]);

export const PRODUCT = e('SecurityContentProductName', [
  'Splunk Enterprise', 'Splunk Enterprise Security', 'Splunk Cloud', 'Splunk Security Analytics for AWS',
  'Splunk Behavioral Analytics',
]);

export const SECURITY_DOMAIN = e('SecurityDomain', ['endpoint', 'network', 'threat', 'identity', 'access', 'audit']);

export const STORY_CATEGORY = e('StoryCategory', [
  'Abuse', 'Adversary Tactics', 'Best Practices', 'Cloud Security', 'Compliance', 'Malware', 'Uncategorized',
  'Vulnerability', 'Account Compromise', 'Data Destruction', 'Lateral Movement', 'Privilege Escalation',
  'Ransomware', 'Unauthorized Software',
]);

export const STORY_USECASE = e('StoryUseCase', [
  'Fraud Detection', 'Compliance', 'Application Security', 'Security Monitoring', 'Advanced Threat Detection',
  'Insider Threat', 'Other',
]);

export const RISK_OBJECT_TYPE = e('RiskObjectType', ['system', 'user', 'other']);

export const THREAT_OBJECT_TYPE = e('ThreatObjectType', [
  'certificate_common_name', 'certificate_organization', 'certificate_serial', 'certificate_unit', 'command',
  'domain', 'email_address', 'email_subject', 'file_hash', 'file_name', 'file_path', 'http_user_agent',
  'ip_address', 'process', 'process_name', 'parent_process', 'parent_process_name', 'process_hash',
  'registry_path', 'registry_value_name', 'registry_value_text', 'service', 'signature', 'system', 'tls_hash', 'url',
]);

/** [v4] tags.observable[].type */
export const OBSERVABLE_TYPE = e('ObservableType', [
  'Unknown', 'Hostname', 'IP Address', 'MAC Address', 'User Name', 'Email Address', 'URL String', 'File Name',
  'File Hash', 'Process Name', 'Resource UID', 'Endpoint', 'User', 'Email', 'Uniform Resource Locator', 'File',
  'Process', 'Geo Location', 'Container', 'Registry Key', 'Registry Value', 'Other',
]);

/** [v4] tags.observable[].role (a list with exactly one of these). */
export const OBSERVABLE_ROLE = e('ObservableRole', ['Victim', 'Attacker']);

export const LOOKUP_TYPE = e('LookupType', ['csv', 'kvstore', 'mlmodel']);

export const ALL_ENUMS: readonly EnumSpec[] = [
  ANALYTICS_TYPE, DETECTION_STATUS, STORY_STATUS, BASELINE_STATUS, PRODUCTION_ONLY_STATUS, ASSET_TYPE, PRODUCT,
  SECURITY_DOMAIN, STORY_CATEGORY, STORY_USECASE, RISK_OBJECT_TYPE, THREAT_OBJECT_TYPE, OBSERVABLE_TYPE,
  OBSERVABLE_ROLE, LOOKUP_TYPE,
];
