// The corners of json-rules-engine's semantics the compiled evaluator must reproduce, on small
// in-memory policies: each case is evaluated both ways and must give the same deep-equal result.
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCompiled, evaluateReference } from '../../src/domain/evaluate.js';
import type { Decision, RuleDef } from '../../src/domain/types.js';
import { aPolicy, aRule, loadOrThrow, ruleFiles, someParameters } from '../support/rule-files.js';

const ANY = {};
const facts = {
  type: 'object',
  properties: { age: ANY, name: ANY, tags: ANY, profile: ANY, limit2: ANY, secret: ANY },
};

/** One policy whose single rule has `conditions`; a decision both ways, checked equal. */
async function both(
  conditions: unknown,
  input: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  // `sum` ignores what is not a number; `multiply` throws on it (an evaluation error).
  doubled: unknown = { fn: 'sum', args: { values: [{ fact: 'age' }, { fact: 'age' }] } },
) {
  const policy = aPolicy({
    facts,
    versions: [
      {
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
        computed: { limit: { param: 'test.maxAge' }, doubled },
        outputs: { limit: { fact: 'limit' } },
        rules: [aRule({ conditions, ...extra })],
      },
    ],
  });
  const { ruleset } = loadOrThrow(ruleFiles(policy, someParameters()));
  const request = { policy: 'test.age', facts: input, at: '2021-01-01', today: '2024-01-01' };
  const reference = await evaluateReference(ruleset, request);
  const compiled = await evaluate(ruleset, request);
  expect(compiled).toStrictEqual(reference);
  return { reference, direct: evaluateCompiled(ruleset, request) };
}

const fired = async (conditions: unknown, input: Record<string, unknown>): Promise<boolean> => {
  const { reference, direct } = await both(conditions, input);
  expect(direct).not.toBeNull();
  return (reference as { ok: true; value: Decision }).value.ruleResults['not-too-old'] as boolean;
};
const leaf = (fact: string, operator: string, value: unknown, more: Record<string, unknown> = {}) => ({
  all: [{ fact, operator, value, ...more }],
});

describe('compiled conditions behave as json-rules-engine', () => {
  it('treats an undefined fact as undefined, not as an error', async () => {
    expect(await fired(leaf('name', 'equal', 'x'), {})).toBe(false);
    expect(await fired(leaf('name', 'notEqual', 'x'), {})).toBe(true);
    expect(await fired(leaf('name', 'isNull', true), { name: undefined })).toBe(true);
    expect(await fired(leaf('name', 'isNull', true), { name: null })).toBe(true);
  });

  it('lets numeric operators pass only facts that parseFloat reads as a number', async () => {
    expect(await fired(leaf('age', 'greaterThan', 5), { age: '10' })).toBe(true);
    expect(await fired(leaf('age', 'greaterThan', 5), { age: '10abc' })).toBe(false);
    expect(await fired(leaf('age', 'greaterThan', 5), { age: 'abc' })).toBe(false);
    expect(await fired(leaf('age', 'lessThan', 5), { age: null })).toBe(false);
    expect(await fired(leaf('age', 'lessThanInclusive', 5), { age: [3] })).toBe(true);
    expect(await fired(leaf('age', 'greaterThanInclusive', 5), { age: true })).toBe(false);
  });

  it('needs an array fact for contains and doesNotContain', async () => {
    expect(await fired(leaf('tags', 'contains', 'b'), { tags: 'abc' })).toBe(false);
    expect(await fired(leaf('tags', 'doesNotContain', 'z'), { tags: 'abc' })).toBe(false);
    expect(await fired(leaf('tags', 'contains', 'b'), { tags: ['a', 'b'] })).toBe(true);
    expect(await fired(leaf('name', 'in', 'abc'), { name: 'b' })).toBe(true);
  });

  it('compares a fact with another fact, a derived fact or a parameter', async () => {
    expect(await fired(leaf('age', 'greaterThan', { fact: 'limit2' }), { age: 70, limit2: 80 })).toBe(false);
    expect(await fired(leaf('age', 'greaterThan', { fact: 'limit' }), { age: 70 })).toBe(true);
    expect(
      await fired(leaf('doubled', 'equal', { fact: 'profile', path: '$.twice' }), {
        age: 3,
        profile: { twice: 6 },
      }),
    ).toBe(true);
    expect(
      await fired(leaf('age', 'greaterThan', { fact: 'parameter', params: { name: 'test.maxAge' } }), {
        age: 66,
      }),
    ).toBe(true);
    expect(await fired(leaf('parameter', 'equal', 65, { params: { name: 'test.maxAge' } }), { age: 1 })).toBe(
      true,
    );
  });

  it('evaluates nested all, any and not, and passes an empty any', async () => {
    const nested = {
      any: [
        { not: { fact: 'age', operator: 'lessThan', value: 18 } },
        { all: [{ fact: 'name', operator: 'equal', value: 'x' }, { any: [] }] },
      ],
    };
    expect(await fired(nested, { age: 10, name: 'x' })).toBe(true);
    expect(await fired(nested, { age: 10, name: 'y' })).toBe(false);
    expect(await fired(nested, { age: 30 })).toBe(true);
    expect(await fired({ any: [] }, { age: 1 })).toBe(true);
    expect(await fired({ all: [] }, { age: 1 })).toBe(true);
    expect(await fired({ not: { any: [{ fact: 'age', operator: 'equal', value: 1 }] } }, { age: 1 })).toBe(
      false,
    );
  });

  it('applies a path to objects and returns anything else unchanged', async () => {
    expect(
      await fired(leaf('profile', 'equal', 'b', { path: '$.list[1]' }), { profile: { list: ['a', 'b'] } }),
    ).toBe(true);
    expect(await fired(leaf('profile', 'isNull', true, { path: '$.missing.deeper' }), { profile: {} })).toBe(
      true,
    );
    // A string is not an object: the path is ignored and the string itself compared.
    expect(await fired(leaf('profile', 'equal', 'plain', { path: '$.x' }), { profile: 'plain' })).toBe(true);
  });

  it('reports the reference error when an operator throws, and the compiled path steps aside', async () => {
    const { reference, direct } = await both(leaf('age', 'in', { fact: 'name' }), { age: 1 });
    expect(reference).toMatchObject({ ok: false, error: { code: 'EVALUATION_FAILED', policy: 'test.age' } });
    expect(direct).toBeNull();
  });

  it('gives a derived fact error the reference wording', async () => {
    const multiply = { fn: 'multiply', args: { value: { fact: 'age' }, by: 2 } };
    const { reference, direct } = await both(leaf('doubled', 'equal', 2), { age: 'x' }, {}, multiply);
    expect(reference).toMatchObject({
      ok: false,
      error: { code: 'EVALUATION_FAILED', reason: 'argument "value" must be a number' },
    });
    expect(direct).toBeNull();
  });

  it('keeps priorities out of the answer: violations and outputs follow rule order', async () => {
    await both(leaf('age', 'greaterThan', 1), { age: 99 }, { priority: 7 });
  });
});

describe('generated code', () => {
  it('keeps names and texts from rule files as data: quotes, backslashes, line separators, template syntax', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax as data, to prove it stays data
    const odd = 'x"); throw new Error("injected"); ("\\\u2028`${1}`';
    const policy = aPolicy({
      facts: { type: 'object', properties: { [odd]: ANY, age: ANY } },
      messages: { TOO_OLD: { it: `Troppo ${odd} {fact:${'limit'}}`, en: `${odd}\n{param:test.maxAge}` } },
      versions: [
        {
          effectiveFrom: '2020-01-01',
          effectiveTo: null,
          computed: { limit: { param: 'test.maxAge' }, [`${odd}2`]: { fact: odd } },
          outputs: { [odd]: { fact: `${odd}2` }, limit: { fact: 'limit' } },
          rules: [
            aRule({
              source: odd,
              conditions: {
                any: [
                  { fact: odd, operator: 'equal', value: odd },
                  { fact: 'age', operator: 'greaterThan', value: { fact: 'limit' } },
                ],
              },
              event: { type: 'violation', params: { code: 'TOO_OLD', outputs: { [odd]: odd } } },
            }),
          ],
        },
      ],
    });
    const { ruleset } = loadOrThrow(ruleFiles(policy, someParameters()));
    for (const input of [{ [odd]: odd }, { age: 99 }, { age: 1 }]) {
      const request = { policy: 'test.age', facts: input, at: '2021-01-01', today: '2024-01-01' };
      const direct = evaluateCompiled(ruleset, request);
      expect(direct).not.toBeNull();
      expect(direct).toStrictEqual(await evaluateReference(ruleset, request));
    }
  });

  it('leaves a version it does not model to json-rules-engine: a decorated operator the loader refuses', async () => {
    const { ruleset } = loadOrThrow(ruleFiles());
    const version = ruleset.policies.get('test.age')?.versions[0];
    // Edited in memory before any evaluation (the loader would refuse `not:lessThan`).
    if (version)
      version.rules[0] = {
        ...(version.rules[0] as RuleDef),
        conditions: { all: [{ fact: 'age', operator: 'not:lessThan', value: 100 }] },
      };
    const request = { policy: 'test.age', facts: { age: 120 }, at: '2021-01-01', today: '2024-01-01' };
    expect(evaluateCompiled(ruleset, request)).toBeNull();
    const reference = await evaluateReference(ruleset, request);
    expect(reference).toMatchObject({ ok: true, value: { outcome: 'deny' } });
    expect(await evaluate(ruleset, request)).toStrictEqual(reference);
  });

  it('evaluates derived facts that read facts declared after them, and leaves a cycle to json-rules-engine', async () => {
    const version = (computed: Record<string, unknown>) =>
      aPolicy({
        facts,
        versions: [
          {
            effectiveFrom: '2020-01-01',
            effectiveTo: null,
            computed: { limit: { param: 'test.maxAge' }, ...computed },
            outputs: { limit: { fact: 'limit' }, first: { fact: 'first' } },
            rules: [aRule()],
          },
        ],
      });
    const request = { policy: 'test.age', facts: { age: 7 }, at: '2021-01-01', today: '2024-01-01' };
    // `first` reads `second`, which reads `third`, declared in the opposite order.
    const ordered = loadOrThrow(
      ruleFiles(
        version({
          first: { fn: 'sum', args: { values: [{ fact: 'second' }, 1] } },
          second: { fn: 'multiply', args: { value: { fact: 'third' }, by: 2 } },
          third: { fn: 'sum', args: { values: [{ fact: 'age' }, { fact: 'limit' }] } },
        }),
        someParameters(),
      ),
    ).ruleset;
    const direct = evaluateCompiled(ordered, request);
    expect(direct).toMatchObject({ ok: true, value: { outputs: { first: 145 } } });
    expect(direct).toStrictEqual(await evaluateReference(ordered, request));
    // The loader refuses a cycle: one is made in memory, before any evaluation.
    const cyclic = loadOrThrow(
      ruleFiles(
        version({
          first: { fn: 'sum', args: { values: [{ fact: 'second' }] } },
          second: { fn: 'sum', args: { values: [] } },
        }),
        someParameters(),
      ),
    );
    const computed = cyclic.ruleset.policies.get('test.age')?.versions[0]?.computed;
    if (computed) computed.second = { fn: 'sum', args: { values: [{ fact: 'first' }] } };
    expect(evaluateCompiled(cyclic.ruleset, request)).toBeNull();
    const reference = await evaluateReference(cyclic.ruleset, request);
    expect(reference).toMatchObject({ ok: false, error: { code: 'EVALUATION_FAILED' } });
    expect(await evaluate(cyclic.ruleset, request)).toStrictEqual(reference);
  });
});
