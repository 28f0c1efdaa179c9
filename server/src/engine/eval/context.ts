// Options shared by compiled eval expressions.
import type { Row } from '../types';
import type { EvalValue } from './values';

/** A compiled eval expression. */
export type EvalFn = (row: Row) => EvalValue;

export interface EvalOptions {
  /** Timezone for strftime/strptime/relative_time: "UTC" (default), "+02:00", or an IANA name. */
  tz?: string;
  /** The search's start time in epoch seconds (now()). Default: the time the closure was compiled. */
  now?: number;
  /** Compiles a search-clause string for searchmatch(); absent → searchmatch returns null. */
  compileSearchText?: (text: string) => ((row: Row) => boolean) | undefined;
  /** Random source for random() (tests inject one). */
  random?: () => number;
}
