// Builders for small in-memory rule sets: the real JSON Schemas plus policies written in the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import type { RuleFile } from '../../src/application/ports/rule-file-source.js';
import { type LoadedRuleset, loadRuleset } from '../../src/application/rules/load-ruleset.js';
import { RULES_DIR } from './load-rules.js';

export const schemaFiles = (): RuleFile[] =>
  ['policy', 'parameters', 'suite'].map((kind) => ({
    path: `schema/${kind}.schema.json`,
    content: readFileSync(join(RULES_DIR, 'schema', `${kind}.schema.json`), 'utf8'),
  }));

export const jsonFile = (path: string, doc: unknown): RuleFile => ({
  path,
  content: JSON.stringify(doc, null, 2),
});

/** A minimal valid policy: deny `TOO_OLD` when `age` is above the `test.maxAge` parameter. */
export function aPolicy(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'test.age',
    title: 'Age limit',
    sources: ['test'],
    facts: {
      type: 'object',
      additionalProperties: false,
      required: ['age'],
      properties: { age: { type: 'integer', minimum: 0 }, secret: { type: 'string' } },
    },
    messages: { TOO_OLD: { it: 'Troppo vecchio', en: 'Too old' } },
    versions: [
      {
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
        computed: { limit: { param: 'test.maxAge' } },
        outputs: { limit: { fact: 'limit' } },
        rules: [aRule()],
      },
    ],
    ...overrides,
  };
}

export function aRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'not-too-old',
    description: 'Age must not exceed the limit.',
    source: 'test',
    conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: { fact: 'limit' } }] },
    event: { type: 'violation', params: { code: 'TOO_OLD' } },
    ...overrides,
  };
}

export function someParameters(history: unknown[] = [{ from: '2020-01-01', value: 65, source: 'law A' }]) {
  return { parameters: { 'test.maxAge': { description: 'Maximum age', history } } };
}

export function ruleFiles(policy: unknown = aPolicy(), parameters: unknown = someParameters()): RuleFile[] {
  return [
    ...schemaFiles(),
    jsonFile('test/age.policy.json', policy),
    jsonFile('test/age.parameters.json', parameters),
  ];
}

export function load(files: RuleFile[]) {
  return loadRuleset(files, new AjvSchemaValidator());
}

export function loadOrThrow(files: RuleFile[]): LoadedRuleset {
  const result = load(files);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
}
