// Every regular expression a rule set runs is checked at load [#17]: a pattern with catastrophic
// backtracking (or one the checker cannot decide, or one given by a caller) is a load problem
// with its position in the file; safe patterns load.
import { describe, expect, it } from 'vitest';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { RecheckPatternChecker } from '../../src/adapters/rules/recheck-pattern-checker.js';
import type { PatternChecker } from '../../src/application/ports/pattern-checker.js';
import type { RuleFile } from '../../src/application/ports/rule-file-source.js';
import { loadCheckedRuleset } from '../../src/application/rules/load-ruleset.js';
import { formatIssues } from '../../src/application/rules/problems.js';
import { aPolicy, aRule, jsonFile, schemaFiles, someParameters } from '../support/rule-files.js';

const CATASTROPHIC = '^(\\d+)+$';
const checker = new RecheckPatternChecker();

/** A policy with a `code` fact matched by the pattern `pattern` (an expression) in a rule. */
function withPattern(pattern: unknown, extra: Record<string, unknown> = {}): RuleFile[] {
  const policy = aPolicy({
    facts: {
      type: 'object',
      additionalProperties: false,
      required: ['age'],
      properties: { age: { type: 'integer' }, code: { type: 'string' }, rx: { type: 'string' } },
    },
    versions: [
      {
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
        computed: {
          limit: { param: 'test.maxAge' },
          classes: { param: 'test.classes' },
          codeOk: { fn: 'matches', args: { value: { fact: 'code' }, pattern } },
        },
        rules: [aRule()],
      },
    ],
    ...extra,
  });
  const parameters = someParameters();
  (parameters.parameters as Record<string, unknown>)['test.classes'] = {
    description: 'Patterns by class',
    history: [{ from: '2020-01-01', value: { digit: '\\p{Nd}', bad: CATASTROPHIC }, source: 'test' }],
  };
  return [
    ...schemaFiles(),
    jsonFile('test/age.policy.json', policy),
    jsonFile('test/age.parameters.json', parameters),
  ];
}

async function problemsOf(files: RuleFile[], with_: PatternChecker = checker): Promise<string[]> {
  const result = await loadCheckedRuleset(files, new AjvSchemaValidator(), with_);
  return result.ok ? [] : formatIssues(result.issues, files);
}

describe('loadCheckedRuleset', () => {
  it('loads safe patterns: a literal, a parameter reached through a derived fact', async () => {
    expect(await problemsOf(withPattern('^[A-Z]{2}$'))).toEqual([]);
    expect(await problemsOf(withPattern({ fact: 'classes', path: '$.digit' }))).toEqual([]);
  });

  it('refuses a catastrophic literal pattern where it is written', async () => {
    const problems = await problemsOf(withPattern(CATASTROPHIC));
    expect(problems).toEqual([
      expect.stringMatching(
        /^test\/age\.policy\.json:\d+:\d+ {2}the regular expression \/\^\(\\d\+\)\+\$\/ can take exponential .*\(\/versions\/0\/computed\/codeOk\/args\/pattern\)$/,
      ),
    ]);
  });

  it('follows a derived fact and its path to the parameter value that holds the pattern', async () => {
    const problems = await problemsOf(withPattern({ fact: 'classes', path: '$.bad' }));
    expect(problems).toEqual([
      expect.stringMatching(
        /^test\/age\.parameters\.json:\d+:\d+ {2}.*exponential.*\(\/parameters\/test\.classes\/history\/0\/value\/bad\)$/,
      ),
    ]);
  });

  it('checks the `matches` operator value and facts schema patterns', async () => {
    const files = withPattern('^a$', {
      facts: {
        type: 'object',
        additionalProperties: false,
        required: ['age'],
        properties: { age: { type: 'integer' }, code: { type: 'string', pattern: '(a|a)*$' } },
      },
    });
    const doc = JSON.parse(files[3]?.content ?? '{}');
    doc.versions[0].rules[0].conditions = { all: [{ fact: 'code', operator: 'matches', value: '^(a*)*b$' }] };
    files[3] = jsonFile('test/age.policy.json', doc);
    const problems = await problemsOf(files);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain('(/facts/properties/code/pattern)');
    expect(problems.join('\n')).toContain('(/versions/0/rules/0/conditions/all/0/value)');
  });

  it('refuses a pattern given by the caller, and one the checker cannot decide', async () => {
    expect(await problemsOf(withPattern({ fact: 'rx' }))).toEqual([
      expect.stringContaining('the pattern comes from the fact "rx" given by the caller'),
    ]);
    const undecided: PatternChecker = { check: async () => ({ status: 'unknown', reason: 'timeout' }) };
    expect((await problemsOf(withPattern('^a$'), undecided)).join('\n')).toContain(
      'cannot tell whether the regular expression /^a$/ is safe',
    );
  });

  it('refuses a pattern that is not a regular expression', async () => {
    expect(await problemsOf(withPattern('(unclosed'))).toEqual([
      expect.stringContaining('not a valid regular expression'),
    ]);
  });
});
