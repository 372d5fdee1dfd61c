// [E-DECISION] The compiled evaluator answers exactly as json-rules-engine (the reference): for every
// policy of rules/, facts made by mutating the auditor suites' facts (kept when they pass the policy's
// facts schema), at random dates, sometimes with replayed derived facts, give deep-equal results —
// decisions and errors alike — and the compiled path falls back to the reference only on errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EvaluationRequest,
  evaluate,
  evaluateCompiled,
  evaluateReference,
} from '../../src/domain/evaluate.js';
import { FC_RUNS, loadLiveRules } from '../support/load-rules.js';
import { dateArb, mutateFacts, mutationArb } from './mutate-facts.js';

const loaded = await loadLiveRules();
const { ruleset } = loaded;
const TODAY = '2026-11-23';

describe('compiled evaluation against json-rules-engine', () => {
  for (const id of [...ruleset.policies.keys()].sort()) {
    const seeds = loaded.suites.filter((s) => s.policy === id).flatMap((s) => s.cases);
    const validate = loaded.factValidators.get(id);

    it(`${id}: every generated case gets the same decision or error`, async () => {
      expect(seeds.length).toBeGreaterThan(0);
      if (!validate) throw new Error(`no facts validator for ${id}`);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(seeds.length - 1),
          fc.array(mutationArb, { maxLength: 4 }),
          fc.option(dateArb, { freq: 3 }),
          fc.boolean(),
          async (seedIndex, mutations, at, replay) => {
            const seed = seeds[seedIndex] as (typeof seeds)[number];
            const facts = mutateFacts(seed.facts, mutations);
            fc.pre(validate(facts).length === 0);
            const request: EvaluationRequest = { policy: id, facts, today: TODAY };
            if (at !== null) request.at = at;
            else if (seed.at !== undefined) request.at = seed.at;
            if (replay) {
              // Derived facts logged for the unmutated case, replayed over the mutated one.
              const logged = await evaluateReference(ruleset, {
                policy: id,
                facts: seed.facts,
                today: TODAY,
              });
              if (logged.ok) request.computedOverrides = logged.value.computed;
            }
            const reference = await evaluateReference(ruleset, request);
            expect(await evaluate(ruleset, request)).toStrictEqual(reference);
            const failed = !reference.ok && reference.error.code === 'EVALUATION_FAILED';
            expect(evaluateCompiled(ruleset, request) === null).toBe(failed);
          },
        ),
        { numRuns: FC_RUNS },
      );
    });
  }
});
