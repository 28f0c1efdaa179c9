// Diagnostics over a parsed search. Each one underlines the exact characters concerned.

import type { Command, FieldRef, MacroCall, Pipeline, Range } from './ast';
import { commandNames, findCommand } from './catalog/commands';
import { evalFunctionNames, findEvalFunction } from './catalog/evalFunctions';
import { findStatsFunction, statsFunctionNames } from './catalog/statsFunctions';
import { builtinMacro, builtinMacroSignatures } from './builtinMacros';
import { isExternalLookup, isExternalMacro } from './externalObjects';
import { allMacroCalls, evalExprsOf, forEachCommand, forEachEvalExpr, forEachSearchExpr, searchExprsOf } from './walk';
import { suggest } from '../schema/suggest';

export type SplSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface SplDiagnostic {
  code: string;
  severity: SplSeverity;
  message: string;
  range: Range;
  suggestions?: string[];
}

export interface SplAnalysisContext {
  /** Macros the content defines: name → accepted argument counts. Without it, macro checks are skipped. */
  macros?: ReadonlyMap<string, readonly number[]>;
  /** Lookup names known to the content (definitions and files). Without it, lookup checks are skipped. */
  lookups?: ReadonlySet<string>;
  /** Data-model dataset (object) names such as Processes, Web, All_Traffic, with their field names. */
  dataModelFields?: ReadonlyMap<string, ReadonlySet<string>>;
}

export const DIAG = {
  unknownCommand: 'dw.spl.unknown-command',
  unknownMacro: 'dw.spl.unknown-macro',
  macroArgCount: 'dw.spl.macro-arg-count',
  unknownFunction: 'dw.spl.unknown-function',
  functionArgCount: 'dw.spl.function-arg-count',
  unknownAggregation: 'dw.spl.unknown-aggregation',
  lowercaseOperator: 'dw.spl.lowercase-operator',
  datamodelFieldCase: 'dw.spl.datamodel-field-case',
  unknownLookup: 'dw.spl.unknown-lookup',
} as const;

export function analyzeSpl(pipeline: Pipeline, ctx: SplAnalysisContext = {}): SplDiagnostic[] {
  const out: SplDiagnostic[] = pipeline.errors.map((e) => ({ code: e.code, severity: 'error', message: e.message, range: e.range }));
  forEachCommand(pipeline, (c) => {
    if (c.kind !== 'command') return;
    checkCommandName(c, out);
    checkFunctions(c, out);
    checkSearchOperators(c, out);
    checkDatamodelFieldCase(c, ctx, out);
    checkLookups(c, ctx, out);
  });
  if (ctx.macros) checkMacros(allMacroCalls(pipeline), ctx.macros, out);
  return out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

function checkCommandName(c: Command, out: SplDiagnostic[]): void {
  if (c.implicit || findCommand(c.name) || !c.name) return;
  const suggestions = suggest(c.name, commandNames(), 3);
  out.push({
    code: DIAG.unknownCommand,
    severity: 'warning',
    message: `Unknown command "${c.name}"${suggestions.length ? ` — did you mean "${suggestions[0]}"?` : ''}`,
    range: c.nameRange,
    suggestions,
  });
}

function checkFunctions(c: Command, out: SplDiagnostic[]): void {
  for (const e of evalExprsOf(c)) {
    forEachEvalExpr(e, (x) => {
      if (x.kind !== 'call') return;
      const info = findEvalFunction(x.name);
      if (!info) {
        const suggestions = suggest(x.name, evalFunctionNames(), 3);
        out.push({
          code: DIAG.unknownFunction,
          severity: 'error',
          message: `Unknown eval function "${x.name}"${suggestions.length ? ` — did you mean "${suggestions[0]}"?` : ''}`,
          range: x.nameRange,
          suggestions,
        });
        return;
      }
      const n = x.args.length;
      if (n < info.minArgs || (info.maxArgs !== undefined && n > info.maxArgs)) {
        const expected = info.maxArgs === undefined ? `at least ${info.minArgs}` : info.minArgs === info.maxArgs ? `${info.minArgs}` : `${info.minArgs} to ${info.maxArgs}`;
        out.push({
          code: DIAG.functionArgCount,
          severity: 'error',
          message: `${info.name}() takes ${expected} argument${expected === '1' ? '' : 's'}, not ${n}: ${info.signature}`,
          range: x.range,
        });
      }
    });
  }
  if (c.body.kind === 'stats') {
    for (const a of c.body.aggregations) {
      if (findStatsFunction(a.func)) continue;
      const suggestions = suggest(a.func, statsFunctionNames(), 3);
      out.push({
        code: DIAG.unknownAggregation,
        severity: 'error',
        message: `Unknown aggregation "${a.func}" in ${c.name}${suggestions.length ? ` — did you mean "${suggestions[0]}"?` : ''}`,
        range: a.funcRange,
        suggestions,
      });
    }
  }
}

function checkSearchOperators(c: Command, out: SplDiagnostic[]): void {
  for (const e of searchExprsOf(c)) {
    forEachSearchExpr(e, (x) => {
      if (x.kind !== 'term' || x.term || x.value.quoted) return;
      const w = x.value.raw;
      if (/^(and|or|not)$/i.test(w) && w !== w.toUpperCase()) {
        out.push({
          code: DIAG.lowercaseOperator,
          severity: 'information',
          message: `"${w}" is searched as a literal term; only uppercase ${w.toUpperCase()} is an operator in a search clause`,
          range: x.range,
          suggestions: [w.toUpperCase()],
        });
      }
    });
  }
}

/** Field references of a tstats-like command: where clause fields, BY fields, aggregation fields. */
function datamodelFieldRefs(c: Command): FieldRef[] {
  const refs: FieldRef[] = [];
  if (c.body.kind !== 'stats') return refs;
  for (const e of searchExprsOf(c)) {
    forEachSearchExpr(e, (x) => {
      if (x.kind === 'compare' || x.kind === 'in') refs.push({ name: x.field, range: x.fieldRange });
    });
  }
  refs.push(...c.body.by);
  for (const a of c.body.aggregations) {
    if (a.arg && a.arg.kind === 'field') refs.push(a.arg.field);
    if (a.arg && a.arg.kind === 'eval') {
      forEachEvalExpr(a.arg.expr, (x) => {
        if (x.kind === 'field') refs.push({ name: x.name, range: x.range });
      });
    }
  }
  return refs;
}

function checkDatamodelFieldCase(c: Command, ctx: SplAnalysisContext, out: SplDiagnostic[]): void {
  if (c.body.kind !== 'stats' || !c.body.datamodel) return;
  const objects = new Set<string>(c.body.datamodel.name.split('.').filter(Boolean));
  for (const k of ctx.dataModelFields?.keys() ?? []) objects.add(k);
  const byLower = new Map<string, string[]>();
  for (const o of objects) {
    const l = o.toLowerCase();
    byLower.set(l, [...(byLower.get(l) ?? []), o]);
  }
  for (const ref of datamodelFieldRefs(c)) {
    const dot = ref.name.indexOf('.');
    if (dot <= 0) continue;
    const prefix = ref.name.slice(0, dot);
    const same = byLower.get(prefix.toLowerCase());
    if (!same || same.includes(prefix)) continue;
    const quotedOffset = ref.range.end - ref.range.start > ref.name.length ? 1 : 0;
    const start = ref.range.start + quotedOffset;
    out.push({
      code: DIAG.datamodelFieldCase,
      severity: 'warning',
      message: `Field names are case-sensitive: the data model dataset is "${same[0]}", so "${ref.name}" matches nothing`,
      range: { start, end: start + prefix.length },
      suggestions: [same[0] + ref.name.slice(dot)],
    });
  }
}

function checkLookups(c: Command, ctx: SplAnalysisContext, out: SplDiagnostic[]): void {
  if (!ctx.lookups) return;
  let table: { name: string; range: Range } | undefined;
  if (c.body.kind === 'lookup') table = c.body.table;
  else if (c.name === 'inputlookup' && c.positional.length) {
    const p = c.positional[0];
    table = { name: p.quoted ? p.text.replace(/^"|"$/g, '') : p.text, range: p.range };
  }
  // outputlookup creates its table, so only tables that are read must exist.
  if (!table || ctx.lookups.has(table.name) || isExternalLookup(table.name)) return;
  const suggestions = suggest(table.name, ctx.lookups, 3);
  out.push({
    code: DIAG.unknownLookup,
    severity: 'warning',
    message: `Unknown lookup "${table.name}"${suggestions.length ? ` — did you mean "${suggestions[0]}"?` : ''}`,
    range: table.range,
    suggestions,
  });
}

function checkMacros(calls: MacroCall[], known: ReadonlyMap<string, readonly number[]>, out: SplDiagnostic[]): void {
  const builtinCounts = new Map<string, number[]>();
  for (const b of builtinMacroSignatures()) builtinCounts.set(b.name, [...(builtinCounts.get(b.name) ?? []), b.args.length]);
  for (const m of calls) {
    const n = m.args.length;
    if (builtinMacro(m.name, n)) continue;
    if (!builtinCounts.has(m.name) && isExternalMacro(m.name)) continue;
    const counts = [...(known.get(m.name) ?? []), ...(builtinCounts.get(m.name) ?? [])];
    if (counts.includes(n)) continue;
    if (counts.length) {
      const want = [...new Set(counts)].sort((a, b) => a - b).join(' or ');
      out.push({
        code: DIAG.macroArgCount,
        severity: 'error',
        message: `Macro "${m.name}" takes ${want} argument${want === '1' ? '' : 's'}, not ${n}`,
        range: m.range,
      });
      continue;
    }
    const suggestions = suggest(m.name, [...known.keys(), ...builtinCounts.keys()], 3);
    out.push({
      code: DIAG.unknownMacro,
      severity: 'warning',
      message: `Unknown macro "${m.name}"${suggestions.length ? ` — did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : ''}`,
      range: m.nameRange,
      suggestions,
    });
  }
}
