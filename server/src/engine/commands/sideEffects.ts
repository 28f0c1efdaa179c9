// Commands with side effects never act locally. outputlookup/collect/sendemail/… pass rows through
// with a warning; rest/script/run/map-like external calls stop the pipeline with a warning.
import type { CommandExecutor } from './types';

export const passThroughWithWarning: CommandExecutor = (cmd, ctx) => {
  ctx.warn({ severity: 'warning', message: `${cmd.name}: not performed by the local engine (side effect); rows pass through unchanged`, range: cmd.nameRange });
  return { stream: (batch) => batch, rowPolicy: 'passthrough' };
};

export const haltWithWarning: CommandExecutor = (cmd, ctx) => {
  ctx.warn({ severity: 'warning', message: `${cmd.name}: needs a Splunk server; the local engine stops here`, range: cmd.nameRange });
  return { run: (rows) => rows, halt: true, rowPolicy: 'passthrough' };
};

export const iplocation: CommandExecutor = (cmd, ctx) => {
  ctx.warn({ severity: 'warning', message: 'iplocation: no geolocation database in the local engine; City/Country/Region/lat/lon are not added', range: cmd.nameRange });
  return { stream: (batch) => batch, rowPolicy: 'passthrough' };
};
