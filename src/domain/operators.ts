// Operators json-rules-engine lacks, for dates and lists. Dates are ISO strings; an operator given
// something that is not a date answers false rather than guessing. The plain functions are exported
// so the compiled evaluator (compile/operators.ts) runs the very same code as the reference engine.
import { Operator } from 'json-rules-engine';
import { isIsoDate } from './dates.js';
import { unicodeRegExp } from './regexps.js';

/** `fact value` × `condition value` → pass/fail, as json-rules-engine calls an operator. */
export type OperatorFunction = (factValue: unknown, value: unknown) => boolean;

const onDates =
  (test: (a: string, b: string) => boolean): OperatorFunction =>
  (a, b) =>
    isIsoDate(a) && isIsoDate(b) && test(a, b);

export const CUSTOM_OPERATOR_FUNCTIONS: Readonly<Record<string, OperatorFunction>> = {
  dateBefore: onDates((a, b) => a < b),
  dateOnOrBefore: onDates((a, b) => a <= b),
  dateAfter: onDates((a, b) => a > b),
  dateOnOrAfter: onDates((a, b) => a >= b),
  isNull: (a, b) => (a === null || a === undefined) === Boolean(b),
  matches: (a, b) => typeof a === 'string' && typeof b === 'string' && unicodeRegExp(b).test(a),
  startsWith: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
  /** The fact (a list) shares at least one item with the value (a list). */
  intersects: (a, b) => Array.isArray(a) && Array.isArray(b) && a.some((item) => b.includes(item)),
  isEmpty: (a, b) => (!Array.isArray(a) || a.length === 0) === Boolean(b),
};

export const CUSTOM_OPERATORS: readonly Operator<unknown, unknown>[] = Object.entries(
  CUSTOM_OPERATOR_FUNCTIONS,
).map(([name, test]) => new Operator<unknown, unknown>(name, test));

export const BUILT_IN_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

export const OPERATOR_NAMES: ReadonlySet<string> = new Set([
  ...BUILT_IN_OPERATORS,
  ...CUSTOM_OPERATORS.map((o) => o.name),
]);
