// Loads the real rules/ folder once per test file, as the service does.
import { fileURLToPath } from 'node:url';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../../src/adapters/rules/fs-rule-file-source.js';
import { type LoadedRuleset, loadRuleset } from '../../src/application/rules/load-ruleset.js';

export const RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

export async function loadRealRules(): Promise<LoadedRuleset> {
  const result = loadRuleset(await new FsRuleFileSource(RULES_DIR).readAll(), new AjvSchemaValidator());
  if (!result.ok)
    throw new Error(
      `rules/ does not load:\n${result.issues.map((i) => `${i.file}${i.path}: ${i.reason}`).join('\n')}`,
    );
  return result.value;
}

/** fast-check runs per property, from the environment so CI and a developer can turn it up. */
export const FC_RUNS = Number(process.env.FC_RUNS ?? 200);
