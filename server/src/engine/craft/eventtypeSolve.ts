// A condition on `tag`, `tag::eventtype` or `eventtype` is met through the event types that carry
// it: Splunk gives an event an eventtype when the eventtype's `search =` matches it, and the
// eventtype's tags (tags.conf `[eventtype=<name>]`, `<tag> = enabled`) to events of that type
// (Knowledge Manager Manual: "About event types", "About tags and aliases"). So craft solves the
// search of each event type that carries the wanted tag (or has the wanted name) on the event and
// takes the one needing the fewest edits — often only reading the crafted events with another
// source or sourcetype. Tag rules on a field value (`[host=x]`) are not used.
import type { AddonConfig } from '../extract/conf/layers';
import type { Row } from '../types';
import { valueMatcher } from '../search/match';
import { defaultParsers } from '../pipeline/parsers';
import { type Edit, type Solution, solveSearch } from './solve';

const TAG_FIELDS = /^(tag|tag::.*|eventtype)$/;

/** The searches of the event types that give `field=value` (`tag=web`, `eventtype=wineventlog_system`). */
export function eventtypeSearchesFor(config: AddonConfig, field: string, value: string): { name: string; search: string }[] {
  const matches = valueMatcher(value);
  const out: { name: string; search: string }[] = [];
  for (const stanza of config.eventtypes.values()) {
    const search = stanza.settings.get('search')?.value;
    if (!search || /^(1|true|t|yes)$/i.test(stanza.settings.get('disabled')?.value.trim() ?? '')) continue;
    if (field === 'eventtype') {
      if (matches(stanza.name)) out.push({ name: stanza.name, search });
      continue;
    }
    const tags = config.tags.get(`eventtype=${stanza.name}`);
    if (!tags) continue;
    for (const s of tags.settings.values()) {
      if (s.value.trim().toLowerCase() === 'enabled' && matches(s.key)) { out.push({ name: stanza.name, search }); break; }
    }
  }
  return out;
}

/** Edits to weigh event types by: reading the event with another source/sourcetype/host counts double (the event's format may not suit it). */
function cost(edits: Edit[]): number {
  return edits.reduce((n, e) => n + ('field' in e && /^(source|sourcetype|host)$/.test(e.field) ? 2 : 1), 0);
}

/**
 * The solution with its tag/eventtype edits replaced by the edits that make an event type carrying
 * them match (the cheapest one), or the reason none can.
 */
export function solveTags(sol: Solution, row: Row, config: AddonConfig): Solution {
  if ('impossible' in sol) return sol;
  let edits: Edit[] = [];
  for (const e of sol.edits) {
    if (!('field' in e) || !TAG_FIELDS.test(e.field)) { edits.push(e); continue; }
    const because = `${e.field}=${e.value ?? ''} comes from eventtypes.conf / tags.conf, not from the event text`;
    if (e.value === undefined) return { impossible: `${because}; removing it is not supported: start from an event of another data source (--from)` };
    let best: Edit[] | undefined;
    for (const et of eventtypeSearchesFor(config, e.field, e.value)) {
      const expr = defaultParsers.parseSearchClause(et.search);
      if (!expr) continue;
      const s = solveSearch(expr, row);
      // An event type defined through another event type or tag is not followed (one level).
      if ('impossible' in s || s.edits.some((x) => 'field' in x && TAG_FIELDS.test(x.field))) continue;
      if (!best || cost(s.edits) < cost(best)) best = s.edits;
    }
    if (!best) return { impossible: `${because}, and no event type of the loaded add-ons that carries it can be met by editing the event: start from an event of a data source whose eventtype carries it (--from)` };
    edits = [...edits, ...best];
  }
  return { edits };
}
