// Command executors by command name (the names of server/src/spl/catalog/commands.ts).
import { addtotals } from './addtotals';
import { append, appendpipe } from './append';
import { bin } from './bin';
import { convert } from './convert';
import { datamodel, from } from './datamodel';
import { dedup } from './dedup';
import { evalCommand } from './eval';
import { eventstats } from './eventstats';
import { fields } from './fields';
import { fillnull } from './fillnull';
import { foreach } from './foreach';
import { fromjson } from './fromjson';
import { head, reverse, tail } from './headTail';
import { inputlookup } from './inputlookup';
import { join } from './join';
import { lookup } from './lookup';
import { makemv } from './makemv';
import { makeresults } from './makeresults';
import { mvexpand } from './mvexpand';
import { regex } from './regex';
import { rename } from './rename';
import { rex } from './rex';
import { search } from './search';
import { haltWithWarning, iplocation, passThroughWithWarning } from './sideEffects';
import { sort } from './sort';
import { spath } from './spath';
import { stats } from './stats';
import { streamstats } from './streamstats';
import { table } from './table';
import { transaction } from './transaction';
import { tstats } from './tstats';
import type { CommandExecutor } from './types';
import { where } from './where';
import { xmlkv } from './xmlkv';
import { replace } from './replace';
import { extract } from './extract';
import { map } from './map';
import { rare, top } from './topRare';
import { timechart } from './timechart';

export const COMMAND_EXECUTORS: Readonly<Record<string, CommandExecutor>> = {
  search,
  stats,
  convert,
  rename,
  eval: evalCommand,
  where,
  bin,
  bucket: bin,
  eventstats,
  fillnull,
  rex,
  lookup,
  inputlookup,
  table,
  fields,
  spath,
  mvexpand,
  makemv,
  foreach,
  regex,
  xmlkv,
  join,
  append,
  appendpipe,
  dedup,
  sort,
  head,
  tail,
  reverse,
  transaction,
  fromjson,
  addtotals,
  streamstats,
  makeresults,
  iplocation,
  tstats,
  from,
  datamodel,
  replace,
  extract,
  kv: extract,
  map,
  top,
  rare,
  timechart,
  outputlookup: passThroughWithWarning,
  collect: passThroughWithWarning,
  sendemail: passThroughWithWarning,
  outputcsv: passThroughWithWarning,
  tscollect: passThroughWithWarning,
  rest: haltWithWarning,
  script: haltWithWarning,
  run: haltWithWarning,
};

export function executorFor(name: string): CommandExecutor | undefined {
  return Object.prototype.hasOwnProperty.call(COMMAND_EXECUTORS, name) ? COMMAND_EXECUTORS[name] : undefined;
}
