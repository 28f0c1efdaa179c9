// Compiles the search-time extraction plan for one (source, sourcetype, host): the matching props.conf
// stanzas merged by precedence, then the operations in Splunk's documented order:
// (indexed extractions) → EXTRACT- → REPORT- → KV_MODE → FIELDALIAS- → EVAL- → LOOKUP-.
// Within one kind, classes run in ASCII order.

import { EngineMessage, InputMeta, Row } from '../types';
import { AddonConfig, LayeredSetting } from './conf/layers';
import { matchStanzas, stanzaMatcher } from './stanza-match';
import { RowStep, StepProblem, compileInlineExtract, compileTransform, sourceField } from './ops/transform';
import { compileFieldAlias } from './ops/fieldalias';
import { EvalCompiler, EvalDef, compileEvals } from './ops/eval';
import { compileLookup } from './ops/lookup';
import { TimeSpec, compileTimeSpec } from './auto/event-time';
import { flattenJsonText } from './auto/json-flatten';
import { autoKv } from './auto/kv';
import { xmlAttributes, xmlLeafElements } from './auto/winxml';
import { addValue } from './row-fields';
import { StepWrites, fieldAliasWrites, inlineExtractSource, inlineExtractWrites, lookupWrites, transformWrites } from './stepWrites';

export type KvMode = 'none' | 'auto' | 'auto_escaped' | 'multi' | 'json' | 'xml';

export interface ExtractionPlan {
  key: string;
  /** Matched props.conf stanzas, lowest precedence first. */
  stanzas: string[];
  /** The effective settings after precedence (for inspection). */
  settings: Map<string, LayeredSetting>;
  kvMode: KvMode;
  indexedJson: boolean;
  time: TimeSpec;
  steps: RowStep[];
  /** What each of `steps` may write (same indexes). */
  writes: StepWrites[];
  /**
   * The field each step reads its text from when the step does nothing without it (REPORT
   * SOURCE_KEY, EXTRACT … in <field>); undefined for steps that always run.
   */
  sources: (string | undefined)[];
  /** EVALs that could not be compiled (no evaluator, or unsupported expression). */
  skippedEvals: EvalDef[];
  /**
   * Where each of `steps` comes from, for field provenance (same indexes): e.g.
   * `props.conf [XmlWinEventLog] REPORT-x → transforms.conf [y] (file:line)`; the EVAL step (all
   * EVAL- settings in one) has one label per field it computes.
   */
  labels: (string | ReadonlyMap<string, string>)[];
}

export interface PlanContext {
  config: AddonConfig;
  evalCompiler?: EvalCompiler;
  report(m: EngineMessage): void;
  /** Compiled transforms by name, shared between plans. */
  transformCache: Map<string, RowStep | undefined>;
  /** Compiled lookups by LOOKUP value, shared between plans. */
  lookupCache: Map<string, RowStep | undefined>;
  /** JSON in the current event nested deeper than MAX_JSON_DEPTH was cut at `path` (the caller warns with the event's line). */
  jsonTooDeep?(path: string): void;
}

function classOf(key: string, prefix: string): string | undefined {
  return key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
}

function sortedClasses(settings: Map<string, LayeredSetting>, prefix: string): LayeredSetting[] {
  return [...settings.values()]
    .filter((s) => s.key.startsWith(prefix) && s.value.trim() !== '')
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The sourcetype whose search-time settings apply (following `rename` on a sourcetype stanza). */
export function effectiveSourcetype(config: AddonConfig, sourcetype: string): string {
  let st = sourcetype;
  for (let hops = 0; hops < 4; hops++) {
    let renamed: string | undefined;
    for (const stanza of config.props.values()) {
      const m = stanzaMatcher(stanza.name);
      if (!m || m.kind !== 'sourcetype') continue;
      const r = stanza.settings.get('rename')?.value.trim();
      if (r && r !== st && m.test(st)) {
        renamed = r;
        if (m.literal) break;
      }
    }
    if (!renamed) break;
    st = renamed;
  }
  return st;
}

function problemMessage(p: StepProblem): EngineMessage {
  return { severity: 'warning', message: p.file ? `${p.message} (${p.file}:${p.line})` : p.message };
}

export function compilePlan(meta: InputMeta, ctx: PlanContext): ExtractionPlan {
  const { config } = ctx;
  const problems: StepProblem[] = [];
  const st = effectiveSourcetype(config, meta.sourcetype);
  const stanzaList = [...config.props.values()].map((s) => ({ name: s.name, priority: s.settings.get('priority')?.value }));
  const matched = matchStanzas(stanzaList, { ...meta, sourcetype: st });
  const settings = new Map<string, LayeredSetting>();
  // The props.conf stanza each effective setting came from (for step labels).
  const stanzaOf = new Map<LayeredSetting, string>();
  for (const m of matched) {
    for (const s of config.props.get(m.name)!.settings.values()) { settings.set(s.key, s); stanzaOf.set(s, m.name); }
  }
  const labels: (string | ReadonlyMap<string, string>)[] = [];
  const label = (s: LayeredSetting, extra = '') => `props.conf [${stanzaOf.get(s) ?? '?'}] ${s.key}${extra} (${s.file}:${s.line})`;
  const get = (k: string) => settings.get(k)?.value.trim();
  const where = (s: LayeredSetting) => ({ file: s.file, line: s.line });
  const steps: RowStep[] = [];
  const writes: StepWrites[] = [];
  const sources: (string | undefined)[] = [];

  // Indexed extractions (applied before search time).
  const indexed = (get('INDEXED_EXTRACTIONS') ?? '').toLowerCase();
  const indexedJson = indexed === 'json';

  for (const s of sortedClasses(settings, 'EXTRACT-')) {
    const step = compileInlineExtract(s.value, problems, where(s));
    if (step) { steps.push(step); writes.push(inlineExtractWrites(s.value)); sources.push(inlineExtractSource(s.value)); labels.push(label(s)); }
  }
  for (const s of sortedClasses(settings, 'REPORT-')) {
    for (const name of s.value.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!ctx.transformCache.has(name)) {
        const stanza = config.transforms.get(name);
        if (!stanza) {
          problems.push({ message: `REPORT-${classOf(s.key, 'REPORT-')}: no transform [${name}] in transforms.conf`, ...where(s) });
          ctx.transformCache.set(name, undefined);
        } else ctx.transformCache.set(name, compileTransform(stanza, problems));
      }
      const step = ctx.transformCache.get(name);
      if (step) {
        const stanza = config.transforms.get(name)!;
        steps.push(step);
        writes.push(transformWrites(stanza));
        sources.push(sourceField(stanza.settings.get('SOURCE_KEY')?.value));
        labels.push(label(s, ` → transforms.conf [${name}]`));
      }
    }
  }

  const kvRaw = (get('KV_MODE') ?? 'auto').toLowerCase();
  const kvMode: KvMode = (['none', 'auto', 'auto_escaped', 'multi', 'json', 'xml'] as const).includes(kvRaw as KvMode)
    ? (kvRaw as KvMode)
    : 'auto';
  const autoJson = !/^(0|false|f|no)$/i.test(get('AUTO_KV_JSON') ?? 'true');
  const kv = kvStep(kvMode, autoJson && !indexedJson, indexedJson, ctx.jsonTooDeep);
  if (kv) {
    steps.push(kv); writes.push('any'); sources.push(undefined);
    const kvSetting = settings.get('KV_MODE');
    labels.push(kvSetting ? label(kvSetting, ` = ${kvMode}`) : `automatic key-value extraction (KV_MODE = ${kvMode}, the default)`);
  }

  for (const s of sortedClasses(settings, 'FIELDALIAS-')) {
    const step = compileFieldAlias(s.value, problems, where(s));
    if (step) { steps.push(step); writes.push(fieldAliasWrites(s.value)); sources.push(undefined); labels.push(label(s)); }
  }

  const evalDefs: EvalDef[] = sortedClasses(settings, 'EVAL-').map((s) => ({ field: s.key.slice(5), expr: s.value, ...where(s) }));
  const { step: evalStep, skipped } = compileEvals(evalDefs, ctx.evalCompiler, (m, d) =>
    ctx.report({ severity: m.severity, message: d.file ? `${m.message} (${d.file}:${d.line})` : m.message }),
  );
  if (evalStep) { steps.push(evalStep); writes.push(new Set(evalDefs.map((d) => d.field))); sources.push(undefined); labels.push(new Map(sortedClasses(settings, 'EVAL-').map((s) => [s.key.slice(5), label(s)]))); }

  for (const s of sortedClasses(settings, 'LOOKUP-')) {
    if (!ctx.lookupCache.has(s.value)) {
      ctx.lookupCache.set(s.value, compileLookup(s.value, config.transforms, config.lookupFile, problems, where(s)));
    }
    const step = ctx.lookupCache.get(s.value);
    if (step) { steps.push(step); writes.push(lookupWrites(s.value)); sources.push(undefined); labels.push(label(s)); }
  }

  const time = compileTimeSpec(get, problems);
  for (const p of problems) ctx.report(problemMessage(p));
  return {
    key: `${meta.source}\u0000${meta.sourcetype}\u0000${meta.host}`,
    stanzas: matched.map((m) => m.name),
    settings,
    kvMode,
    indexedJson,
    time,
    steps,
    writes,
    sources,
    skippedEvals: skipped,
    labels,
  };
}

function looksJson(raw: string): boolean {
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 9)) i++;
  const c = raw.charCodeAt(i);
  return c === 123 || c === 91;
}

/** Adds JSON fields (multivalue when a path repeats). Returns false when the text is not JSON. */
export function addJsonFields(row: Row, raw: string, onTooDeep?: (path: string) => void): boolean {
  return flattenJsonText(raw, (p, v) => addValue(row, p, v, true), onTooDeep);
}

function kvStep(mode: KvMode, autoJson: boolean, indexedJson: boolean, onTooDeep?: (path: string) => void): RowStep | undefined {
  switch (mode) {
    case 'none':
      return undefined;
    case 'json':
      if (indexedJson) return undefined;
      return (row) => { addJsonFields(row, String(row._raw ?? ''), onTooDeep); };
    case 'xml':
      return (row) => {
        const raw = String(row._raw ?? '');
        xmlLeafElements(raw, (k, v) => { if (v !== '') addValue(row, k, v, true); });
        xmlAttributes(raw, (k, v) => { if (v !== '') addValue(row, k, v, true); });
      };
    default: {
      const escaped = mode === 'auto_escaped';
      return (row) => {
        const raw = String(row._raw ?? '');
        if (autoJson && looksJson(raw) && addJsonFields(row, raw, onTooDeep)) return;
        autoKv(raw, (k, v) => addValue(row, k, v, false), escaped);
      };
    }
  }
}
