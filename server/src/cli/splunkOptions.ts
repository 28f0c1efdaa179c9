// Command-line options shared by the subcommands that talk to a Splunk server: where it is, the
// token (from a file or the environment, never from the command line where `ps` would show it),
// and TLS. Builds the connection objects of server/src/splunk.
import * as fs from 'fs';
import * as path from 'path';
import type { HecTarget, SplunkConnection } from '../splunk';
import { checkManagementUrl } from '../splunk';
import { OptionSpec, ParsedArgs, stringOption, UsageError } from './args';
import { CliIO } from './io';

export const TOKEN_ENV = 'DETECTION_WORKBENCH_SPLUNK_TOKEN';
export const HEC_TOKEN_ENV = 'DETECTION_WORKBENCH_HEC_TOKEN';

export const SPLUNK_OPTIONS: Record<string, OptionSpec> = {
  url: { value: true },
  'token-file': { value: true },
  insecure: {},
  'ca-file': { value: true },
  app: { value: true },
  earliest: { value: true },
  latest: { value: true },
  'server-macros': {},
  'splunk-timeout': { value: true },
};

export const HEC_OPTIONS: Record<string, OptionSpec> = {
  'hec-url': { value: true },
  'hec-token-file': { value: true },
  index: { value: true },
  wait: { value: true },
};

export const SPLUNK_USAGE =
  '--url https://HOST:8089 [--token-file FILE | env ' + TOKEN_ENV + '] [--insecure | --ca-file PEM] [--app APP] [--server-macros] [--splunk-timeout SECONDS]';

const MAX_SECRET_FILE = 16 * 1024;

function readSecretFile(io: CliIO, file: string, what: string): string {
  const p = path.resolve(io.cwd, file);
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new UsageError(`${what} file ${p} does not exist`);
  }
  if (!st.isFile() || st.size > MAX_SECRET_FILE) throw new UsageError(`${what} file ${p} is not a small text file (a token is a single line)`);
  const token = fs.readFileSync(p, 'utf8').trim();
  if (!token || /\s/.test(token)) throw new UsageError(`${what} file ${p} must hold the token alone on one line`);
  return token;
}

function token(io: CliIO, args: ParsedArgs, fileKey: string, env: string, what: string): string {
  const file = stringOption(args, fileKey);
  if (file) return readSecretFile(io, file, what);
  const fromEnv = (io.env ?? process.env)[env]?.trim();
  if (fromEnv) return fromEnv;
  throw new UsageError(`no ${what}: give --${fileKey} FILE or set ${env}`);
}

function seconds(args: ParsedArgs, key: string, dflt: number): number {
  const raw = stringOption(args, key);
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${key} must be a positive number of seconds (got "${raw}")`);
  return n;
}

function caPem(io: CliIO, args: ParsedArgs): string | undefined {
  const file = stringOption(args, 'ca-file');
  if (!file) return undefined;
  const p = path.resolve(io.cwd, file);
  let text: string;
  try {
    if (fs.statSync(p).size > 1024 * 1024) throw new UsageError(`--ca-file ${p} is larger than 1 MiB; give the PEM certificate of the CA`);
    text = fs.readFileSync(p, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--ca-file ${p} cannot be read`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-file ${p} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return text;
}

function url(raw: string | undefined, what: string, flag: string): string {
  if (!raw) throw new UsageError(`give ${what} with ${flag} (e.g. ${flag} https://splunk.example.com:${flag === '--url' ? 8089 : 8088})`);
  try {
    checkManagementUrl(raw, what);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  return raw;
}

export function splunkConnection(io: CliIO, args: ParsedArgs): SplunkConnection {
  if (args.options.insecure && args.options['ca-file']) throw new UsageError('give either --insecure or --ca-file, not both');
  return {
    url: url(stringOption(args, 'url'), 'the Splunk management URL', '--url'),
    token: token(io, args, 'token-file', TOKEN_ENV, 'Splunk token'),
    verifyTls: !args.options.insecure,
    caPem: caPem(io, args),
    app: stringOption(args, 'app'),
    timeoutMs: seconds(args, 'splunk-timeout', 120) * 1000,
  };
}

/** HEC defaults to the management host on port 8088 (HEC's default port). */
export function hecTarget(io: CliIO, args: ParsedArgs, conn: SplunkConnection): HecTarget {
  let raw = stringOption(args, 'hec-url');
  if (!raw) {
    const u = new URL(conn.url);
    u.port = '8088';
    raw = u.origin;
  }
  return {
    url: url(raw, 'the HEC URL', '--hec-url'),
    token: token(io, args, 'hec-token-file', HEC_TOKEN_ENV, 'HEC token'),
    verifyTls: conn.verifyTls,
    caPem: conn.caPem,
    timeoutMs: conn.timeoutMs,
  };
}

export function waitSeconds(args: ParsedArgs): number {
  return seconds(args, 'wait', 120);
}
