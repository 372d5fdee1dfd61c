// What generated code (program.ts) calls at run time: the evaluation state and a few helpers whose
// semantics are json-rules-engine's or the interpreter's, written once here rather than in source text.
import { render } from '../messages.js';
import { type PathKey, resolveKeys } from '../paths.js';

/** "Not computed yet" in a shared value's local (a value may be undefined or null). */
export const UNSET: unique symbol = Symbol('unset');

/** The overrides of an evaluation that replays nothing (an empty object, with Object.prototype). */
export const NO_OVERRIDES: Readonly<Record<string, unknown>> = Object.freeze({});

const isEnumerable = Object.prototype.propertyIsEnumerable;

export const helpers = {
  UNSET,
  NO_OVERRIDES,
  render,
  /** The almanac's path step: objects only; anything else comes back unchanged. */
  almanacPath: (value: unknown, keys: readonly PathKey[]): unknown =>
    value !== null && value !== undefined && typeof value === 'object' ? resolveKeys(value, keys) : value,
  resolveKeys,
  /** A runtime fact under a name Object.prototype also has (`constructor`…): own, enumerable, defined. */
  isRuntimeFact: (facts: Record<string, unknown>, name: string): boolean =>
    facts[name] !== undefined && isEnumerable.call(facts, name),
  hasOwn: Object.hasOwn,
  /** `{param, asOf}`: the value on `asOf` when it is a string, else the value on `at`. */
  paramAsOf: (valueOn: (date: string) => unknown, date: unknown, onAt: unknown): unknown =>
    typeof date === 'string' ? valueOn(date) : onAt,
  /** Throws where the interpreter throws (an unknown function, an invalid expression). */
  fail: (message: string): never => {
    throw new Error(message);
  },
  /** `{"__proto__": …}` in a literal sets the prototype: such argument objects are built by assignment. */
  assign: (keys: readonly string[], values: readonly unknown[]): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) o[keys[i] as string] = values[i];
    return o;
  },
};

export type Helpers = typeof helpers;
