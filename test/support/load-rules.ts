// Loads a rule folder once per test file, as the service does. Engine, API, CLI and procedure tests
// use the fixture copy under test/fixtures/rules (its values may be pinned); only the checks that
// hold for any valid rule set (the auditor suites, compiled vs json-rules-engine) read the live rules/.
import { fileURLToPath } from 'node:url';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../../src/adapters/rules/fs-rule-file-source.js';
import { type LoadedRuleset, loadRuleset } from '../../src/application/rules/load-ruleset.js';

export const RULES_DIR = fileURLToPath(new URL('../fixtures/rules', import.meta.url));

/** The live policy folder a maintainer edits. */
export const LIVE_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

/** The fixture rule set (a frozen copy of the policies): tests may pin its values. */
export const loadRealRules = (): Promise<LoadedRuleset> => loadRulesFrom(RULES_DIR);

/** The live rules/: only for checks that hold whatever values a maintainer sets. */
export const loadLiveRules = (): Promise<LoadedRuleset> => loadRulesFrom(LIVE_RULES_DIR);

async function loadRulesFrom(dir: string): Promise<LoadedRuleset> {
  const result = loadRuleset(await new FsRuleFileSource(dir).readAll(), new AjvSchemaValidator());
  if (!result.ok)
    throw new Error(
      `${dir} does not load:\n${result.issues.map((i) => `${i.file}${i.path}: ${i.reason}`).join('\n')}`,
    );
  return result.value;
}

/** fast-check runs per property, from the environment so CI and a developer can turn it up. */
export const FC_RUNS = Number(process.env.FC_RUNS ?? 200);
