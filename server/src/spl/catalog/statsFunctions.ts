// Aggregation functions of stats, eventstats, streamstats, tstats, mstats, chart and timechart,
// as data. Percentiles are a family (p95, perc99, exactperc50, upperperc90) matched by pattern.

export interface StatsFunctionInfo {
  name: string;
  aliases?: string[];
  signature: string;
  /** 0 for `count` written without a field; 1 for functions that need a field. */
  minArgs: number;
  maxArgs: number;
  description: string;
  /** Also valid in timechart/chart only (per_second, …). */
  chartOnly?: boolean;
}

const s = (name: string, signature: string, minArgs: number, maxArgs: number, description: string, extra: Partial<StatsFunctionInfo> = {}): StatsFunctionInfo => ({
  name,
  signature,
  minArgs,
  maxArgs,
  description,
  ...extra,
});

export const STATS_FUNCTIONS: readonly StatsFunctionInfo[] = [
  s('count', 'count[(<field>)]', 0, 1, 'Number of results, or of results in which the field has a value.', { aliases: ['c'] }),
  s('dc', 'dc(<field>)', 1, 1, 'Number of distinct values of the field.', { aliases: ['distinct_count'] }),
  s('estdc', 'estdc(<field>)', 1, 1, 'Estimated number of distinct values (faster, approximate).'),
  s('estdc_error', 'estdc_error(<field>)', 1, 1, 'Theoretical relative error of estdc.'),
  s('sum', 'sum(<field>)', 1, 1, 'Sum of the numeric values.'),
  s('sumsq', 'sumsq(<field>)', 1, 1, 'Sum of the squares of the numeric values.'),
  s('avg', 'avg(<field>)', 1, 1, 'Arithmetic mean of the numeric values.', { aliases: ['mean'] }),
  s('min', 'min(<field>)', 1, 1, 'Smallest value (numeric if all values are numbers, otherwise lexicographic).'),
  s('max', 'max(<field>)', 1, 1, 'Largest value (numeric if all values are numbers, otherwise lexicographic).'),
  s('range', 'range(<field>)', 1, 1, 'Difference between the largest and smallest numeric values.'),
  s('median', 'median(<field>)', 1, 1, 'Middle value of the numeric values.'),
  s('mode', 'mode(<field>)', 1, 1, 'Most frequent value.'),
  s('stdev', 'stdev(<field>)', 1, 1, 'Sample standard deviation.'),
  s('stdevp', 'stdevp(<field>)', 1, 1, 'Population standard deviation.'),
  s('var', 'var(<field>)', 1, 1, 'Sample variance.'),
  s('varp', 'varp(<field>)', 1, 1, 'Population variance.'),
  s('values', 'values(<field>)', 1, 1, 'All distinct values, sorted lexicographically, as a multivalue field.'),
  s('list', 'list(<field>)', 1, 1, 'All values in arrival order, duplicates kept (up to 100), as a multivalue field.'),
  s('first', 'first(<field>)', 1, 1, 'Value of the first result seen (the most recent event in a normal search).'),
  s('last', 'last(<field>)', 1, 1, 'Value of the last result seen (the oldest event in a normal search).'),
  s('earliest', 'earliest(<field>)', 1, 1, 'Value from the event with the smallest _time.'),
  s('latest', 'latest(<field>)', 1, 1, 'Value from the event with the largest _time.'),
  s('earliest_time', 'earliest_time(<field>)', 1, 1, '_time of the earliest event in which the field has a value.'),
  s('latest_time', 'latest_time(<field>)', 1, 1, '_time of the latest event in which the field has a value.'),
  s('rate', 'rate(<field>)', 1, 1, 'Per-second rate of a counter between the earliest and latest events.'),
  s('perc', 'p<N>(<field>) | perc<N>(<field>)', 1, 1, 'Approximate N-th percentile of the numeric values (p95, perc99, …).'),
  s('exactperc', 'exactperc<N>(<field>)', 1, 1, 'Exact N-th percentile (slower, more memory).'),
  s('upperperc', 'upperperc<N>(<field>)', 1, 1, 'Upper bound of the approximate N-th percentile.'),
  s('sparkline', 'sparkline[(<aggregation>(<field>)[, <span>])]', 0, 2, 'A small trend chart of an aggregation over time, for tables.'),
  s('per_second', 'per_second(<field>)', 1, 1, 'Sum of the values per second of the time bucket.', { chartOnly: true }),
  s('per_minute', 'per_minute(<field>)', 1, 1, 'Sum of the values per minute of the time bucket.', { chartOnly: true }),
  s('per_hour', 'per_hour(<field>)', 1, 1, 'Sum of the values per hour of the time bucket.', { chartOnly: true }),
  s('per_day', 'per_day(<field>)', 1, 1, 'Sum of the values per day of the time bucket.', { chartOnly: true }),
];

const BY_NAME = new Map<string, StatsFunctionInfo>();
for (const fn of STATS_FUNCTIONS) {
  BY_NAME.set(fn.name, fn);
  for (const a of fn.aliases ?? []) BY_NAME.set(a, fn);
}

const PERCENTILE = /^(p|perc|exactperc|upperperc)(\d+(?:\.\d+)?)$/;

/** Catalog entry of an aggregation name (case-insensitive), including p95/perc99/exactperc50/upperperc90. */
export function findStatsFunction(name: string): StatsFunctionInfo | undefined {
  const n = name.toLowerCase();
  const direct = BY_NAME.get(n);
  if (direct) return direct;
  const m = PERCENTILE.exec(n);
  if (m && Number(m[2]) >= 0 && Number(m[2]) <= 100) return BY_NAME.get(m[1] === 'p' ? 'perc' : m[1]);
  return undefined;
}

export function statsFunctionNames(): string[] {
  // one-letter aliases (c) make poor "did you mean" candidates
  return [...BY_NAME.keys()]
    .filter((n) => n.length > 1 && n !== 'perc' && n !== 'exactperc' && n !== 'upperperc')
    .concat(['p95', 'perc95', 'exactperc95', 'upperperc95']);
}
