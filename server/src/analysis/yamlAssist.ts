// Editor help inside content YAML (outside SPL): completion of keys (required ones first) and of
// values (enums, story, data-source, macro and lookup names), and hovers on keys (description,
// allowed values) and on ATT&CK technique ids. Everything comes from the schema model as data.
import type { ContentIndex } from '../content';
import { enumValuesAt, fieldAt, fieldsAt, yamlPlaceAt } from '../schema';
import { type AttackIndex, attackAbout } from '../schema/attack';
import type { ContentKind, Generation } from '../schema/types';
import type { DocumentModel } from './documentModel';
import type { CompletionEntry } from './completion';

export interface YamlAssistContext {
  index: ContentIndex;
  generation: Generation;
  attack?: AttackIndex;
  /** Why there is no ATT&CK data, for the hover (e.g. "set detectionWorkbench.attack.file"). */
  attackMissingReason?: string;
}

/** Names offered as values of reference keys. */
function referenceValues(path: string[], index: ContentIndex): { names: Iterable<string>; kind: CompletionEntry['kind'] } | undefined {
  const key = path.join('.');
  if (key === 'tags.analytic_story') return { names: index.stories.names(), kind: 'value' };
  if (key === 'data_source') return { names: index.dataSources.names(), kind: 'value' };
  if (key === 'lookups') return { names: index.lookups.names(), kind: 'lookup' };
  if (key === 'macros') return { names: index.macros.names(), kind: 'macro' };
  return undefined;
}

const isRequired = (r: unknown) => r === true || (typeof r === 'object' && r !== null);

/** Keys already written in the mapping at `path` (found by indentation, so it works on broken YAML). */
function presentKeys(model: DocumentModel, offset: number, path: string[], indent: number): Set<string> {
  const keys = new Set<string>();
  const parents: { key: string; indent: number }[] = [];
  let pos = 0;
  for (const line of model.text.split('\n')) {
    const lineStart = pos;
    pos += line.length + 1;
    const m = /^(\s*)(?:-\s+)?([A-Za-z_][\w.-]*):(\s|$)/.exec(line);
    if (!m || (lineStart <= offset && offset <= pos - 1)) continue;
    const ind = m[1].length;
    while (parents.length && parents[parents.length - 1].indent >= ind) parents.pop();
    if (ind === indent && parents.map((p) => p.key).join('.') === path.join('.')) keys.add(m[2]);
    parents.push({ key: m[2], indent: ind });
  }
  return keys;
}

export function yamlCompletionAt(
  model: DocumentModel,
  offset: number,
  ctx: YamlAssistContext,
): { items: CompletionEntry[]; replaceRange: { start: number; end: number } } | undefined {
  if (model.kind === 'spl' || model.kind === 'other' || model.splAt(offset, 'char')) return undefined;
  const kind = model.kind as ContentKind;
  const place = yamlPlaceAt(model.text, offset);
  const lineStart = model.text.lastIndexOf('\n', offset - 1) + 1;
  const before = model.text.slice(lineStart, offset);
  // A key is being typed: at line start (after indentation and an optional "- "), no colon yet.
  const typingKey = /^\s*(-\s+)?[A-Za-z_]*$/.test(before);
  if (typingKey) {
    const indent = before.match(/^\s*(-\s+)?/)![0].length;
    const path = keyPathForIndent(model, offset, indent);
    const fields = fieldsAt(kind, ctx.generation, path);
    if (!fields) return undefined;
    const present = presentKeys(model, offset, path, indent);
    const word = before.slice(indent);
    return {
      replaceRange: { start: offset - word.length, end: offset },
      items: fields
        .filter((f) => !present.has(f.key) && (!f.generations || f.generations.includes(ctx.generation)))
        .map((f) => ({
          label: f.key,
          kind: 'keyword' as const,
          detail: isRequired(f.required) ? 'required' : 'optional',
          documentation: f.description,
          insertText: `${f.key}: `,
          sortText: `${isRequired(f.required) ? '0' : '1'}${f.key}`,
        })),
    };
  }
  if (!place || place.on !== 'value') {
    // Cursor right after "key: " with nothing typed yet.
    const m = /^(\s*)(?:-\s+)?([A-Za-z_]+):\s*$/.exec(before);
    if (!m) return undefined;
    const path = [...keyPathForIndent(model, offset, m[1].length), m[2]];
    return valueItems(kind, path, ctx, { start: offset, end: offset });
  }
  return valueItems(kind, place.path, ctx, place.range);
}

function valueItems(kind: ContentKind, path: string[], ctx: YamlAssistContext, range: { start: number; end: number }) {
  const enumValues = enumValuesAt(kind, ctx.generation, path);
  if (enumValues) return { replaceRange: range, items: enumValues.map((v) => ({ label: v, kind: 'value' as const })) };
  const refs = referenceValues(path, ctx.index);
  if (refs) return { replaceRange: range, items: [...refs.names].map((v) => ({ label: v, kind: refs.kind })) };
  return undefined;
}

/** Key path of the mapping a key at `indent` columns on the cursor's line belongs to. */
function keyPathForIndent(model: DocumentModel, offset: number, indent: number): string[] {
  const lines = model.text.slice(0, offset).split('\n');
  const path: { key: string; indent: number }[] = [];
  for (const line of lines.slice(0, -1)) {
    const m = /^(\s*)(?:-\s+)?([A-Za-z_][\w.-]*):(\s|$)/.exec(line);
    if (!m) continue;
    const ind = m[1].length;
    while (path.length && path[path.length - 1].indent >= ind) path.pop();
    path.push({ key: m[2], indent: ind });
  }
  while (path.length && path[path.length - 1].indent >= indent) path.pop();
  return path.map((p) => p.key);
}

export function yamlHoverAt(
  model: DocumentModel,
  offset: number,
  ctx: YamlAssistContext,
): { markdown: string; range: { start: number; end: number } } | undefined {
  if (model.kind === 'spl' || model.kind === 'other') return undefined;
  const kind = model.kind as ContentKind;
  const place = yamlPlaceAt(model.text, offset);
  if (!place) return undefined;
  if (place.on === 'key') {
    const field = fieldAt(kind, ctx.generation, place.path);
    if (!field) return undefined;
    const values = enumValuesAt(kind, ctx.generation, place.path);
    const lines = [`**${place.path.join('.')}** — ${field.description}`];
    if (isRequired(field.required)) lines.push('', field.required === true ? 'Required.' : 'Required in some cases (by status, type or format generation).');
    if (values) lines.push('', `Allowed values: ${values.map((v) => `\`${v}\``).join(', ')}`);
    return { markdown: lines.join('\n'), range: place.range };
  }
  if (place.on === 'value' && place.path.join('.') === 'tags.mitre_attack_id' && place.text) {
    const id = place.text.trim();
    if (!ctx.attack) {
      return {
        markdown: `**${id}** — ATT&CK technique details are not available: ${ctx.attackMissingReason ?? 'no ATT&CK data is loaded'}.`,
        range: place.range,
      };
    }
    const t = ctx.attack.get(id);
    if (!t) return { markdown: `**${id}** — not a technique in the loaded ATT&CK data.`, range: place.range };
    const tactics = t.tactics.map((x) => ctx.attack!.tacticName(x)).join(', ');
    const status = t.revoked ? ` — revoked${t.replacedBy ? `, replaced by ${t.replacedBy}` : ''}` : t.deprecated ? ' — deprecated' : '';
    const about = attackAbout(ctx.attack);
    return { markdown: `**${t.id} · ${t.name} · ${tactics}**${status}${about ? `\n\n_${about}_` : ''}`, range: place.range };
  }
  return undefined;
}
