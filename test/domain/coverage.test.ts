// The branch points and dated values the suites must exercise, and what one evaluation took.
import { describe, expect, it } from 'vitest';
import { branchPoints, entriesDuring, evaluateCovered, parametersRead } from '../../src/domain/coverage.js';
import { defined } from '../support/defined.js';
import { aPolicy, aRule, loadOrThrow, ruleFiles, someParameters } from '../support/rule-files.js';

const policy = aPolicy({
  versions: [
    {
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      computed: {
        limit: { param: 'test.maxAge' },
        label: {
          fn: 'coalesce',
          args: {
            values: [
              {
                fn: 'lookup',
                args: { table: { const: { '30': 'thirty', '40': 'forty' } }, key: { fact: 'age' } },
              },
              'other',
            ],
          },
        },
        old: {
          fn: 'if',
          args: {
            condition: { fn: 'eq', args: { value: { fact: 'age' }, other: 99 } },
            // biome-ignore lint/suspicious/noThenProperty: `then` is an argument of the rule language's `if` function, not a thenable
            then: true,
            else: false,
          },
        },
      },
      outputs: { limit: { fact: 'limit' }, label: { fact: 'label' } },
      rules: [aRule()],
    },
  ],
});
const parameters = someParameters([
  { from: '2010-01-01', value: 60, source: 'law 0' },
  { from: '2020-01-01', value: 65, source: 'law A' },
  { from: '2024-01-01', value: 67, source: 'law B' },
]);
const loaded = loadOrThrow(ruleFiles(policy, parameters));
const version = defined(
  defined(loaded.ruleset.policies.get('test.age'), 'the policy test.age').versions[0],
  'a first version',
);

describe('coverage points', () => {
  it('lists each branch of if, coalesce and lookup with its JSON path', () => {
    const points = branchPoints(version, loaded.ruleset.parameters).map((p) => [
      p.where,
      p.fn,
      p.branches.map((b) => `${b.branch} ${b.path}`),
    ]);
    expect(points).toEqual([
      [
        'computed fact label',
        'coalesce',
        ['value 0 /computed/label/args/values/0', 'value 1 /computed/label/args/values/1'],
      ],
      [
        'computed fact label',
        'lookup',
        [
          'key "30" /computed/label/args/values/0/args/table',
          'key "40" /computed/label/args/values/0/args/table',
        ],
      ],
      ['computed fact old', 'if', ['then /computed/old/args/then', 'else /computed/old/args/else']],
    ]);
  });

  it('lists the dated values in force during the version of the parameters it reads', () => {
    expect(parametersRead(version)).toEqual([{ name: 'test.maxAge', wholeHistory: false }]);
    const maxAge = defined(loaded.ruleset.parameters.get('test.maxAge'), 'the parameter test.maxAge');
    expect(entriesDuring(maxAge, version).map((e) => e.entry.from)).toEqual(['2020-01-01', '2024-01-01']);
    expect(
      entriesDuring(maxAge, { effectiveFrom: '2015-01-01', effectiveTo: '2019-12-31' }).map((e) => e.index),
    ).toEqual([0]);
  });

  it('records the branches one evaluation took, and the parameter value it read', async () => {
    const taken = async (age: number, at: string) => {
      const result = await evaluateCovered(loaded.ruleset, {
        policy: 'test.age',
        facts: { age },
        at,
        today: at,
      });
      if (!result.ok) throw new Error(result.error.code);
      const points = branchPoints(version, loaded.ruleset.parameters);
      return {
        branches: points
          .flatMap((p) => [...(result.value.taken.get(p.expr) ?? [])].map((b) => `${p.fn} ${b}`))
          .sort(),
        parameters: result.value.decision.trace?.parameters.map((u) => `${u.name}@${u.from}`),
      };
    };
    expect(await taken(30, '2021-05-01')).toEqual({
      branches: [
        'coalesce a value found',
        'coalesce value 0',
        'if else',
        'lookup a value found',
        'lookup key "30"',
      ],
      parameters: ['test.maxAge@2020-01-01'],
    });
    expect((await taken(99, '2024-05-01')).branches).toEqual([
      'coalesce a value found',
      'coalesce value 1',
      'if then',
      'lookup missing',
    ]);
  });
});
