// Shared by the cns.* property tests: the real rules/ loaded once, a decision that must succeed,
// and random ISO dates in a range.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { decideOn } from '../../src/application/decisions/decide.js';
import type { Decision } from '../../src/domain/types.js';
import { loadRealRules } from '../support/load-rules.js';

export const loaded = await loadRealRules();

/** Evaluates `policy` on `facts`; a schema or evaluation error fails the test with its reason. */
export async function decide(policy: string, facts: object, at?: string): Promise<Decision> {
  const result = await decideOn(loaded, { policy, facts, ...(at === undefined ? {} : { at }) }, new Date());
  if (!result.ok) throw new Error(`${policy} did not decide: ${JSON.stringify(result.error)}`);
  return result.value;
}

export const codes = (decision: Decision): string[] => decision.violations.map((v) => v.code);

/** Uniformly random `YYYY-MM-DD` between two dates, both inclusive. */
export function isoDateBetween(first: string, last: string): fc.Arbitrary<string> {
  const start = DateTime.fromISO(first, { zone: 'Europe/Rome' });
  const days = DateTime.fromISO(last, { zone: 'Europe/Rome' }).diff(start, 'days').days;
  return fc.integer({ min: 0, max: days }).map((n) => start.plus({ days: n }).toFormat('yyyy-MM-dd'));
}
