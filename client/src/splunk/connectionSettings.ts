// Turns the `detectionWorkbench.splunk.*` settings and the stored tokens into connection objects.
// Free of VS Code types so it can be unit tested; tokens come in from SecretStorage, never from
// settings.
import * as fs from 'fs';
import * as path from 'path';
import { checkManagementUrl, type HecTarget, type SplunkConnection } from '../../../server/src/splunk';

export interface SplunkSettings {
  url: string;
  verifyTls: boolean;
  caFile: string;
  app: string;
  index: string;
  hecUrl: string;
}

export class SettingsError extends Error {}

const MAX_CA_BYTES = 1024 * 1024;

/** A relative caFile is resolved against the first workspace folder. */
function readCa(caFile: string, base: string | undefined): string | undefined {
  if (!caFile) return undefined;
  const p = base ? path.resolve(base, caFile) : caFile;
  let text: string;
  try {
    if (fs.statSync(p).size > MAX_CA_BYTES) throw new SettingsError(`detectionWorkbench.splunk.caFile (${p}) is larger than 1 MiB; give the PEM certificate of the CA`);
    text = fs.readFileSync(p, 'utf8');
  } catch (e) {
    if (e instanceof SettingsError) throw e;
    throw new SettingsError(`detectionWorkbench.splunk.caFile (${p}) cannot be read; fix the path or clear the setting`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new SettingsError(`detectionWorkbench.splunk.caFile (${p}) holds no PEM certificate`);
  return text;
}

function checked(raw: string, setting: string): string {
  if (!raw) throw new SettingsError(`set ${setting} (e.g. https://splunk.example.com:${setting.endsWith('hecUrl') ? 8088 : 8089})`);
  try {
    checkManagementUrl(raw, setting);
  } catch (e) {
    throw new SettingsError(e instanceof Error ? e.message : String(e));
  }
  return raw;
}

export function connectionFrom(s: SplunkSettings, token: string | undefined, workspaceDir?: string): SplunkConnection {
  if (!token) throw new SettingsError('no Splunk token is stored: run "Detection Workbench: Set Splunk Token"');
  return {
    url: checked(s.url, 'detectionWorkbench.splunk.url'),
    token,
    verifyTls: s.verifyTls,
    caPem: readCa(s.caFile, workspaceDir),
    app: s.app || undefined,
  };
}

/** Without hecUrl, HEC is taken to run on the management host's default HEC port, 8088. */
export function hecFrom(s: SplunkSettings, conn: SplunkConnection, hecToken: string | undefined): HecTarget {
  if (!hecToken) throw new SettingsError('no HEC token is stored: run "Detection Workbench: Set HEC Token"');
  let url = s.hecUrl;
  if (!url) {
    const u = new URL(conn.url);
    u.port = '8088';
    url = u.origin;
  }
  return { url: checked(url, 'detectionWorkbench.splunk.hecUrl'), token: hecToken, verifyTls: conn.verifyTls, caPem: conn.caPem };
}

export function replayIndex(s: SplunkSettings): string {
  if (!s.index) throw new SettingsError('set detectionWorkbench.splunk.index to the test index to replay attack data into');
  return s.index;
}
