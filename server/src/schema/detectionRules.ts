// Detection rules beyond the shape: filter macro, drilldowns, tests, RBA / observables, fields used
// in risk settings vs the search, enabled_by_default, MITRE overlap and ATT&CK existence.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ShapeContext } from './checkShape';
import { MITRE_STRICT_RE } from './formats';
import { fileStemFromName } from './kind';
import { findInScalarSource, getNode, getPair, getString, isNullNode, keyRange, rangeOf, stringItems, type YNode } from './nodes';
import { fourBackticks, macroCalls } from './searchRefs';
import type { Range } from './types';

const RBA_TYPES = new Set(['TTP', 'Anomaly']);

export function checkDetection(s: ShapeContext): void {
  const root = s.root;
  const status = getString(root, 'status');
  const type = getString(root, 'type');
  const search = getString(root, 'search');
  const searchNode = getNode(root, 'search');
  const tags = getNode(root, 'tags');

  if (search !== undefined) {
    checkFilterMacro(s, search, searchNode);
    const fb = fourBackticks(search);
    if (fb >= 0) s.rep.add('four-backticks', findInScalarSource(s.text, searchNode, '````') ?? rangeOf(searchNode), 'Four or more backticks in a row are invalid SPL (contentctl rejects them); use ``` ``` for comments.');
  }

  // R-DD
  if (status === 'production' && type && type !== 'Hunting') {
    const ddNode = getNode(root, 'drilldown_searches');
    const dds = isSeq(ddNode) ? ddNode.items : [];
    const at = isSeq(ddNode) ? keyRange(getPair(root, 'drilldown_searches')!) : firstKeyRange(s);
    if (dds.length < 2) {
      s.rep.add('drilldowns', at, `This production ${type} detection needs 2 drilldown_searches, but has ${dds.length}.`);
    } else if (!dds.some((d) => (getString(d as YNode, 'search') ?? '').includes('%original_detection_search%'))) {
      s.rep.add('drilldowns', at, 'None of the drilldown_searches contains %original_detection_search%; at least one must.');
    }
  }

  // R-TEST
  const manual = isMap(tags) ? getNode(tags, 'manual_test') : undefined;
  if (status === 'production' && type && type !== 'Correlation' && isNullNode(manual)) {
    const tn = getNode(root, 'tests');
    if (!isSeq(tn) || tn.items.length === 0) {
      const p = getPair(root, 'tests');
      s.rep.add('tests-required', p ? keyRange(p) : firstKeyRange(s), 'At least one test is required for a production detection (or set tags.manual_test with the reason).');
    }
  }

  // R-ENABLED
  const ebd = getNode(root, 'enabled_by_default');
  if (isScalar(ebd) && ebd.value === true) {
    const problems: string[] = [];
    if (status !== 'production') problems.push(`status is '${status ?? ''}' (must be production)`);
    if (!type || !['TTP', 'Anomaly', 'Correlation'].includes(type)) problems.push(`type is '${type ?? ''}' (must be TTP, Anomaly or Correlation)`);
    if (problems.length) s.rep.add('enabled-by-default', rangeOf(ebd), `enabled_by_default: true is not allowed: ${problems.join('; ')}.`);
  }

  if (isMap(tags)) checkMitre(s, getNode(tags, 'mitre_attack_id'));

  if (s.rep.generation === 'v5') checkRbaV5(s, type, status, search);
  else checkObservablesV4(s, type, status, search, tags);

  // R-THROTTLE
  const thr = isMap(tags) ? getNode(tags, 'throttling') : undefined;
  if (search !== undefined && isMap(thr)) {
    for (const f of stringItems(getNode(thr, 'fields'))) {
      if (!search.toLowerCase().includes(f.value.toLowerCase())) s.rep.add('field-not-in-search', rangeOf(f.node), `Throttling field \`${f.value}\` does not appear in the search.`);
    }
  }
}

function firstKeyRange(s: ShapeContext): Range {
  const first = s.root.items[0];
  return first ? keyRange(first as never) : { start: 0, end: 0 };
}

/** R-FILTER: the search must contain `<stem>_filter`; report (information) when it is not last. */
function checkFilterMacro(s: ShapeContext, search: string, searchNode: YNode): void {
  const name = getString(s.root, 'name');
  if (!name) return;
  const expected = '`' + fileStemFromName(name) + '_filter`';
  const at = search.lastIndexOf(expected);
  if (at >= 0) {
    const after = search.slice(at + expected.length).trim();
    if (after.length > 0) {
      const r = findInScalarSource(s.text, searchNode, expected) ?? rangeOf(searchNode);
      s.rep.add('filter-not-last', r, `The filter macro ${expected} is usually the last command; here more SPL follows it.`);
    }
    return;
  }
  // a filter macro with another name → replace it; otherwise append
  const calls = macroCalls(search).filter((c) => c.name.endsWith('_filter'));
  if (calls.length > 0) {
    const c = calls[calls.length - 1];
    const occ = occurrenceIndex(search, c.token, c.offset);
    const r = findInScalarSource(s.text, searchNode, c.token, occ) ?? rangeOf(searchNode);
    s.rep.add('filter-macro', r, `The search must contain the exact filter macro ${expected} (derived from \`name\`), not ${c.token}.`, {
      fix: [{ kind: 'replace', title: `Change to ${expected}`, range: r, text: expected }],
      suggestions: [expected],
    });
    return;
  }
  const node = searchNode as Node;
  const r = rangeOf(node);
  let end = r.end;
  while (end > r.start && /\s/.test(s.text[end - 1])) end--;
  if (isScalar(node) && (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') && end > r.start) end--;
  s.rep.add('filter-macro', r, `The search must contain its filter macro ${expected}, usually as the last command.`, {
    fix: [{ kind: 'insert', title: `Append | ${expected}`, offset: end, text: ` | ${expected}` }],
    suggestions: [expected],
  });
}

/** Which occurrence (0-based) of `token` in `str` starts at `offset`. */
export function occurrenceIndex(str: string, token: string, offset: number): number {
  let k = 0;
  for (let i = str.indexOf(token); i >= 0 && i < offset; i = str.indexOf(token, i + token.length)) k++;
  return k;
}

function checkMitre(s: ShapeContext, node: YNode): void {
  const items = stringItems(node);
  const ids = new Set(items.map((i) => i.value));
  for (const it of items) {
    // v5.0.3+: a technique and its own sub-technique may not both be listed
    if (/^T\d{4}$/.test(it.value)) {
      const sub = items.find((x) => x.value.startsWith(it.value + '.'));
      if (sub) s.rep.add('mitre-overlap', rangeOf(it.node), `Remove the technique ${it.value}: its sub-technique ${sub.value} is also listed (contentctl: "Overlapping MITRE Attack ID Techniques and Subtechniques may not be defined").`, {
        fix: [{ kind: 'replace', title: `Remove ${it.value}`, range: lineOf(s.text, rangeOf(it.node)), text: '' }],
      });
    }
    const idx = s.ctx.attack;
    if (!idx || !MITRE_STRICT_RE.test(it.value)) continue;
    const t = idx.get(it.value);
    const r = rangeOf(it.node);
    if (!t) s.rep.add('mitre-unknown', r, `${it.value} is not an ATT&CK technique in the loaded ATT&CK data.`);
    else if (t.revoked) {
      const rep = t.replacedBy;
      s.rep.add('mitre-revoked', r, `${it.value} (${t.name}) is revoked in ATT&CK${rep ? `; it was replaced by ${rep}` : ''}.`, rep && !ids.has(rep)
        ? { suggestions: [rep], fix: [{ kind: 'replace', title: `Change to ${rep}`, range: r, text: rep }] }
        : {});
    } else if (t.deprecated) s.rep.add('mitre-deprecated', r, `${it.value} (${t.name}) is deprecated in ATT&CK.`);
  }
}

/** The whole line (with its newline) containing range r, for removal fixes. */
/** The whole line(s) holding a range, with the line break (for removing a list item). */
export function lineOf(text: string, r: Range): Range {
  const start = text.lastIndexOf('\n', r.start - 1) + 1;
  let end = text.indexOf('\n', r.end);
  end = end < 0 ? text.length : end + 1;
  return { start, end };
}

/** `$field$` tokens of a risk message with their offsets in the message. */
export function messageTokens(message: string): Array<{ field: string; offset: number }> {
  const out: Array<{ field: string; offset: number }> = [];
  const re = /\$([^$\s]+)\$/g;
  for (let m = re.exec(message); m; m = re.exec(message)) out.push({ field: m[1], offset: m.index });
  return out;
}

interface FieldUse {
  field: string;
  range: Range;
  what: string;
}

/** R-RBAFIELDS / R-OBS (substring, production only) and the softer output-field check. */
function checkFieldUses(s: ShapeContext, uses: FieldUse[], search: string | undefined, status: string | undefined): void {
  if (search === undefined) return;
  const lower = search.toLowerCase();
  if (status === 'production') {
    for (const u of uses) {
      if (!lower.includes(u.field.toLowerCase())) s.rep.add('field-not-in-search', u.range, `${u.what} \`${u.field}\` does not appear in the search.`);
    }
  }
  const out = s.ctx.outputFieldsOf?.(search);
  if (!out) return;
  const outLower = new Map<string, string>();
  for (const f of out) outLower.set(f.toLowerCase(), f);
  for (const u of uses) {
    if (out.has(u.field)) continue;
    const ci = outLower.get(u.field.toLowerCase());
    const msg = ci
      ? `${u.what} \`${u.field}\` is not in the search output; the output has \`${ci}\` (field names are case-sensitive).`
      : `${u.what} \`${u.field}\` is not in the search output, so it will be empty in the risk event.`;
    s.rep.add('field-not-in-output', u.range, msg, ci ? { suggestions: [ci] } : {});
  }
}

function messageUses(s: ShapeContext, node: YNode, what: string): FieldUse[] {
  const msg = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  if (!msg) return [];
  return messageTokens(msg).map((t) => ({
    field: t.field,
    what,
    range: findInScalarSource(s.text, node, '$' + t.field + '$', occurrenceIndex(msg, '$' + t.field + '$', t.offset)) ?? rangeOf(node),
  }));
}

function checkRbaV5(s: ShapeContext, type: string | undefined, status: string | undefined, search: string | undefined): void {
  const pair = getPair(s.root, 'rba');
  const rba = pair?.value as YNode;
  if (type && RBA_TYPES.has(type)) {
    if (!pair || isNullNode(rba)) {
      s.rep.add('rba-required', pair ? keyRange(pair) : rangeOf(getNode(s.root, 'type')), `A ${type} detection needs an \`rba:\` block (message, risk_objects, threat_objects): its deployment has RBA enabled.`, {
        fix: pair ? undefined : [{ kind: 'insert', title: 'Add an rba: block', offset: s.text.length, text: (s.text.endsWith('\n') ? '' : '\n') + 'rba:\n  message: $user$ did something suspicious on $dest$\n  risk_objects:\n  - field: dest\n    type: system\n    score: 50\n  threat_objects: []\n' }],
      });
      return;
    }
  } else if (type && pair) {
    s.rep.add('rba-forbidden', keyRange(pair), `A ${type} detection must not have an \`rba:\` block: its deployment has no RBA.`);
    return;
  }
  if (!isMap(rba)) return;
  const uses: FieldUse[] = [];
  const msgNode = getNode(rba, 'message');
  const hasMessage = isScalar(msgNode) && typeof msgNode.value === 'string' && msgNode.value.length > 0;
  uses.push(...messageUses(s, msgNode, 'Risk message field'));
  for (const key of ['risk_objects', 'threat_objects']) {
    const list = getNode(rba, key);
    if (!isSeq(list)) continue;
    for (const it of list.items) {
      const fnode = getNode(it as YNode, 'field');
      if (isScalar(fnode) && typeof fnode.value === 'string') uses.push({ field: fnode.value, range: rangeOf(fnode), what: key === 'risk_objects' ? 'Risk object field' : 'Threat object field' });
    }
  }
  if (hasMessage) checkFieldUses(s, uses, search, status);
}

function checkObservablesV4(s: ShapeContext, type: string | undefined, status: string | undefined, search: string | undefined, tags: YNode): void {
  if (!isMap(tags)) return;
  const obs = getNode(tags, 'observable');
  const uses: FieldUse[] = [...messageUses(s, getNode(tags, 'message'), 'Risk message field')];
  let victims = 0;
  if (isSeq(obs)) {
    for (const it of obs.items) {
      const nameNode = getNode(it as YNode, 'name');
      if (isScalar(nameNode) && typeof nameNode.value === 'string') uses.push({ field: nameNode.value, range: rangeOf(nameNode), what: 'Observable' });
      const role = getNode(it as YNode, 'role');
      if (isSeq(role)) {
        if (role.items.length !== 1) s.rep.add('observable-role', rangeOf(role), 'Each observable can only have one role: [Victim] or [Attacker].');
        if (stringItems(role).some((r) => r.value === 'Victim')) victims++;
      }
    }
  }
  if (status === 'production' && type && RBA_TYPES.has(type) && victims === 0) {
    const p = getPair(tags, 'observable');
    s.rep.add('observable-role', p ? keyRange(p) : rangeOf(tags), `A production ${type} detection needs at least one observable with the role Victim.`);
  }
  checkFieldUses(s, uses, search, status);
}
