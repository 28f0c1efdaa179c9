// The macro-expansion hover: for a macro call, its definition with the arguments substituted,
// the fully expanded text (recursively), and where it is defined — or that it is a built-in, or
// that it is unknown (with suggestions).
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ContentIndex } from '../content';
import { suggest } from '../schema/suggest';
import { builtinMacroSignatures } from '../spl/builtinMacros';
import type { MacroCall } from '../spl/ast';
import { expandMacros, MacroResolver } from '../spl/expand';
import { macroResolver } from './splContext';

const BUILTIN_ORIGIN: Record<string, string> = {
  drop_dm_object_name: 'provided by the Common Information Model add-on (Splunk_SA_CIM)',
  get_asset: 'provided by Splunk Enterprise Security (shown here as an approximation)',
};

/** Substitutes `$arg$` in a definition with the call's argument texts, as Splunk does. */
export function substituteArgs(definition: string, names: string[], values: string[]): string {
  let out = definition;
  names.forEach((name, i) => {
    out = out.split(`$${name}$`).join(values[i] ?? '');
  });
  return out;
}

const fence = (spl: string) => '```spl\n' + spl.trim() + '\n```';

export function macroHoverMarkdown(call: MacroCall, index: ContentIndex, resolve: MacroResolver = macroResolver(index)): string {
  const argValues = call.args.map((a) => a.text);
  const signature = `\`${call.name}${call.args.length ? `(${argValues.join(', ')})` : ''}\``;
  const def = resolve(call.name, call.args.length);
  if (!def) {
    const others = index.macros.get(call.name).map((m) => m.args.length);
    const names = [...index.macros.names(), ...builtinMacroSignatures().map((b) => b.name)];
    const hint = others.length
      ? `\`${call.name}\` is defined with ${others.join(' or ')} argument(s), not ${call.args.length}.`
      : `No macro named \`${call.name}\` is defined in the indexed content.` +
        (suggest(call.name, names, 3).length ? ` Did you mean ${suggest(call.name, names, 3).map((n) => `\`${n}\``).join(', ')}?` : '');
    return `**Unknown macro** ${signature}\n\n${hint}`;
  }
  const lines: string[] = [];
  const entry = index.macro(call.name, call.args.length);
  if (def.builtin) {
    const origin = BUILTIN_ORIGIN[call.name] ??
      (/_filter$/.test(call.name)
        ? 'a detection\'s filter macro, created when the content is deployed; its default body keeps every result'
        : 'built in');
    lines.push(`**Macro** ${signature} — built-in: ${origin}.`);
  } else if (entry) {
    const rel = index.roots.length ? path.relative(entry.root, entry.file) : path.basename(entry.file);
    const link = `${pathToFileURL(entry.file).toString()}#L${entry.line + 1}`;
    lines.push(`**Macro** ${signature} — defined in [${rel}:${entry.line + 1}](${link})`);
  }
  const substituted = substituteArgs(def.definition, def.args, argValues);
  lines.push('', def.args.length ? 'Definition, with arguments substituted:' : 'Definition:', fence(substituted || ' '));
  const expanded = expandMacros(substituted, resolve);
  if (expanded.text !== substituted) lines.push('', 'Fully expanded:', fence(expanded.text));
  for (const e of expanded.errors) lines.push('', `⚠ ${e.message}`);
  if (entry?.description) lines.push('', entry.description);
  return lines.join('\n');
}
