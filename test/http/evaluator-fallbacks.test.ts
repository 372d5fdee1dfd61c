// GET /v1/rules/status counts every decision json-rules-engine answered for the compiled evaluator.
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { defined } from '../support/defined.js';
import { DECIDE_DEADLINE, json, ON_TIME, startTestService, type TestService } from './support.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});

const fallbacks = async () =>
  (await json<{ evaluatorFallbacks: unknown }>(await service.get('/v1/rules/status'))).evaluatorFallbacks;

describe('evaluator fallbacks in the rule set status', () => {
  it('counts a decision on a version the compiler cannot compile, by policy and reason', async () => {
    expect(await fallbacks()).toEqual({ total: 0, byPolicy: {} });
    const compiledAnswer = await service.post(DECIDE_DEADLINE, { facts: ON_TIME });
    expect(compiledAnswer.status).toBe(200);
    expect(await fallbacks()).toEqual({ total: 0, byPolicy: {} });

    // Every version given a decorated operator (never true: `at` is no year), in memory: the loader
    // refuses it in files, json-rules-engine evaluates it, the compiler does not model it.
    const registry = resolve(service.container, TOKENS.RulesetRegistry);
    const policy = defined(registry.current().ruleset.policies.get('albo.payment-deadline'), 'the policy');
    // New version objects: compiled versions are cached by version.
    policy.versions = policy.versions.map((version) => {
      const rule = defined(version.rules[0], 'a first rule');
      const never = { fact: 'at', operator: 'not:equal', value: 'never' };
      return { ...version, rules: [{ ...rule, conditions: { all: [rule.conditions, never] } }] };
    });
    const fallbackAnswer = await service.post(DECIDE_DEADLINE, { facts: ON_TIME });
    expect(fallbackAnswer.status).toBe(200);
    expect(await fallbacks()).toEqual({
      total: 1,
      byPolicy: { 'albo.payment-deadline': { 'not-compilable': 1 } },
    });
  });
});
