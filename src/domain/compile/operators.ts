// Operators for compiled conditions: json-rules-engine's built-ins restated as plain functions
// (engine-default-operators.js, each with its fact validator folded in, as Operator.evaluate does)
// and our custom ones reused from ../operators.ts. Like the engine, custom names win over built-ins.
import { CUSTOM_OPERATOR_FUNCTIONS, type OperatorFunction } from '../operators.js';

/** json-rules-engine's numberValidator: `Number.parseFloat(v).toString() !== 'NaN'`, i.e. not NaN. */
const numeric = (value: unknown): boolean => !Number.isNaN(Number.parseFloat(value as string));

/** `in`/`notIn` call `indexOf` on whatever the value is (array or string), and throw as the engine does. */
type Searchable = { indexOf(item: unknown): number };

// The casts only quiet the type checker: `<` and `indexOf` behave at run time exactly as in the engine.
const BUILT_IN: Readonly<Record<string, OperatorFunction>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as Searchable).indexOf(a) > -1,
  notIn: (a, b) => (b as Searchable).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numeric(a) && (a as number) >= (b as number),
};

const OPERATORS: ReadonlyMap<string, OperatorFunction> = new Map(
  Object.entries({ ...BUILT_IN, ...CUSTOM_OPERATOR_FUNCTIONS }),
);

/**
 * The operator named `name`, or undefined. Decorated names (`not:equal`…) are not compiled: the
 * loader refuses them, and a version using them anyway is left to the reference engine.
 */
export function operatorFunction(name: string): OperatorFunction | undefined {
  return OPERATORS.get(name);
}
