// [E-FILES][E-RELOAD] An invalid rule set is refused as a whole, naming file, JSON path and reason.
import { describe, expect, it } from 'vitest';
import { buildRuleset } from '../../src/domain/ruleset.js';
import {
  aPolicy,
  aRule,
  jsonFile,
  load,
  ruleFiles,
  schemaFiles,
  someParameters,
} from '../support/rule-files.js';

function issuesOf(files: ReturnType<typeof ruleFiles>) {
  const result = load(files);
  if (result.ok) throw new Error('expected the rule set to be refused');
  return result.issues;
}

const version = (from: string, to: string | null, rules = [aRule()]) => ({
  effectiveFrom: from,
  effectiveTo: to,
  computed: { limit: { param: 'test.maxAge' } },
  rules,
});

describe('loading a rule set', () => {
  it('accepts a valid set and hashes its content', () => {
    const first = load(ruleFiles());
    const again = load(ruleFiles());
    const edited = load(
      ruleFiles(aPolicy(), someParameters([{ from: '2020-01-01', value: 70, source: 'law B' }])),
    );
    expect(first.ok && again.ok && edited.ok).toBe(true);
    if (!first.ok || !again.ok || !edited.ok) return;
    expect(first.value.ruleset.hash).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(again.value.ruleset.hash).toBe(first.value.ruleset.hash);
    expect(edited.value.ruleset.hash).not.toBe(first.value.ruleset.hash);
  });

  it('names the file and position of a JSON syntax error', () => {
    const files = [
      ...schemaFiles(),
      { path: 'a/broken.policy.json', content: '{ "id": ' },
      jsonFile('p.parameters.json', someParameters()),
    ];
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'a/broken.policy.json',
        path: '',
        reason: expect.stringMatching(/cannot parse/),
      }),
    ]);
  });

  it('names a rule without its source by JSON path', () => {
    const { source: _dropped, ...rule } = aRule();
    const issues = issuesOf(ruleFiles(aPolicy({ versions: [version('2020-01-01', null, [rule])] })));
    expect(issues).toContainEqual({
      file: 'test/age.policy.json',
      path: '/versions/0/rules/0/source',
      reason: 'is required',
    });
  });

  it('refuses a gap between versions', () => {
    const issues = issuesOf(
      ruleFiles(aPolicy({ versions: [version('2020-01-01', '2020-06-30'), version('2020-07-02', null)] })),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ path: '/versions/0/effectiveTo', reason: expect.stringMatching(/gap/) }),
    );
  });

  it('refuses overlapping versions, whatever order they are written in', () => {
    const issues = issuesOf(
      ruleFiles(aPolicy({ versions: [version('2020-06-01', null), version('2020-01-01', '2020-06-01')] })),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ path: '/versions/1/effectiveTo', reason: expect.stringMatching(/overlaps/) }),
    );
  });

  it('refuses an open-ended version followed by another', () => {
    const issues = issuesOf(
      ruleFiles(aPolicy({ versions: [version('2020-01-01', null), version('2021-01-01', null)] })),
    );
    expect(issues).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/open-ended/) }));
  });

  it('refuses references to missing messages, parameters and facts', () => {
    const rules = [
      aRule({ name: 'a', event: { type: 'violation', params: { code: 'NOPE' } } }),
      aRule({
        name: 'b',
        conditions: {
          all: [{ fact: 'parameter', params: { name: 'no.such' }, operator: 'equal', value: 1 }],
        },
      }),
      aRule({ name: 'c', conditions: { any: [{ fact: 'height', operator: 'equal', value: 1 }] } }),
    ];
    const policy = aPolicy({ versions: [{ effectiveFrom: '2020-01-01', rules }] });
    const reasons = issuesOf(ruleFiles(policy)).map((i) => `${i.path} ${i.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        '/versions/0/rules/0/event/params/code no messages for code "NOPE"',
        '/versions/0/rules/1/conditions/all/0/fact unknown parameter "no.such"',
        '/versions/0/rules/2/conditions/any/0/fact unknown fact "height"',
      ]),
    );
  });

  it('refuses unknown functions and operators: the schema enumerates them, the loader checks them too', () => {
    const rules = [aRule({ name: 'd', conditions: { not: { fact: 'age', operator: 'roughly', value: 1 } } })];
    const policy = aPolicy({
      versions: [{ effectiveFrom: '2020-01-01', computed: { limit: { fn: 'guess', args: {} } }, rules }],
    });
    // Exactly these two: the schema points at the word, not at every shape the expression might have had.
    expect(issuesOf(ruleFiles(policy)).map((i) => `${i.path} ${i.reason}`)).toEqual([
      expect.stringMatching(/^\/versions\/0\/computed\/limit\/fn must be one of .*"activeOn"/),
      expect.stringMatching(/^\/versions\/0\/rules\/0\/conditions\/not\/operator must be one of .*"equal"/),
    ]);
    const { issues } = buildRuleset([{ file: 'p.policy.json', doc: policy as never }], [], 'sha256:x');
    expect(issues.map((i) => `${i.path} ${i.reason}`)).toEqual(
      expect.arrayContaining([
        '/versions/0/rules/0/conditions/not/operator unknown operator "roughly"',
        '/versions/0/computed/limit unknown function "guess"',
      ]),
    );
  });

  it('refuses derived facts that depend on each other in a cycle', () => {
    const policy = aPolicy({
      versions: [
        {
          effectiveFrom: '2020-01-01',
          computed: { limit: { fact: 'x' }, x: { fact: 'limit' } },
          rules: [aRule()],
        },
      ],
    });
    expect(issuesOf(ruleFiles(policy))).toContainEqual(
      expect.objectContaining({ reason: expect.stringMatching(/cycle/) }),
    );
  });

  it('refuses parameter histories whose dates do not increase', () => {
    const params = someParameters([
      { from: '2021-01-01', value: 65, source: 'law A' },
      { from: '2020-01-01', value: 70, source: 'law B' },
    ]);
    expect(issuesOf(ruleFiles(aPolicy(), params))).toContainEqual(
      expect.objectContaining({
        file: 'test/age.parameters.json',
        path: '/parameters/test.maxAge/history/1/from',
      }),
    );
  });

  it('refuses the same policy id declared twice', () => {
    const files = [...ruleFiles(), jsonFile('other/age.policy.json', aPolicy())];
    expect(issuesOf(files)).toContainEqual(
      expect.objectContaining({ file: 'other/age.policy.json', path: '/id' }),
    );
  });
});
