// The readable suite report [E-TESTS]: cases grouped by policy with a diff under each failure, then
// the coverage table (each rule seen firing and not firing), what of the derived logic no case
// exercised (versions, branches, dated parameter values), then the totals line.
import {
  type CaseResult,
  derivedCoverageGaps,
  type RuleCoverage,
  type SuiteReport,
} from '../../application/audit/run-suites.js';
import { describeMismatch } from './diff.js';
import type { Paint } from './io.js';
import { plural } from './values.js';

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function formatCases(cases: readonly CaseResult[], paint: Paint): string[] {
  const out: string[] = [];
  for (const [policy, group] of groupBy(cases, (c) => c.policy)) {
    const files = [...new Set(group.map((c) => c.file))].join(', ');
    out.push(`${paint.bold(policy)}  ${paint.dim(`(${files})`)}`);
    for (const c of group) {
      out.push(c.passed ? `  ${paint.good('✓')} ${c.name}` : `  ${paint.bad('✗')} ${paint.bad(c.name)}`);
      if (c.passed) continue;
      if (c.decision) out.push(`      ${paint.dim(`evaluated at ${c.decision.at}; - expected, + actual`)}`);
      for (const m of c.mismatches) out.push(...describeMismatch(m, '      ', paint));
    }
    out.push('');
  }
  return out;
}

/** What is missing for a rule to count as covered, or null when it is. */
export function coverageGap(r: RuleCoverage): string | null {
  if (r.seenHolding === 0 && r.seenNotHolding === 0) return 'never evaluated by any case';
  if (r.seenHolding === 0) return 'no case makes it fire';
  if (r.seenNotHolding === 0) return 'no case keeps it from firing';
  return null;
}

export function formatCoverage(report: SuiteReport, paint: Paint): string[] {
  const out = [paint.bold('Coverage: every rule must be seen firing and not firing')];
  const width = Math.max(0, ...report.coverage.map((r) => r.rule.length));
  for (const [key, rules] of groupBy(report.coverage, (r) => `${r.policy}|${r.version}`)) {
    const [policy, version] = key.split('|');
    out.push(`  ${policy} ${paint.dim(`(version from ${version})`)}`);
    for (const r of rules) {
      const gap = coverageGap(r);
      const counts = `fired ${r.seenHolding} · not fired ${r.seenNotHolding}`;
      out.push(
        gap
          ? `    ${paint.bad('✗')} ${r.rule.padEnd(width)}  ${counts}  ${paint.bad(`← ${gap}`)}`
          : `    ${paint.good('✓')} ${r.rule.padEnd(width)}  ${counts}`,
      );
    }
  }
  out.push('');
  out.push(...formatDerivedCoverage(report, paint));
  return out;
}

/** The derived logic's coverage: one line of counts, then each version, branch or value no case used. */
export function formatDerivedCoverage(report: SuiteReport, paint: Paint): string[] {
  const gaps = derivedCoverageGaps(report);
  const counts = `${plural(report.versions.length, 'version')}, ${plural(report.branches.length, 'branch', 'branches')}, ${plural(report.parameterValues.length, 'dated parameter value')}`;
  const out = [
    paint.bold(
      'Coverage of the derived logic: every version, branch and dated parameter value used by a case',
    ),
  ];
  if (gaps.length === 0) out.push(`  ${paint.good('✓')} ${counts}: all exercised`);
  else out.push(`  ${counts}; not exercised:`);
  for (const g of gaps)
    out.push(
      `    ${paint.bad('✗')} ${g.policy} ${paint.dim(`(version from ${g.version})`)}  ${g.what}`,
      `        ${paint.dim(`${g.file}:${g.path}`)}`,
    );
  out.push('');
  return out;
}

export interface Totals {
  passed: number;
  failed: number;
  /** Rules not seen both ways; 0 when the coverage check is skipped. */
  gaps: number;
  /** Versions, branches and dated parameter values no case exercised; 0 when the check is skipped. */
  derivedGaps: number;
  /** Coverage checks made (rules, versions, branches, parameter values): the JUnit "coverage" suite. */
  coverageChecks: number;
  policiesWithoutSuite: string[];
}

export function totalsOf(report: SuiteReport, checkCoverage: boolean): Totals {
  const failed = report.cases.filter((c) => !c.passed).length;
  return {
    passed: report.cases.length - failed,
    failed,
    gaps: checkCoverage ? report.coverage.filter((r) => coverageGap(r) !== null).length : 0,
    derivedGaps: checkCoverage ? derivedCoverageGaps(report).length : 0,
    coverageChecks: checkCoverage
      ? report.coverage.length +
        report.versions.length +
        report.branches.length +
        report.parameterValues.length
      : 0,
    policiesWithoutSuite: report.uncoveredPolicies,
  };
}

/** The closing lines; the last is always exactly `N passed, N failed`, uncoloured, for scripts. */
export function formatTotals(t: Totals, paint: Paint): string[] {
  const out: string[] = [];
  if (t.gaps > 0)
    out.push(paint.bad(`coverage: ${plural(t.gaps, 'rule')} not seen both firing and not firing`));
  if (t.derivedGaps > 0)
    out.push(
      paint.bad(
        `coverage: ${plural(t.derivedGaps, 'version, branch or dated parameter value', 'versions, branches or dated parameter values')} of the derived logic used by no case`,
      ),
    );
  if (t.coverageChecks > 0)
    out.push(`coverage: ${t.coverageChecks - t.gaps - t.derivedGaps} of ${t.coverageChecks} checks met`);
  if (t.policiesWithoutSuite.length > 0)
    out.push(paint.bad(`without a suite: ${t.policiesWithoutSuite.join(', ')}`));
  out.push(`${t.passed} passed, ${t.failed} failed`);
  return out;
}

export function succeeded(t: Totals): boolean {
  return t.failed === 0 && t.gaps === 0 && t.derivedGaps === 0 && t.policiesWithoutSuite.length === 0;
}
