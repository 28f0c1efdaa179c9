// What `detection-workbench test` prints: one record per detection test, as text (a line per test
// and a summary table), JSON, or JUnit XML for CI test reporters (GitLab, Jenkins, GitHub).
import * as path from 'path';
import type { DetectionTestOutcome, TestStatus } from '../analysis/detectionTestRun';
import type { LineIndex } from '../yaml';

export interface TestRecord {
  detection: string;
  /** The detection file, relative to its content root, with `/`. */
  file: string;
  /** 1-based line of the `tests:` entry. */
  line: number;
  test: string;
  status: TestStatus;
  rows: number;
  ms: number;
  reason: string | null;
  /** Where in the detection file the failure is (1-based), and the stage where rows went to zero. */
  stage: { command: string | null; index: number | null; line: number | null; column: number | null } | null;
  missingFields?: string[];
  lookedFor?: string;
}

export function toRecord(o: DetectionTestOutcome, root: string, lines: LineIndex): TestRecord {
  const at = o.stage?.range ? lines.positionAt(o.stage.range.start) : undefined;
  return {
    detection: o.detection,
    file: path.relative(root, o.file).split(path.sep).join('/'),
    line: lines.positionAt(o.testRange.start).line + 1,
    test: o.test,
    status: o.status,
    rows: o.rows,
    ms: o.ms,
    reason: o.reason ?? null,
    stage: o.stage
      ? { command: o.stage.command ?? null, index: o.stage.index ?? null, line: at ? at.line + 1 : null, column: at ? at.character + 1 : null }
      : null,
    ...(o.missingFields ? { missingFields: o.missingFields } : {}),
    ...(o.lookedFor ? { lookedFor: o.lookedFor } : {}),
  };
}

/** `file:line:column` of the failure's position, or of the test entry. */
function where(r: TestRecord): string {
  return r.stage?.line ? `${r.file}:${r.stage.line}:${r.stage.column}` : `${r.file}:${r.line}`;
}

export function textLine(r: TestRecord): string {
  const head = `${r.status.toUpperCase().padEnd(4)}  ${r.file}:${r.line}  ${r.detection} › ${r.test}  ${r.rows} row(s)  ${r.ms} ms`;
  if (r.status === 'pass') return head + '\n';
  return `${head}\n      ${r.reason ?? ''}${r.status === 'fail' ? ` (at ${where(r)})` : ''}\n`;
}

export function summaryText(records: TestRecord[], ms: number, strict: boolean): string {
  const count = (s: TestStatus) => records.filter((r) => r.status === s).length;
  const rows: [string, number][] = [
    ['passed', count('pass')],
    ['failed', count('fail')],
    [strict ? 'skipped (failures: --strict)' : 'skipped', count('skip')],
    ['total', records.length],
  ];
  return ['', ...rows.map(([k, v]) => `  ${k.padEnd(28)} ${String(v).padStart(6)}`), `  ${'time'.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(6)} s`, ''].join('\n');
}

/**
 * Text safe inside XML 1.0 attribute values and elements: the five special characters escaped, and
 * characters XML 1.0 cannot hold at all (control characters other than tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF) replaced by U+FFFD, so that reporters' parsers accept the file.
 */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** Element text: like attributes, but line breaks stay readable. */
function xmlText(s: string): string {
  return xmlEscape(s).replace(/&#10;/g, '\n');
}

/**
 * JUnit XML as GitLab, Jenkins and GitHub reporters read it: `<testsuites>` › one `<testsuite>` per
 * detection › one `<testcase>` per test with `classname`, `name`, `file`, `line` and `time` (seconds),
 * holding `<failure message type>` or `<skipped message>`.
 */
export function junitXml(records: TestRecord[], ms: number): string {
  const bySuite = new Map<string, TestRecord[]>();
  for (const r of records) bySuite.set(r.file, [...(bySuite.get(r.file) ?? []), r]);
  const secs = (n: number) => (n / 1000).toFixed(3);
  const count = (list: TestRecord[], s: TestStatus) => list.filter((r) => r.status === s).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="detection-workbench test" tests="${records.length}" failures="${count(records, 'fail')}" ` +
      `errors="0" skipped="${count(records, 'skip')}" time="${secs(ms)}">`,
  );
  for (const [file, list] of bySuite) {
    const total = list.reduce((n, r) => n + r.ms, 0);
    out.push(
      `  <testsuite name="${xmlEscape(list[0].detection)}" file="${xmlEscape(file)}" tests="${list.length}" ` +
        `failures="${count(list, 'fail')}" errors="0" skipped="${count(list, 'skip')}" time="${secs(total)}">`,
    );
    const classname = file.replace(/\.ya?ml$/i, '').split('/').join('.');
    for (const r of list) {
      const attrs = `classname="${xmlEscape(classname)}" name="${xmlEscape(r.test)}" file="${xmlEscape(r.file)}" line="${r.line}" time="${secs(r.ms)}"`;
      if (r.status === 'pass') {
        out.push(`    <testcase ${attrs}/>`);
        continue;
      }
      out.push(`    <testcase ${attrs}>`);
      const reason = r.reason ?? '';
      if (r.status === 'skip') out.push(`      <skipped message="${xmlEscape(reason)}"/>`);
      else {
        const type = r.missingFields ? 'missing-risk-fields' : r.rows === 0 ? 'no-results' : 'error';
        out.push(`      <failure message="${xmlEscape(reason)}" type="${type}">${xmlText(`${reason}\nat ${where(r)}`)}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
