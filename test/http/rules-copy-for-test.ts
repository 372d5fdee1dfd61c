// A copy of rules/ that lives as long as the current test (apart from support.ts, so that
// benchmarks can import the keys and helpers without vitest).
import { onTestFinished } from 'vitest';
import { copyOfRules } from './support.js';

/** A copy of rules/, removed when the current test ends. */
export async function aCopyOfRulesForThisTest(): ReturnType<typeof copyOfRules> {
  const rules = await copyOfRules();
  onTestFinished(rules.dispose);
  return rules;
}
