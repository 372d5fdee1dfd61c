// `pa-policy functions` and the policy schema follow the engine's registries: a function or operator
// added without its description, example or schema entry fails here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionsCommand } from '../../src/adapters/cli/functions.js';
import { FUNCTION_DOCS, OPERATOR_DOCS } from '../../src/domain/function-docs.js';
import { FUNCTIONS } from '../../src/domain/functions.js';
import { CUSTOM_OPERATOR_FUNCTIONS, OPERATOR_NAMES } from '../../src/domain/operators.js';
import { defined } from '../support/defined.js';
import { LIVE_RULES_DIR, RULES_DIR } from '../support/load-rules.js';
import { captureIo } from './support.js';

const functionNames = Object.keys(FUNCTIONS).sort();
const operatorNames = [...OPERATOR_NAMES].sort();

describe('the function and operator registries', () => {
  it('document every function and operator, and nothing else', () => {
    expect(Object.keys(FUNCTION_DOCS).sort()).toEqual(functionNames);
    expect(Object.keys(OPERATOR_DOCS).sort()).toEqual(operatorNames);
  });

  it.each(Object.entries(FUNCTION_DOCS))('%s answers its example as documented', (name, doc) => {
    expect(FUNCTIONS[name]?.(structuredClone(doc.example.args))).toEqual(doc.example.result);
  });

  it.each(Object.entries(CUSTOM_OPERATOR_FUNCTIONS))(
    'operator %s answers its example as documented',
    (name, test) => {
      const { fact, value, result } = defined(OPERATOR_DOCS[name], `the docs of ${name}`).example;
      expect(test(fact, value)).toBe(result);
    },
  );

  it.each([
    ['rules/', LIVE_RULES_DIR],
    ['test/fixtures/rules/', RULES_DIR],
  ])('are what the policy schema of %s enumerates', async (_name, dir) => {
    const schema = JSON.parse(await readFile(join(dir, 'schema', 'policy.schema.json'), 'utf8'));
    expect([...schema.$defs.function.enum].sort()).toEqual(functionNames);
    expect([...schema.$defs.operator.enum].sort()).toEqual(operatorNames);
  });
});

describe('pa-policy functions', () => {
  it('lists every function with its arguments and example, and every operator', async () => {
    const run = captureIo();
    expect(await functionsCommand([], run.io)).toBe(0);
    const out = run.stdout();
    for (const name of functionNames) expect(out).toContain(`  ${name}(`);
    for (const name of operatorNames)
      expect(out).toMatch(new RegExp(`^  ${name}(  \\(json-rules-engine\\))?$`, 'm'));
    expect(out).toContain('  lookup(table, key)');
    expect(out).toContain('e.g. lookup(table: {"2017":"2017-02-28"}, key: 2017) → "2017-02-28"');
    expect(out).toContain(`${functionNames.length} functions, ${operatorNames.length} operators`);
  });

  it('prints JSON with --json', async () => {
    const run = captureIo();
    expect(await functionsCommand(['--json'], run.io)).toBe(0);
    const listed = JSON.parse(run.stdout());
    expect(listed.functions.map((f: { name: string }) => f.name)).toEqual(functionNames);
    expect(listed.operators.find((o: { name: string }) => o.name === 'dateBefore')).toMatchObject({
      builtIn: false,
    });
  });
});
