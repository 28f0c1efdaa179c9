// Documentation hovers inside SPL: commands (syntax, description, options), command options,
// eval and stats functions, data model datasets (`datamodel=Endpoint.Processes`) and data model
// fields (`Processes.process_name`). Macro calls are left to the macro-expansion hover: this
// returns undefined on them, so the two can be combined by trying the macro hover first (or
// concatenating both markdowns). LSP-free; ranges are document offsets.
import type { DataModelRegistry, DataModelField, ResolvedObject } from '../engine/datamodels';
import { defaultDataModels } from '../engine/datamodels';
import type { Command, Pipeline, Range } from '../spl/ast';
import { CommandInfo, findCommand } from '../spl/catalog/commands';
import { EvalFunctionInfo, findEvalFunction } from '../spl/catalog/evalFunctions';
import { findStatsFunction, StatsFunctionInfo } from '../spl/catalog/statsFunctions';
import { forEachCommand } from '../spl/walk';
import type { DocumentModel } from './documentModel';
import { itemAt } from './splWalk';

export interface DocsHover {
  markdown: string;
  /** Document range of the hovered word. */
  range: Range;
}

export interface DocsHoverOptions {
  /** Data models for field and dataset hovers (the bundled CIM models when omitted). */
  dataModels?: DataModelRegistry;
}

const code = (s: string) => '```spl\n' + s + '\n```';
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function commandMarkdown(info: CommandInfo): string {
  const parts = [code(info.syntax), info.description];
  const notes = [
    info.aliases?.length ? `Aliases: ${info.aliases.map((a) => `\`${a}\``).join(', ')}.` : '',
    info.generating ? 'Generating command: it must start the search (`| ' + info.name + ' …`).' : '',
    info.sideEffects ? 'Has side effects (writes data or contacts other systems).' : '',
    info.externalApp ? `Provided by ${info.externalApp}.` : '',
  ].filter(Boolean);
  if (notes.length) parts.push(notes.join(' '));
  if (info.options.length) {
    parts.push(['| Option | Description |', '| --- | --- |', ...info.options.map((o) => `| \`${o.name}\` | ${cell(o.doc)} |`)].join('\n'));
  }
  return parts.join('\n\n');
}

export function evalFunctionMarkdown(f: EvalFunctionInfo): string {
  return `${code(f.signature)}\n\n${f.description}\n\n_Eval function (${f.category})._`;
}

export function statsFunctionMarkdown(f: StatsFunctionInfo, calledAs?: string): string {
  const aka = f.aliases?.length ? ` Also written ${f.aliases.map((a) => `\`${a}\``).join(', ')}.` : '';
  const as = calledAs && calledAs !== f.name ? `\`${calledAs}\`: ` : '';
  return `${code(f.signature)}\n\n${as}${f.description}${aka}\n\n_Stats function${f.chartOnly ? ' (chart and timechart only)' : ''}._`;
}

export function dataModelObjectMarkdown(r: ResolvedObject): string {
  const m = r.model;
  const o = r.object;
  const lines = [
    `**${m.modelName}.${o.objectName}** — dataset \`${r.lineage}\` of the ${m.displayName ?? m.modelName} data model`,
    m.description ?? '',
    o.comment ?? '',
    `${o.fields.length + o.calculations.reduce((n, c) => n + c.outputFields.length, 0)} fields of its own; fields are written \`${o.objectName}.<field>\` in tstats.`,
  ];
  const constraints = o.constraints.map((c) => c.search).filter(Boolean);
  if (constraints.length) lines.push('Constraint:\n' + code(constraints.join('\n')));
  return lines.filter(Boolean).join('\n\n');
}

/** Where a data model field is defined: the object and the field (or calculated output). */
export function findDataModelField(
  registry: DataModelRegistry,
  fieldRef: string,
  dataModelSpec?: string,
): { resolved: ResolvedObject; field: DataModelField; calculated?: string } | undefined {
  const parts = fieldRef.split('.');
  if (parts.length < 2) return undefined;
  const fieldName = parts[parts.length - 1];
  const objectName = parts[parts.length - 2];
  const candidates: ResolvedObject[] = [];
  const fromSpec = dataModelSpec ? registry.resolve(dataModelSpec) : undefined;
  if (fromSpec) {
    const inChain = fromSpec.chain.find((o) => o.objectName === objectName);
    const r = inChain ? registry.resolve(`${fromSpec.model.modelName}.${inChain.objectName}`) : undefined;
    if (r) candidates.push(r);
  }
  for (const name of registry.names()) {
    const r = registry.resolve(`${name}.${objectName}`);
    if (r && r.object.objectName === objectName) candidates.push(r);
  }
  for (const r of candidates) {
    const f = r.object.fields.find((x) => x.fieldName === fieldName);
    if (f) return { resolved: r, field: f };
    for (const c of r.object.calculations) {
      const out = c.outputFields.find((x) => x.fieldName === fieldName);
      if (out) return { resolved: r, field: out, calculated: c.calculationType };
    }
  }
  return undefined;
}

function dataModelFieldMarkdown(ref: string, hit: NonNullable<ReturnType<typeof findDataModelField>>): string {
  const { resolved: r, field: f } = hit;
  const facts = [
    f.type ? `type \`${f.type}\`` : '',
    f.multivalue ? 'multivalue' : '',
    f.required ? 'required' : '',
    hit.calculated ? `calculated (${hit.calculated})` : '',
  ].filter(Boolean);
  const lines = [
    `**${ref}** — field \`${f.fieldName}\` of dataset \`${r.lineage}\` in the ${r.model.displayName ?? r.model.modelName} data model (\`${r.model.modelName}.${r.object.objectName}\`)`,
    facts.length ? facts.join(', ') : '',
    f.displayName && f.displayName !== f.fieldName ? `Display name: ${f.displayName}` : '',
    f.comment ?? '',
  ];
  return lines.filter(Boolean).join('\n\n');
}

/** The `datamodel=` of the tstats / from command holding `offset`, else the first one in the pipeline. */
function dataModelSpecAt(pipeline: Pipeline, offset: number): string | undefined {
  let at: string | undefined;
  let first: string | undefined;
  forEachCommand(pipeline, (c) => {
    if (c.kind !== 'command' || c.body.kind !== 'stats' || !c.body.datamodel) return;
    first ??= c.body.datamodel.name;
    if (c.range.start <= offset && offset <= c.range.end) at = c.body.datamodel.name;
  });
  return at ?? first;
}

function optionAt(pipeline: Pipeline, offset: number): { command: Command; key: string; range: Range } | undefined {
  let hit: { command: Command; key: string; range: Range } | undefined;
  forEachCommand(pipeline, (c) => {
    if (c.kind !== 'command') return;
    for (const o of c.options) if (o.keyRange.start <= offset && offset < o.keyRange.end) hit = { command: c, key: o.key, range: o.keyRange };
  });
  return hit;
}

/** Documentation hover at a document offset; undefined on macros and on words without docs. */
export function docsHoverAt(model: DocumentModel, docOffset: number, options: DocsHoverOptions = {}): DocsHover | undefined {
  const at = model.splAt(docOffset, 'char');
  if (!at) return undefined;
  const { region, offset } = at;
  const pipeline = region.pipeline;
  const registry = options.dataModels ?? defaultDataModels();
  const hover = (markdown: string, range: Range): DocsHover => ({ markdown, range: region.toDocumentRange(range) });

  const opt = optionAt(pipeline, offset);
  if (opt) {
    const info = findCommand(opt.command.name);
    const doc = info?.options.find((o) => o.name.toLowerCase() === opt.key.toLowerCase());
    if (info && doc) return hover(`**${doc.name}** — option of \`${info.name}\`\n\n${doc.doc}`, opt.range);
    if (opt.key.toLowerCase() === 'datamodel' && opt.command.body.kind === 'stats' && opt.command.body.datamodel) {
      const r = registry.resolve(opt.command.body.datamodel.name);
      if (r) return hover(dataModelObjectMarkdown(r), opt.range);
    }
  }

  const item = itemAt(pipeline, offset);
  if (!item) return undefined;
  switch (item.kind) {
    case 'command': {
      const info = findCommand(item.node.name);
      return info ? hover(commandMarkdown(info), item.range) : undefined;
    }
    case 'evalFunction': {
      const f = findEvalFunction(item.name);
      return f ? hover(evalFunctionMarkdown(f), item.range) : undefined;
    }
    case 'statsFunction': {
      const f = findStatsFunction(item.name);
      return f ? hover(statsFunctionMarkdown(f, item.name), item.range) : undefined;
    }
    case 'datamodel': {
      const r = registry.resolve(item.name);
      return r ? hover(dataModelObjectMarkdown(r), item.range) : undefined;
    }
    case 'field': {
      if (!item.name.includes('.')) return undefined;
      const hit = findDataModelField(registry, item.name, dataModelSpecAt(pipeline, offset));
      return hit ? hover(dataModelFieldMarkdown(item.name, hit), item.range) : undefined;
    }
    default:
      return undefined;
  }
}
