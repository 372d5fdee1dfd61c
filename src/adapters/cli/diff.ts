// The diff printed under a failed suite case: one block per mismatched field, expected lines marked
// `-` and actual lines `+`, common lines kept so both values can be read in full.
import type { Mismatch } from '../../application/audit/run-suites.js';
import type { DecideError } from '../../application/decisions/decide.js';
import { type Paint, PLAIN } from './io.js';
import { compact, pretty } from './values.js';

export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** Line diff by longest common subsequence; values here are small, so O(n·m) is fine. */
export function lineDiff(expected: string[], actual: string[]): DiffLine[] {
  const n = expected.length;
  const m = actual.length;
  // lcs[i][j] is stored at i * (m + 1) + j.
  const lcs = new Array<number>((n + 1) * (m + 1)).fill(0);
  const cell = (i: number, j: number) => at(lcs, i * (m + 1) + j);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        expected[i] === actual[j] ? cell(i + 1, j + 1) + 1 : Math.max(cell(i + 1, j), cell(i, j + 1));
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push({ op: ' ', text: at(expected, i++) });
      j++;
      // On a tie, removals come before additions, as in a unified diff.
    } else if (i < n && (j === m || cell(i + 1, j) >= cell(i, j + 1)))
      out.push({ op: '-', text: at(expected, i++) });
    else out.push({ op: '+', text: at(actual, j++) });
  }
  return out;
}

/** The element at `index`; the indices above are in range by construction, so a miss is a bug. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

/** The text block for one mismatch, each line already indented by `prefix`. */
export function describeMismatch(m: Mismatch, prefix = '', paint: Paint = PLAIN): string[] {
  if (m.field === 'error') return describeError(m, prefix, paint);
  const lines = lineDiff(pretty(m.expected).split('\n'), pretty(m.actual).split('\n'));
  return [`${prefix}${paint.bold(m.field)}`, ...lines.map((l) => prefix + paintLine(l, paint))];
}

function paintLine(l: DiffLine, paint: Paint): string {
  const text = `${l.op} ${l.text}`;
  return l.op === '-' ? paint.bad(text) : l.op === '+' ? paint.good(text) : paint.dim(text);
}

function describeError(m: Mismatch, prefix: string, paint: Paint): string[] {
  const error = m.actual as DecideError;
  return [
    `${prefix}${paint.bold('error')} (the case could not be evaluated)`,
    `${prefix}${paint.bad(`- outcome ${compact(m.expected)}`)}`,
    `${prefix}${paint.good(`+ ${error.code}`)}`,
    ...errorDetails(error).map((d) => `${prefix}    ${d}`),
  ];
}

/** What a maintainer needs to fix the case, per error code. */
export function errorDetails(error: DecideError): string[] {
  switch (error.code) {
    case 'INVALID_FACTS':
      return error.issues.map((i) => `${fieldOf(i.path)}  ${i.reason}`);
    case 'UNKNOWN_POLICY':
      return [`policy "${error.policy}" is not loaded`];
    case 'INVALID_AT':
      return [`at ${compact(error.at)} is not a YYYY-MM-DD date`];
    case 'NO_VERSION_IN_FORCE':
      return [`no version of "${error.policy}" is in force on ${error.at}`];
    case 'EVALUATION_FAILED':
      return [`${error.rule ? `rule ${error.rule}: ` : ''}${error.reason}`];
  }
}

/** A facts JSON Pointer as a maintainer names the field: `/fleet/0/massKg` → `fleet.0.massKg`. */
export function fieldOf(pointer: string): string {
  const field = pointer
    .replace(/^\//, '')
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
  return field === '' ? '(facts)' : field;
}
