// Every auditor suite under rules/ runs here too, so a rule change that breaks a case fails `vitest`.
import { describe, expect, it } from 'vitest';
import { coverageGaps, derivedCoverageGaps, runSuites } from '../../src/application/audit/run-suites.js';
import { loadLiveRules } from '../support/load-rules.js';

const loaded = await loadLiveRules();
const report = await runSuites(loaded, new Date());

describe.each(loaded.suites.map((s) => [s.policy, s] as const))('suite %s', (policy) => {
  const cases = report.cases.filter((c) => c.policy === policy);
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.mismatches).toEqual([]);
  });
});

describe('coverage', () => {
  it('every policy has a suite', () => {
    expect(report.uncoveredPolicies).toEqual([]);
  });
  it('every rule is seen both holding and not holding', () => {
    expect(coverageGaps(report).map((g) => `${g.policy} ${g.version} ${g.rule}`)).toEqual([]);
  });
  it('every version, branch of the derived logic and dated parameter value is used by some case', () => {
    expect(report.versions.length).toBeGreaterThan(0);
    expect(report.branches.length).toBeGreaterThan(0);
    expect(report.parameterValues.length).toBeGreaterThan(0);
    expect(
      derivedCoverageGaps(report).map((g) => `${g.policy} ${g.version} ${g.file}:${g.path} ${g.what}`),
    ).toEqual([]);
  });
});
