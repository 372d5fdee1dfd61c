// [E-DATE][E-DECISION] Version and parameters chosen by `at`; every violation; trace with sources.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/evaluate.js';
import type { Decision } from '../../src/domain/types.js';
import { aPolicy, aRule, load, loadOrThrow, ruleFiles, someParameters } from '../support/rule-files.js';

const params = someParameters([
  { from: '2020-01-01', value: 65, source: 'law A' },
  { from: '2022-07-01', value: 67, source: 'law B' },
]);
const { ruleset } = loadOrThrow(ruleFiles(aPolicy(), params));
const decide = (facts: Record<string, unknown>, at?: string, trace = false) =>
  evaluate(ruleset, { policy: 'test.age', facts, ...(at ? { at } : {}), today: '2024-05-05', trace });

describe('evaluate', () => {
  it('uses the parameter value in force on the evaluation date, boundaries inclusive', async () => {
    const before = await decide({ age: 66 }, '2022-06-30');
    const on = await decide({ age: 66 }, '2022-07-01');
    expect(before.ok && before.value.outcome).toBe('deny');
    expect(on.ok && on.value.outcome).toBe('allow');
    expect(on.ok && on.value.outputs).toEqual({ limit: 67 });
  });

  it('defaults the evaluation date to today as given by the caller', async () => {
    const result = await decide({ age: 30 });
    expect(result.ok && result.value.at).toBe('2024-05-05');
  });

  it('refuses a date with no version in force, and a malformed date', async () => {
    expect(await decide({ age: 30 }, '2019-12-31')).toEqual({
      ok: false,
      error: { code: 'NO_VERSION_IN_FORCE', policy: 'test.age', at: '2019-12-31' },
    });
    expect(await decide({ age: 30 }, '2020-02-30')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_AT' },
    });
    const unknown = await evaluate(ruleset, { policy: 'nope', facts: {}, today: '2024-01-01' });
    expect(unknown).toEqual({ ok: false, error: { code: 'UNKNOWN_POLICY', policy: 'nope' } });
  });

  it('returns the decision contract with violation messages, rule and source', async () => {
    const result = await decide({ age: 80 }, '2021-01-01');
    expect(result).toMatchObject({
      ok: true,
      value: {
        policy: 'test.age',
        version: { effectiveFrom: '2020-01-01', effectiveTo: null },
        rulesetHash: ruleset.hash,
        at: '2021-01-01',
        outcome: 'deny',
        violations: [
          {
            code: 'TOO_OLD',
            message: { it: 'Troppo vecchio', en: 'Too old' },
            rule: 'not-too-old',
            source: 'test',
          },
        ],
        outputs: { limit: 65 },
      },
    });
    expect(result.ok && result.value.trace).toBeUndefined();
  });

  it('traces each condition with the value seen and each parameter with its source', async () => {
    const result = await decide({ age: 80 }, '2023-01-01', true);
    if (!result.ok) throw new Error('expected a decision');
    const trace = result.value.trace;
    expect(trace?.rules[0]).toMatchObject({
      name: 'not-too-old',
      fired: true,
      conditions: {
        all: [{ fact: 'age', operator: 'greaterThan', factResult: 80, valueResult: 67, result: true }],
      },
    });
    expect(trace?.parameters).toEqual([
      { name: 'test.maxAge', asOf: '2023-01-01', value: 67, from: '2022-07-01', source: 'law B' },
    ]);
  });

  it('reports every violation, not only the first', async () => {
    const policy = aPolicy({
      messages: { TOO_OLD: { it: 'Troppo vecchio', en: 'Too old' }, ODD: { it: 'Dispari', en: 'Odd' } },
      versions: [
        {
          effectiveFrom: '2020-01-01',
          computed: { limit: { param: 'test.maxAge' } },
          rules: [
            aRule(),
            aRule({
              name: 'even-age',
              conditions: { all: [{ fact: 'age', operator: 'in', value: [67, 69, 71, 73] }] },
              event: { type: 'violation', params: { code: 'ODD' } },
            }),
          ],
        },
      ],
    });
    const loaded = loadOrThrow(ruleFiles(policy));
    const result = await evaluate(loaded.ruleset, {
      policy: 'test.age',
      facts: { age: 71 },
      today: '2024-01-01',
    });
    expect(result.ok && result.value.violations.map((v) => v.code)).toEqual(['TOO_OLD', 'ODD']);
  });

  it('lets a fired rule override an output', async () => {
    const policy = aPolicy({
      versions: [
        {
          effectiveFrom: '2020-01-01',
          computed: { limit: { param: 'test.maxAge' } },
          outputs: { band: 'adult' },
          rules: [
            aRule({
              name: 'minor',
              conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 18 }] },
              event: { type: 'output', params: { outputs: { band: 'minor' } } },
            }),
          ],
        },
      ],
    });
    const loaded = loadOrThrow(ruleFiles(policy));
    const run = (age: number) =>
      evaluate(loaded.ruleset, { policy: 'test.age', facts: { age }, today: '2024-01-01' });
    const minor = await run(10);
    const adult = await run(40);
    expect(minor.ok && minor.value).toMatchObject({ outcome: 'allow', outputs: { band: 'minor' } });
    expect(adult.ok && adult.value).toMatchObject({ outcome: 'allow', outputs: { band: 'adult' } });
  });

  it('keeps overlapping evaluations apart: 400 at once, each with its own answer', async () => {
    const ages = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 30 : 90));
    const results = await Promise.all(ages.map((age) => decide({ age }, '2021-01-01', true)));
    results.forEach((r, i) => {
      expect(r.ok && r.value.outcome).toBe(ages[i] === 30 ? 'allow' : 'deny');
      expect(r.ok && r.value.trace?.rules[0]?.conditions.all?.[0]?.factResult).toBe(ages[i]);
    });
  });

  it('answers at once when compiled, with a promise when json-rules-engine answers', async () => {
    // The compiled path's answer is the value itself: a bulk caller pays no promise per decision.
    const now = decide({ age: 66 }, '2022-07-01');
    expect(now).not.toBeInstanceOf(Promise);
    expect(now).toMatchObject({ ok: true, value: { outcome: 'allow' } });
    // A refusal is also known at once.
    expect(decide({ age: 66 }, '1999-01-01')).toMatchObject({
      ok: false,
      error: { code: 'NO_VERSION_IN_FORCE' },
    });
    // A trace comes from the reference interpreter, asynchronous: a promise of the same decision.
    const traced = decide({ age: 66 }, '2022-07-01', true);
    expect(traced).toBeInstanceOf(Promise);
    const { trace, ...same } = ((await traced) as { ok: true; value: Decision }).value;
    expect(trace).toBeDefined();
    expect(same).toEqual((now as { ok: true; value: Decision }).value);
  });

  it('turns a failing mechanism into an error value, not a crash', async () => {
    const policy = aPolicy({
      versions: [
        {
          effectiveFrom: '2020-01-01',
          computed: { limit: { fn: 'multiply', args: { value: { fact: 'age' }, by: 'two' } } },
          rules: [aRule()],
        },
      ],
    });
    const loaded = loadOrThrow(ruleFiles(policy));
    const result = await evaluate(loaded.ruleset, {
      policy: 'test.age',
      facts: { age: 3 },
      today: '2024-01-01',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'EVALUATION_FAILED', reason: expect.stringMatching(/by/) },
    });
  });
});

describe('messages quoting values', () => {
  const quoting = aPolicy({
    secretFacts: ['secret'],
    messages: {
      TOO_OLD: {
        it: 'Età massima {param:test.maxAge} anni, indicati {fact:age}',
        en: 'Limit {output:limit}',
      },
    },
  });

  it('fills placeholders with the parameter in force, the fact and the output', async () => {
    const loaded = loadOrThrow(ruleFiles(quoting, params));
    const result = await evaluate(loaded.ruleset, {
      policy: 'test.age',
      facts: { age: 90 },
      at: '2023-01-01',
      today: '2024-01-01',
    });
    expect(result.ok && result.value.violations[0]?.message).toEqual({
      it: 'Età massima 67 anni, indicati 90',
      en: 'Limit 67',
    });
  });

  it('refuses placeholders naming nothing, and secret facts quoted in a message', () => {
    const bad = aPolicy({
      secretFacts: ['secret'],
      messages: { TOO_OLD: { it: '{param:no.such} {fact:secret}', en: '{output:nothing}' } },
    });
    const result = load(ruleFiles(bad, params));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.path} ${i.reason}`)).toEqual([
      '/messages/TOO_OLD/it unknown parameter "no.such" in placeholder',
      '/messages/TOO_OLD/it secret fact "secret" must not be quoted in a message',
      '/messages/TOO_OLD/en unknown output "nothing" in placeholder',
    ]);
  });
});
