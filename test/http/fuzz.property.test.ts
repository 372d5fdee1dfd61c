// Bad input never gives a 500: random bodies, random fact shapes and mutations of valid suite
// facts, for every policy, get 200 or a 4xx problem+json naming what is wrong.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FC_RUNS, loadRealRules } from '../support/load-rules.js';
import { itAnswersRandomBodiesWithoutA500, expectNo500 as sendExpectingNo500 } from '../support/no-500.js';
import { KEYS, startTestService } from './support.js';

const service = await startTestService();
const loaded = await loadRealRules();
const policies = [...loaded.ruleset.policies.keys()];
const validFacts = loaded.suites.flatMap((s) => s.cases.map((c) => ({ policy: s.policy, facts: c.facts })));

const expectNo500 = (policy: string, body: string) =>
  sendExpectingNo500(
    service,
    { method: 'POST', path: `/v1/policies/${encodeURIComponent(policy)}/decisions` },
    KEYS.service,
    body,
  );

/** Replaces one value somewhere inside `value` by `replacement`, or removes/adds a field. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || path.length === 0) return { ...(value as object), unexpected: replacement };
  const [head = 0, ...rest] = path;
  const [key, child] = entries[head % entries.length] as [string, unknown];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as object) };
  (copy as Record<string, unknown>)[key] =
    rest.length === 0 && head % 3 === 0 ? undefined : mutate(child, rest, replacement);
  return copy;
}

describe('the decision API under random input', () => {
  itAnswersRandomBodiesWithoutA500(policies, expectNo500);

  it('answers mutated valid facts, dates and trace flags without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...validFacts),
        fc.array(fc.nat(20), { maxLength: 4 }),
        fc.oneof(fc.jsonValue(), fc.constantFrom('2017-02-30', '', '9999-99-99', -1, 1e308, '2016-11-19')),
        fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.constant('2016-11-19'), fc.integer())),
        fc.option(fc.oneof(fc.boolean(), fc.string({ maxLength: 3 }))),
        async ({ policy, facts }, path, replacement, at, trace) => {
          const body: Record<string, unknown> = { facts: mutate(facts, path, replacement) };
          if (at !== null) body.at = at;
          if (trace !== null) body.trace = trace;
          await expectNo500(policy, JSON.stringify(body));
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});
