// The compiled evaluator hands a decision to json-rules-engine only on the compiler's own signals:
// a version it does not model (NotCompilable), or an evaluation that fails there too (the reference
// words the error). Each hand-over is told to the caller; any other error of the compiler surfaces.
import { describe, expect, it } from 'vitest';
import { compiledVersion } from '../../src/domain/compile/index.js';
import {
  CompiledEvaluationError,
  type EvaluatorFallback,
  evaluate,
  evaluateReference,
} from '../../src/domain/evaluate.js';
import type { RuleDef, Ruleset } from '../../src/domain/types.js';
import { defined } from '../support/defined.js';
import { loadOrThrow, ruleFiles } from '../support/rule-files.js';

const request = { policy: 'test.age', facts: { age: 120 }, at: '2021-01-01', today: '2024-01-01' };

/** The test policy with its one rule changed in memory, before any evaluation (the loader checks files). */
function withRule(change: (rule: RuleDef) => RuleDef): Ruleset {
  const { ruleset } = loadOrThrow(ruleFiles());
  const version = defined(ruleset.policies.get('test.age')?.versions[0], 'a first version');
  version.rules[0] = change(defined(version.rules[0], 'a first rule'));
  return ruleset;
}

describe('compiled evaluator fallback', () => {
  it('answers a version the compiler cannot compile through json-rules-engine, and says so', async () => {
    // A decorated operator: json-rules-engine knows it, the compiler does not model it.
    const ruleset = withRule((rule) => ({
      ...rule,
      conditions: { all: [{ fact: 'age', operator: 'not:lessThan', value: 100 }] },
    }));
    const fallbacks: EvaluatorFallback[] = [];
    const answer = await evaluate(ruleset, { ...request, onFallback: (f) => fallbacks.push(f) });
    expect(answer).toStrictEqual(await evaluateReference(ruleset, request));
    expect(answer).toMatchObject({ ok: true, value: { outcome: 'deny' } });
    expect(fallbacks).toEqual([
      {
        policy: 'test.age',
        effectiveFrom: '2020-01-01',
        reason: 'not-compilable',
        detail: 'operator not:lessThan',
      },
    ]);
  });

  it('tells of an evaluation that fails, which json-rules-engine words', async () => {
    const ruleset = withRule((rule) => ({
      ...rule,
      conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: { fact: 'limit' } }] },
    }));
    const version = defined(ruleset.policies.get('test.age')?.versions[0], 'a first version');
    version.computed.limit = { fn: 'multiply', args: { value: 'not a number', by: 2 } };
    const fallbacks: EvaluatorFallback[] = [];
    const answer = await evaluate(ruleset, { ...request, onFallback: (f) => fallbacks.push(f) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'EVALUATION_FAILED', policy: 'test.age' } });
    expect(answer).toStrictEqual(await evaluateReference(ruleset, request));
    expect(fallbacks).toMatchObject([{ policy: 'test.age', reason: 'evaluation-failed' }]);
  });

  it('does not swallow an unexpected error of the compiler', () => {
    let reads = 0;
    const ruleset = withRule((rule) =>
      Object.defineProperty({ ...rule }, 'priority', {
        enumerable: true,
        get() {
          reads++;
          if (reads === 1) throw new TypeError('a compiler fault');
          return 1;
        },
      }),
    );
    expect(() => evaluate(ruleset, request)).toThrow('a compiler fault');
  });

  it('does not hide a compiled evaluation that throws where json-rules-engine answers', async () => {
    const { ruleset } = loadOrThrow(ruleFiles());
    const policy = defined(ruleset.policies.get('test.age'), 'the policy');
    const compiled = defined(
      compiledVersion(ruleset, policy, defined(policy.versions[0], 'a first version')).compiled,
      'the compiled version',
    );
    compiled.run = () => {
      throw new TypeError('a generated-code fault');
    };
    await expect(evaluate(ruleset, request)).rejects.toThrow(CompiledEvaluationError);
    await expect(evaluate(ruleset, request)).rejects.toThrow(/test\.age.*a generated-code fault/);
  });
});
