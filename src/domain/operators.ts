// Operators json-rules-engine lacks, for dates and lists. Dates are ISO strings; an operator given
// something that is not a date answers false rather than guessing.
import { Operator } from 'json-rules-engine';
import { isIsoDate } from './dates.js';

const dateOperator = (name: string, test: (a: string, b: string) => boolean) =>
  new Operator<unknown, unknown>(name, (a, b) => isIsoDate(a) && isIsoDate(b) && test(a, b));

export const CUSTOM_OPERATORS: readonly Operator<unknown, unknown>[] = [
  dateOperator('dateBefore', (a, b) => a < b),
  dateOperator('dateOnOrBefore', (a, b) => a <= b),
  dateOperator('dateAfter', (a, b) => a > b),
  dateOperator('dateOnOrAfter', (a, b) => a >= b),
  new Operator<unknown, unknown>('isNull', (a, b) => (a === null || a === undefined) === Boolean(b)),
  new Operator<unknown, unknown>(
    'matches',
    (a, b) => typeof a === 'string' && typeof b === 'string' && new RegExp(b, 'u').test(a),
  ),
  new Operator<unknown, unknown>(
    'startsWith',
    (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
  ),
  /** The fact (a list) shares at least one item with the value (a list). */
  new Operator<unknown, unknown>(
    'intersects',
    (a, b) => Array.isArray(a) && Array.isArray(b) && a.some((item) => b.includes(item)),
  ),
  new Operator<unknown, unknown>('isEmpty', (a, b) => (!Array.isArray(a) || a.length === 0) === Boolean(b)),
];

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
