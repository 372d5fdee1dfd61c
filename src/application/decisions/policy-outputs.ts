// A policy's outputs as the types the code relies on. The rule files are data a maintainer edits:
// an output that is missing or of another type than the code expects is a mismatch between the
// two, reported as a programmer error naming the policy and the output, never cast and carried on.
import { isIsoDate } from '../../domain/dates.js';
import type { Decision } from '../../domain/types.js';

/** What an output must be: a description for the error, and the check. */
export interface OutputType<T> {
  what: string;
  is(value: unknown): value is T;
}

export const integer: OutputType<number> = {
  what: 'an integer',
  is: (v): v is number => Number.isInteger(v),
};

export const isoDate: OutputType<string> = { what: 'a YYYY-MM-DD date', is: isIsoDate };

export const oneOf = <T extends string>(...values: T[]): OutputType<T> => ({
  what: `one of ${values.join(', ')}`,
  is: (v): v is T => values.includes(v as T),
});

export const arrayOf = <T>(item: OutputType<T>): OutputType<T[]> => ({
  what: `an array of ${item.what}`,
  is: (v): v is T[] => Array.isArray(v) && v.every((x) => item.is(x)),
});

/** An object with at least these fields (optional ones: absent, or of their type). */
export const objectWith = <T>(
  required: { [K in keyof T]?: OutputType<T[K]> },
  optional: { [K in keyof T]?: OutputType<NonNullable<T[K]>> } = {},
): OutputType<T> => ({
  what: `an object with ${Object.keys(required).join(', ')}`,
  is: (v): v is T => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    const holds = (fields: Record<string, OutputType<unknown> | undefined>, absentOk: boolean) =>
      Object.entries(fields).every(
        ([name, type]) => (absentOk && o[name] === undefined) || type?.is(o[name]) === true,
      );
    return holds(required, false) && holds(optional, true);
  },
});

export const text: OutputType<string> = { what: 'a string', is: (v): v is string => typeof v === 'string' };

/** The policy's outputs do not match what the code expects of them (a rule file or code to fix). */
export class PolicyOutputError extends Error {
  constructor(policy: string, output: string, what: string, value: unknown) {
    super(`${policy}: output "${output}" must be ${what}, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
}

type Decoded<S> = { [K in keyof S]: S[K] extends OutputType<infer T> ? T : never };

/** A decoder of one policy's outputs; it throws PolicyOutputError on another policy's decision too. */
export function policyOutputs<S extends Record<string, OutputType<unknown>>>(
  policy: string,
  shape: S,
): (decision: Pick<Decision, 'policy' | 'outputs'>) => Decoded<S> {
  return (decision) => {
    if (decision.policy !== policy)
      throw new Error(`the outputs decoder of ${policy} was given a decision of ${decision.policy}`);
    const decoded: Record<string, unknown> = {};
    for (const [name, type] of Object.entries(shape)) {
      const value = decision.outputs[name];
      if (!type.is(value)) throw new PolicyOutputError(policy, name, type.what, value);
      decoded[name] = value;
    }
    return decoded as Decoded<S>;
  };
}
