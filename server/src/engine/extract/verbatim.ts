// Which extracted fields hold verbatim slices of `_raw`, so that a search's `field=value` can skip
// events whose `_raw` lacks the value before extracting them (as Splunk looks a field's value up in
// the index: fields.conf INDEXED_VALUE). Decided from an extraction plan's settings, conservatively:
// values taken by regular expressions, DELIMS, NATIVE XML readers or KV_MODE from `_raw` (or from a
// field that is itself verbatim) are slices; EVAL- results, lookup outputs, FORMAT templates with
// literal text, aliases of such fields and the metadata fields (host, source, sourcetype, tags…) are
// not. A lookup without OUTPUT (all columns) or a FORMAT that names fields dynamically from a
// non-verbatim source makes no field verbatim.
//
// Decoding: XML values are raw slices (entities are not decoded); JSON and `auto_escaped` KV values
// are unescaped, so only terms made of characters no format escapes count (`isVerbatimTerm`).
// JSON `\uXXXX` escapes of plain ASCII letters are legal but not produced by real encoders; an event
// written that way is skipped, as Splunk's index would not find its terms either.
import { AddonConfig, LayeredSetting } from './conf/layers';
import { parseFieldAlias } from './ops/fieldalias';
import { parseLookupSpec } from './ops/lookup';
import { parseFormat, sourceField } from './ops/transform';
import { ExtractionPlan } from './plan';

const META = new Set(['host', 'source', 'sourcetype', 'index', 'splunk_server', 'linecount', 'punct', 'eventtype', 'tag', 'timestartpos', 'timeendpos']);

function isMetaField(f: string): boolean {
  return META.has(f) || f.startsWith('_') || f.startsWith('date_') || f.startsWith('tag::');
}

/** Characters that no supported source format (XML, JSON, CSV, key=value) escapes or decodes. */
const SAFE_TERM = /^[A-Za-z0-9 ._:@,+=!?%$#()[\]{}|~^-]+$/;

/** Whether `term` (a piece of a search value) appears unchanged in `_raw` when the field holding it does. */
export function isVerbatimTerm(term: string): boolean {
  return SAFE_TERM.test(term);
}

function classes(settings: Map<string, LayeredSetting>, prefix: string): string[] {
  return [...settings.values()]
    .filter((s) => s.key.startsWith(prefix) && s.value.trim() !== '')
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((s) => s.value);
}

function namedGroups(pattern: string): string[] {
  const out: string[] = [];
  const re = /\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pattern))) out.push(m[1]);
  return out;
}

/**
 * A predicate telling whether the search-time value of `field` is always a verbatim slice of `_raw`
 * for events extracted with `plan`.
 */
export function rawVerbatimFields(plan: ExtractionPlan, config: AddonConfig): (field: string) => boolean {
  const derived = new Set<string>();
  let poisoned = false;
  const bad = (f: string) => f !== '_raw' && (isMetaField(f) || derived.has(f));

  // Groups of a regex whose source is not verbatim yield non-verbatim fields.
  const regexOutputs = (pattern: string, srcBad: boolean) => {
    if (!srcBad) return;
    for (const g of namedGroups(pattern)) {
      if (/^_(KEY|VAL)_/.test(g)) poisoned = true;
      else derived.add(g);
    }
  };

  for (const value of classes(plan.settings, 'EXTRACT-')) {
    const inField = /^([\s\S]*\S)\s+in\s+([\w.{}:@-]+)$/.exec(value);
    regexOutputs(inField ? inField[1] : value, inField ? bad(inField[2]) : false);
  }
  for (const value of classes(plan.settings, 'REPORT-')) {
    for (const name of value.split(',').map((x) => x.trim()).filter(Boolean)) {
      const stanza = config.transforms.get(name);
      if (!stanza) continue;
      const tget = (k: string) => stanza.settings.get(k)?.value;
      const srcBad = bad(sourceField(tget('SOURCE_KEY')));
      const format = tget('FORMAT');
      if (format && parseFormat(format).length > 0) {
        for (const part of parseFormat(format)) {
          const pure = /^\$\d+$/.test(part.value.trim());
          if (part.key.includes('$')) {
            if (srcBad || !pure) poisoned = true;
          } else if (srcBad || !pure) derived.add(part.key);
        }
      } else if (tget('REGEX') !== undefined) {
        regexOutputs(tget('REGEX')!, srcBad);
      } else if (srcBad) {
        const fields = (tget('FIELDS') ?? '').split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
        if (fields.length) for (const f of fields) derived.add(f);
        else poisoned = true;
      }
    }
  }
  for (const value of classes(plan.settings, 'FIELDALIAS-')) {
    const pairs = parseFieldAlias(value);
    if (typeof pairs === 'string') continue;
    for (const p of pairs) if (bad(p.from)) derived.add(p.to);
  }
  for (const s of plan.settings.values()) if (s.key.startsWith('EVAL-') && s.value.trim() !== '') derived.add(s.key.slice(5));
  for (const value of classes(plan.settings, 'LOOKUP-')) {
    const spec = parseLookupSpec(value);
    if (typeof spec === 'string') continue;
    if (spec.outputs === undefined) poisoned = true;
    else for (const o of spec.outputs) derived.add(o.field);
  }
  if (poisoned) return () => false;
  return (field) => !field.includes('*') && !bad(field);
}
