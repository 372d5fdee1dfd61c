// Runs the auditor suites [E-TESTS] and measures coverage: for each rule of each policy version,
// whether some case saw its conditions hold and some case saw them not hold.
import { isDeepStrictEqual } from 'node:util';
import type { Decision } from '../../domain/types.js';
import { decideOn } from '../decisions/decide.js';
import type { LoadedRuleset } from '../rules/load-ruleset.js';
import type { SuiteCase } from './suite.js';

export interface Mismatch {
  /** `outcome`, `violations`, `outputs.<name>` or `error`. */
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  file: string;
  policy: string;
  name: string;
  passed: boolean;
  mismatches: Mismatch[];
  decision?: Decision;
}

export interface RuleCoverage {
  policy: string;
  version: string;
  rule: string;
  file: string;
  seenHolding: number;
  seenNotHolding: number;
}

export interface SuiteReport {
  cases: CaseResult[];
  coverage: RuleCoverage[];
  /** Policies with no suite at all. */
  uncoveredPolicies: string[];
}

export async function runSuites(
  loaded: LoadedRuleset,
  now: Date,
  filter?: (policy: string) => boolean,
): Promise<SuiteReport> {
  const coverage = new Map<string, RuleCoverage>();
  for (const policy of loaded.ruleset.policies.values()) {
    if (filter && !filter(policy.id)) continue;
    for (const version of policy.versions)
      for (const rule of version.rules)
        coverage.set(`${policy.id}|${version.effectiveFrom}|${rule.name}`, {
          policy: policy.id,
          version: version.effectiveFrom,
          rule: rule.name,
          file: policy.file,
          seenHolding: 0,
          seenNotHolding: 0,
        });
  }
  const cases: CaseResult[] = [];
  const suites = loaded.suites.filter((s) => !filter || filter(s.policy));
  for (const suite of suites) {
    for (const c of suite.cases) {
      const result = await runCase(loaded, suite.policy, c, now);
      cases.push({ file: suite.file, policy: suite.policy, ...result });
      const d = result.decision;
      if (!d) continue;
      for (const [rule, held] of Object.entries(d.ruleResults)) {
        const entry = coverage.get(`${d.policy}|${d.version.effectiveFrom}|${rule}`);
        if (entry) held ? entry.seenHolding++ : entry.seenNotHolding++;
      }
    }
  }
  const withSuite = new Set(suites.map((s) => s.policy));
  const uncoveredPolicies = [...loaded.ruleset.policies.keys()].filter(
    (id) => (!filter || filter(id)) && !withSuite.has(id),
  );
  return { cases, coverage: [...coverage.values()], uncoveredPolicies };
}

async function runCase(
  loaded: LoadedRuleset,
  policy: string,
  c: SuiteCase,
  now: Date,
): Promise<Omit<CaseResult, 'file' | 'policy'>> {
  const result = await decideOn(loaded, { policy, facts: c.facts, ...(c.at ? { at: c.at } : {}) }, now);
  if (!result.ok)
    return {
      name: c.name,
      passed: false,
      mismatches: [{ field: 'error', expected: c.expect.outcome, actual: result.error }],
    };
  const d = result.value;
  const mismatches: Mismatch[] = [];
  if (d.outcome !== c.expect.outcome)
    mismatches.push({ field: 'outcome', expected: c.expect.outcome, actual: d.outcome });
  const codes = d.violations.map((v) => v.code).sort();
  const expectedCodes = c.expect.violations ?? (c.expect.outcome === 'allow' ? [] : undefined);
  if (expectedCodes && !isDeepStrictEqual([...expectedCodes].sort(), codes))
    mismatches.push({ field: 'violations', expected: [...expectedCodes].sort(), actual: codes });
  for (const [name, expected] of Object.entries(c.expect.outputs ?? {})) {
    const actual = d.outputs[name];
    if (!isDeepStrictEqual(expected, actual ?? null))
      mismatches.push({ field: `outputs.${name}`, expected, actual: actual ?? null });
  }
  return { name: c.name, passed: mismatches.length === 0, mismatches, decision: d };
}

/** Rules not seen both holding and not holding: what makes the coverage check fail. */
export function coverageGaps(report: SuiteReport): RuleCoverage[] {
  return report.coverage.filter((r) => r.seenHolding === 0 || r.seenNotHolding === 0);
}
