// GET /v1/rules/status counts every decision json-rules-engine answered for the compiled evaluator,
// and each one is logged with its policy and reason.
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContainer } from '../../src/adapters/composition-root.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { defined } from '../support/defined.js';
import { RULES_DIR } from '../support/load-rules.js';
import { apiKeys, DECIDE_DEADLINE, json, KEYS, ON_TIME } from './support.js';

const logged: Array<Record<string, unknown>> = [];
const container = buildContainer({ port: 0, rulesDir: RULES_DIR, apiKeys, logLevel: 'warn' });
const headers = { authorization: `Bearer ${KEYS.service}`, 'content-type': 'application/json' };
const decide = () =>
  resolve(container, TOKENS.HttpApp).request(DECIDE_DEADLINE, {
    method: 'POST',
    headers,
    body: JSON.stringify({ facts: ON_TIME }),
  });
const fallbacks = async () => {
  const status = await resolve(container, TOKENS.HttpApp).request('/v1/rules/status', { headers });
  return (await json<{ evaluatorFallbacks: unknown }>(status)).evaluatorFallbacks;
};

beforeAll(async () => {
  const destination = { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) };
  container.rebindSync(TOKENS.Logger).toConstantValue(pino({ level: 'warn' }, destination));
  await loadRules(container);
});

describe('evaluator fallbacks in the rule set status', () => {
  it('counts and logs a decision on a version the compiler cannot compile, by policy and reason', async () => {
    expect(await fallbacks()).toEqual({ total: 0, byPolicy: {} });
    expect((await decide()).status).toBe(200);
    expect(await fallbacks()).toEqual({ total: 0, byPolicy: {} });

    // Every version given a decorated operator (never true: `at` is no year), in memory: the loader
    // refuses it in files, json-rules-engine evaluates it, the compiler does not model it.
    const registry = resolve(container, TOKENS.RulesetRegistry);
    const policy = defined(registry.current().ruleset.policies.get('albo.payment-deadline'), 'the policy');
    // New version objects: compiled versions are cached by version.
    policy.versions = policy.versions.map((version) => {
      const rule = defined(version.rules[0], 'a first rule');
      const never = { fact: 'at', operator: 'not:equal', value: 'never' };
      return { ...version, rules: [{ ...rule, conditions: { all: [rule.conditions, never] } }] };
    });
    expect((await decide()).status).toBe(200);
    expect(await fallbacks()).toEqual({
      total: 1,
      byPolicy: { 'albo.payment-deadline': { 'not-compilable': 1 } },
    });
    expect(
      logged.filter((line) => line.msg === 'json-rules-engine answered for the compiled evaluator'),
    ).toEqual([
      expect.objectContaining({
        level: 40,
        policy: 'albo.payment-deadline',
        reason: 'not-compilable',
        detail: 'operator not:equal',
      }),
    ]);
  });
});
