// Runs the auditor suites [E-TESTS] and measures coverage: for each rule of each policy version,
// whether some case saw its conditions hold and some case saw them not hold; and, deeper, whether
// the cases exercise every policy version, every branch of the derived logic (`if`, `coalesce`,
// `lookup`) and every dated parameter value a version can read.
import { isDeepStrictEqual } from 'node:util';
import { branchPoints, entriesDuring, evaluateCovered, parametersRead } from '../../domain/coverage.js';
import { romeDateOf } from '../../domain/dates.js';
import type { Decision, Policy, PolicyVersion } from '../../domain/types.js';
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

/** One branch of a branching call in a version's derived logic, and how many cases took it. */
export interface BranchCoverage {
  policy: string;
  version: string;
  file: string;
  /** `computed fact fee`, `output scope`, `rule R output X`. */
  where: string;
  fn: string;
  /** `then`, `else`, `value 1`, `key "2017"`… */
  branch: string;
  /** JSON Pointer in the policy file of what the branch yields. */
  path: string;
  seen: number;
}

/** One dated value of a parameter a version reads, in force during the version, and its uses. */
export interface ParameterValueCoverage {
  policy: string;
  version: string;
  file: string;
  parameter: string;
  /** The history entry's `from`. */
  from: string;
  /** The parameters file and the JSON Pointer of the entry in it. */
  parameterFile: string;
  path: string;
  seen: number;
}

export interface VersionCoverage {
  policy: string;
  version: string;
  file: string;
  /** Cases evaluated under this version. */
  cases: number;
}

export interface SuiteReport {
  cases: CaseResult[];
  coverage: RuleCoverage[];
  /** Policies with no suite at all. */
  uncoveredPolicies: string[];
  /** Empty when the derived coverage was not measured (`{ derived: false }`). */
  versions: VersionCoverage[];
  branches: BranchCoverage[];
  parameterValues: ParameterValueCoverage[];
}

export interface RunSuitesOptions {
  /**
   * Measure versions, branches and parameter values too (default true): each case is then also
   * evaluated on the reference path with a trace, which costs a little time.
   */
  derived?: boolean;
}

export async function runSuites(
  loaded: LoadedRuleset,
  now: Date,
  filter?: (policy: string) => boolean,
  options: RunSuitesOptions = {},
): Promise<SuiteReport> {
  const derived = options.derived ?? true;
  const measure = derived ? derivedCoverage(loaded, filter) : null;
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
      if (measure) await measure.record(d, c.facts, now);
    }
  }
  const withSuite = new Set(suites.map((s) => s.policy));
  const uncoveredPolicies = [...loaded.ruleset.policies.keys()].filter(
    (id) => (!filter || filter(id)) && !withSuite.has(id),
  );
  return {
    cases,
    coverage: [...coverage.values()],
    uncoveredPolicies,
    versions: measure?.versions ?? [],
    branches: measure?.branches ?? [],
    parameterValues: measure?.parameterValues ?? [],
  };
}

/**
 * The versions, branches and dated parameter values of the selected policies, each with a count,
 * and `record`, which adds what one case's decision exercised (evaluating it again, instrumented).
 */
function derivedCoverage(loaded: LoadedRuleset, filter?: (policy: string) => boolean) {
  const { ruleset } = loaded;
  const versions: VersionCoverage[] = [];
  const branches: BranchCoverage[] = [];
  const parameterValues: ParameterValueCoverage[] = [];
  const versionOf = new Map<string, VersionCoverage>();
  const branchesOf = new Map<PolicyVersion, Map<object, Map<string, BranchCoverage>>>();
  const valuesOf = new Map<PolicyVersion, Map<string, ParameterValueCoverage>>();
  for (const policy of ruleset.policies.values()) {
    if (filter && !filter(policy.id)) continue;
    for (const version of policy.versions) {
      const base = { policy: policy.id, version: version.effectiveFrom, file: policy.file };
      const vc = { ...base, cases: 0 };
      versions.push(vc);
      versionOf.set(`${policy.id}|${version.effectiveFrom}`, vc);
      const prefix = `/versions/${writtenIndex(loaded, policy, version)}`;
      const byExpr = new Map<object, Map<string, BranchCoverage>>();
      for (const point of branchPoints(version, ruleset.parameters)) {
        const byBranch = new Map<string, BranchCoverage>();
        for (const b of point.branches) {
          const entry = {
            ...base,
            where: point.where,
            fn: point.fn,
            branch: b.branch,
            path: prefix + b.path,
            seen: 0,
          };
          byBranch.set(b.branch, entry);
          branches.push(entry);
        }
        byExpr.set(point.expr, byBranch);
      }
      branchesOf.set(version, byExpr);
      const values = new Map<string, ParameterValueCoverage>();
      for (const read of parametersRead(version)) {
        const parameter = ruleset.parameters.get(read.name);
        // A whole history (a calendar) is read at once by the function given it: no value is picked.
        if (!parameter || read.wholeHistory) continue;
        for (const { entry, index } of entriesDuring(parameter, version)) {
          const pv = {
            ...base,
            parameter: parameter.name,
            from: entry.from,
            parameterFile: parameter.file,
            path: `/parameters/${pointerToken(parameter.name)}/history/${index}`,
            seen: 0,
          };
          values.set(`${parameter.name}|${entry.from}`, pv);
          parameterValues.push(pv);
        }
      }
      valuesOf.set(version, values);
    }
  }

  const record = async (d: Decision, facts: Record<string, unknown>, now: Date): Promise<void> => {
    const vc = versionOf.get(`${d.policy}|${d.version.effectiveFrom}`);
    if (!vc) return;
    vc.cases++;
    const policy = ruleset.policies.get(d.policy);
    const version = policy?.versions.find((v) => v.effectiveFrom === d.version.effectiveFrom);
    if (!version) return;
    const covered = await evaluateCovered(ruleset, {
      policy: d.policy,
      facts,
      at: d.at,
      today: romeDateOf(now),
    });
    if (!covered.ok) return;
    const byExpr = branchesOf.get(version);
    for (const [expr, taken] of covered.value.taken) {
      const byBranch = byExpr?.get(expr);
      if (byBranch)
        for (const b of taken) {
          const entry = byBranch.get(b);
          if (entry) entry.seen++;
        }
    }
    const values = valuesOf.get(version);
    const used = new Set<string>();
    for (const use of covered.value.decision.trace?.parameters ?? [])
      if (use.from !== null) used.add(`${use.name}|${use.from}`);
    for (const key of used) {
      const entry = values?.get(key);
      if (entry) entry.seen++;
    }
  };
  return { versions, branches, parameterValues, record };
}

/** The index of `version` in its policy file as written (versions are sorted once loaded). */
function writtenIndex(loaded: LoadedRuleset, policy: Policy, version: PolicyVersion): number {
  const content = loaded.files.find((f) => f.path === policy.file)?.content;
  try {
    const written = (JSON.parse(content ?? '') as { versions?: Array<{ effectiveFrom?: string }> }).versions;
    const index = written?.findIndex((v) => v.effectiveFrom === version.effectiveFrom) ?? -1;
    if (index >= 0) return index;
  } catch {
    // Loaded, so it parses; the sorted position is the fallback all the same.
  }
  return policy.versions.indexOf(version);
}

function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
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

/** Something of the derived logic no case exercised; `what` names it for a maintainer. */
export interface DerivedGap {
  kind: 'version' | 'branch' | 'parameter value';
  policy: string;
  version: string;
  /** The file to add a case for, or to look at, and the JSON Pointer in it. */
  file: string;
  path: string;
  what: string;
}

/**
 * The versions no case is evaluated under, the branches no case takes and the dated parameter
 * values no case reads: with `coverageGaps`, what makes the coverage check fail.
 */
export function derivedCoverageGaps(report: SuiteReport): DerivedGap[] {
  const gaps: DerivedGap[] = [];
  for (const v of report.versions)
    if (v.cases === 0)
      gaps.push({
        kind: 'version',
        policy: v.policy,
        version: v.version,
        file: v.file,
        path: '/versions',
        what: `no case is evaluated under the version from ${v.version}`,
      });
  for (const b of report.branches)
    if (b.seen === 0)
      gaps.push({
        kind: 'branch',
        policy: b.policy,
        version: b.version,
        file: b.file,
        path: b.path,
        what: `${b.where}: "${b.fn}" ${b.branch} never taken`,
      });
  for (const p of report.parameterValues)
    if (p.seen === 0)
      gaps.push({
        kind: 'parameter value',
        policy: p.policy,
        version: p.version,
        file: p.parameterFile,
        path: p.path,
        what: `parameter ${p.parameter}: the value in force from ${p.from} is used by no case`,
      });
  return gaps;
}
