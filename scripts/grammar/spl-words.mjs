// Word lists used by the SPL TextMate grammar generator (scripts/grammar/spl-grammar.mjs).
// Facts: /work/shared/notes/spl-usage.md §2 (commands) and §3 (functions), plus the other
// common SPL commands and functions from Splunk's search reference.

/** Commands whose arguments are a search clause (field=value terms, AND/OR/NOT, IN lists). */
export const SEARCH_COMMANDS = ['search'];

/** Commands whose arguments are an eval expression (lower-case and/or/not allowed, `*` is multiply). */
export const EXPRESSION_COMMANDS = ['eval', 'where', 'fieldformat'];

/** Commands with aggregation functions (`count`, `min(_time) as firstTime`, `BY`). */
export const STATS_COMMANDS = [
  'stats', 'eventstats', 'streamstats', 'tstats', 'mstats', 'timechart', 'chart', 'sistats',
  'sitimechart', 'sichart', 'geostats', 'top', 'rare', 'mcatalog',
];

/** Commands that take a regular expression as a quoted argument. */
export const REX_COMMANDS = ['rex', 'erex'];
export const REGEX_COMMANDS = ['regex'];

/** Every other known command (after a pipe, or first inside `[...]`). */
export const OTHER_COMMANDS = [
  // §2 of spl-usage.md
  'convert', 'rename', 'table', 'lookup', 'fields', 'bucket', 'bin', 'join', 'fillnull', 'spath',
  'foreach', 'mvexpand', 'dedup', 'iplocation', 'apply', 'inputlookup', 'sort', 'appendpipe',
  'append', 'transaction', 'xmlkv', 'map', 'replace', 'summary', 'outputlookup', 'fromjson',
  'addtotals', 'from', 'makemv', 'anomalydetection', 'multikv', 'extract', 'outlier', 'cyberchef',
  // other common commands
  'datamodel', 'rest', 'makeresults', 'head', 'tail', 'reverse', 'uniq', 'return', 'format',
  'appendcols', 'union', 'multisearch', 'set', 'fit', 'collect', 'outputcsv', 'inputcsv', 'sendemail',
  'kvform', 'xmlunescape', 'xpath', 'autoregress', 'accum', 'delta', 'trendline', 'predict',
  'cluster', 'kmeans', 'correlate', 'contingency', 'associate', 'addinfo', 'addcoltotals',
  'untable', 'xyseries', 'transpose', 'makecontinuous', 'filldown', 'nomv', 'mvcombine', 'tags',
  'typer', 'typelearner', 'iconify', 'highlight', 'abstract', 'localize', 'metadata', 'metasearch',
  'loadjob', 'savedsearch', 'dbinspect', 'eventcount', 'history', 'audit', 'gentimes',
  'tojson', 'strcat', 'reltime', 'gauge', 'setfields', 'selfjoin', 'diff', 'require', 'scrub',
  'searchtxn', 'findtypes', 'anomalies', 'anomalousvalue', 'arules', 'bucketdir', 'concurrency',
  'folderize', 'geom', 'geomfilter', 'inputintelligence', 'mcollect', 'meventcollect', 'mpreview',
  'msearch', 'mvexpand', 'overlap', 'pivot', 'rangemap', 'relevancy', 'script', 'sendalert',
  'shape', 'sitop', 'sirare', 'tscollect', 'walklex', 'x11', 'timewrap', 'ctable', 'run',
  'entitymerge', 'sample', 'score',
];

export const ALL_COMMANDS = [...new Set([
  ...SEARCH_COMMANDS, ...EXPRESSION_COMMANDS, ...STATS_COMMANDS, ...REX_COMMANDS, ...REGEX_COMMANDS,
  ...OTHER_COMMANDS,
])];

/** eval / where functions (§3a plus the rest of Splunk's eval function list). */
export const EVAL_FUNCTIONS = [
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'bit_and', 'bit_not', 'bit_or',
  'bit_shift_left', 'bit_shift_right', 'bit_xor', 'case', 'ceil', 'ceiling', 'cidrmatch', 'coalesce',
  'commands', 'cos', 'cosh', 'exact', 'exp', 'false', 'floor', 'hypot', 'if', 'ipmask',
  'isarray', 'isbool', 'isdouble', 'isint', 'ismv', 'isnotnull', 'isnull', 'isnum', 'isobject',
  'isstr', 'json_append', 'json_array', 'json_array_to_mv', 'json_delete', 'json_entries',
  'json_extend', 'json_extract', 'json_extract_exact', 'json_has_key_exact', 'json_keys',
  'json_object', 'json_set', 'json_set_exact', 'json_valid', 'len', 'like', 'ln', 'log', 'lookup',
  'lower', 'ltrim', 'match', 'max', 'md5', 'min', 'mvappend', 'mvcount', 'mvdedup', 'mvfilter',
  'mvfind', 'mvindex', 'mvjoin', 'mvmap', 'mvrange', 'mvsort', 'mvzip', 'mv_to_json_array', 'now',
  'null', 'nullif', 'pi', 'pow', 'printf', 'random', 'relative_time', 'replace', 'round', 'rtrim',
  'searchmatch', 'sha1', 'sha256', 'sha512', 'sigfig', 'sin', 'sinh', 'spath', 'split', 'sqrt',
  'strftime', 'strptime', 'substr', 'sum', 'tan', 'tanh', 'time', 'tonumber', 'tostring', 'trim',
  'true', 'typeof', 'upper', 'urldecode', 'validate',
];

/** stats / tstats / timechart aggregation functions (§3b plus Splunk's list). `pNN`-style
 * percentiles are matched by STATS_FUNCTION_PATTERNS. */
export const STATS_FUNCTIONS = [
  'avg', 'c', 'count', 'dc', 'distinct_count', 'earliest', 'earliest_time', 'estdc', 'estdc_error',
  'first', 'last', 'latest', 'latest_time', 'list', 'max', 'mean', 'median', 'min', 'mode', 'range',
  'rate', 'rate_avg', 'rate_sum', 'sparkline', 'stdev', 'stdevp', 'sum', 'sumsq', 'values', 'var',
  'varp', 'per_second', 'per_minute', 'per_hour', 'per_day',
];
export const STATS_FUNCTION_PATTERNS = ['p\\d+', 'perc\\d+', 'exactperc\\d+', 'upperperc\\d+'];

/** Search-time directives written like functions. */
export const DIRECTIVES = ['TERM', 'CASE'];

/** `name=value` options of non-search commands (scoped as options, not fields). */
export const COMMAND_OPTIONS = [
  'allow_old_summaries', 'allnum', 'append', 'bins', 'chunk_size', 'connected', 'cont', 'count',
  'datamodel', 'delim', 'dedup_splitvals', 'endswith', 'end', 'field', 'fieldname', 'fillnull_value',
  'format', 'global', 'input', 'keepempty', 'keepevicted', 'keepsingle', 'labelfield', 'limit',
  'local', 'max', 'max_match', 'maxevents', 'maxpause', 'maxsearches', 'maxspan', 'minspan', 'mode',
  'nodename', 'offset_field', 'output', 'outputfield', 'override', 'partial', 'path', 'prestats',
  'search', 'sed', 'sortby', 'span', 'start', 'startswith', 'summariesonly', 'tokenizer', 'threshold',
  'timeformat', 'type', 'update', 'usenull', 'useother', 'usetime', 'value', 'window', 'time_window',
  'current', 'reset_on_change', 'reset_before', 'reset_after', 'overwrite', 'create_empty',
  'key_field', 'max_events', 'unique_events', 'keeporphans', 'mvlist', 'setsv', 'singlefile',
  'prefix', 'suffix', 'attr', 'sep', 'kvdelim', 'pairdelim', 'clean_keys', 'auto', 'reload',
  'includeNulls', 'fields', 'where', 'earliest', 'latest', 'index', 'splunk_server', 'timeout',
];
