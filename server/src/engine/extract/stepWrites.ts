// Which fields each extraction step may write (set, change or remove): a fixed set of names, or
// 'any' when the names come from the event (FORMAT = $1::$2, KV_MODE, _KEY_n groups, DELIMS
// without FIELDS, lookups without OUTPUT). Lets the extractor test a search as soon as every field
// it reads is final, and skip the remaining steps for events the search rejects.
import { MergedStanza } from './conf/layers';
import { parseFieldAlias } from './ops/fieldalias';
import { parseLookupSpec } from './ops/lookup';
import { parseFormat } from './ops/transform';

export type StepWrites = ReadonlySet<string> | 'any';

function namedGroups(pattern: string): StepWrites {
  const out = new Set<string>();
  const re = /\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pattern))) {
    if (/^_(KEY|VAL)_/.test(m[1])) return 'any';
    out.add(m[1]);
  }
  return out;
}

/** `EXTRACT-x = <regex> [in <field>]`. */
export function inlineExtractWrites(value: string): StepWrites {
  const inField = /^([\s\S]*\S)\s+in\s+([\w.{}:@-]+)$/.exec(value);
  return namedGroups(inField ? inField[1] : value);
}

/** The field an `EXTRACT-x = <regex> in <field>` reads (`_raw` without `in`). */
export function inlineExtractSource(value: string): string {
  return /^([\s\S]*\S)\s+in\s+([\w.{}:@-]+)$/.exec(value)?.[2] ?? '_raw';
}

/** A transforms.conf stanza used by REPORT-. */
export function transformWrites(stanza: MergedStanza): StepWrites {
  const get = (k: string) => stanza.settings.get(k)?.value;
  const format = get('FORMAT');
  const parts = format ? parseFormat(format) : [];
  if (parts.length > 0) {
    const out = new Set<string>();
    for (const p of parts) {
      if (p.key.includes('$')) return 'any';
      out.add(p.key);
    }
    return out;
  }
  if (get('NATIVE') !== undefined) return 'any';
  const regex = get('REGEX');
  if (regex !== undefined) return namedGroups(regex);
  const fields = (get('FIELDS') ?? '').split(',').map((f) => f.trim().replace(/^(["'])(.*)\1$/, '$2')).filter((f) => f !== '');
  return fields.length > 0 ? new Set(fields) : 'any';
}

/** `FIELDALIAS-x = a AS b …`: the targets. */
export function fieldAliasWrites(value: string): StepWrites {
  const pairs = parseFieldAlias(value);
  return typeof pairs === 'string' ? new Set() : new Set(pairs.map((p) => p.to));
}

/** `LOOKUP-x = table in … OUTPUT out [AS f] …`: the output fields (all columns without OUTPUT). */
export function lookupWrites(value: string): StepWrites {
  const spec = parseLookupSpec(value);
  if (typeof spec === 'string') return new Set();
  return spec.outputs === undefined ? 'any' : new Set(spec.outputs.map((o) => o.field));
}

/**
 * When a row test reading `fields` can run during extraction. `at`: the index of the step after
 * which none of `fields` can change any more (-1: before the first step). `early[i]` (i < at): the
 * test may already run after step i when every listed field is absent from the row then — the
 * source fields of the remaining "any" steps, which do nothing without them. Tags and eventtypes
 * are written after all steps; callers handle them separately.
 */
export interface GateSchedule {
  at: number;
  early: (readonly string[] | undefined)[];
}

export function gateSchedule(writes: readonly StepWrites[], sources: readonly (string | undefined)[], fields: readonly string[]): GateSchedule {
  const at = lastWriterIndex(writes, fields);
  const early: (readonly string[] | undefined)[] = [];
  let fixedLast = -1;
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i];
    if (w !== 'any' && fields.some((f) => w.has(f))) fixedLast = i;
  }
  for (let p = Math.max(fixedLast, 0); p < at; p++) {
    if (p !== fixedLast && writes[p] !== 'any') continue; // conditions only change after an "any" step
    const need: string[] = [];
    let ok = true;
    for (let j = p + 1; j <= at && ok; j++) {
      if (writes[j] !== 'any') continue;
      const src = sources[j];
      if (src === undefined || src === '_raw' || fields.includes(src)) { ok = false; break; }
      // A fixed step between p and j could create the source before step j runs.
      for (let k = p + 1; k < j; k++) {
        const w = writes[k];
        if (w !== 'any' && w.has(src)) ok = false;
      }
      need.push(src);
    }
    if (ok) early[p] = need;
  }
  return { at, early };
}
export function lastWriterIndex(writes: readonly StepWrites[], fields: readonly string[]): number {
  let last = -1;
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i];
    if (w === 'any' || fields.some((f) => w.has(f))) last = i;
  }
  return last;
}
