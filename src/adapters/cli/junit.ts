// JUnit XML for CI [E-TESTS]: one <testsuite> per policy (a <testcase> per case, so the policies'
// suites count exactly the console's "N passed, N failed"), and a "coverage" <testsuite> with a
// <testcase> per coverage check (each rule seen firing and not firing, each version, branch and
// dated parameter value used), as many as the console's "coverage: N of M checks met".
import type { CaseResult, SuiteReport } from '../../application/audit/run-suites.js';
import { describeMismatch } from './diff.js';
import { coverageGap, groupBy } from './report.js';

interface TestCase {
  name: string;
  classname: string;
  file?: string;
  failure?: { message: string; body: string };
  skipped?: string;
}

export function junitXml(report: SuiteReport, checkCoverage: boolean): string {
  const suites: Array<{ name: string; cases: TestCase[] }> = [];
  for (const [policy, cases] of groupBy(report.cases, (c) => c.policy))
    suites.push({ name: policy, cases: cases.map(caseOf) });
  const coverage: TestCase[] = report.coverage.map((r) => {
    const gap = coverageGap(r);
    const counts = `fired ${r.seenHolding} times, not fired ${r.seenNotHolding} times`;
    return {
      name: `${r.rule} (version from ${r.version})`,
      classname: r.policy,
      file: r.file,
      ...(!checkCoverage
        ? { skipped: 'coverage check skipped (--no-coverage)' }
        : gap
          ? { failure: { message: gap, body: counts } }
          : {}),
    };
  });
  const skipped = { skipped: 'coverage check skipped (--no-coverage)' };
  const check = (
    name: string,
    classname: string,
    file: string,
    gap: string | null,
    body: string,
  ): TestCase => ({
    name,
    classname,
    file,
    ...(!checkCoverage ? skipped : gap ? { failure: { message: gap, body } } : {}),
  });
  for (const v of report.versions)
    coverage.push(
      check(
        `version from ${v.version} is exercised`,
        v.policy,
        v.file,
        v.cases === 0 ? 'no case is evaluated under this version' : null,
        `${v.cases} cases`,
      ),
    );
  for (const b of report.branches)
    coverage.push(
      check(
        `${b.where}: "${b.fn}" ${b.branch} (version from ${b.version})`,
        b.policy,
        b.file,
        b.seen === 0 ? 'branch never taken' : null,
        `${b.file}:${b.path} taken by ${b.seen} cases`,
      ),
    );
  for (const p of report.parameterValues)
    coverage.push(
      check(
        `parameter ${p.parameter} from ${p.from} (version from ${p.version})`,
        p.policy,
        p.parameterFile,
        p.seen === 0 ? 'dated value used by no case' : null,
        `${p.parameterFile}:${p.path} used by ${p.seen} cases`,
      ),
    );
  for (const policy of report.uncoveredPolicies)
    coverage.push({
      name: 'has a suite',
      classname: policy,
      failure: { message: 'no suite for this policy', body: `write a *.suite.yaml with policy: ${policy}` },
    });
  suites.push({ name: 'coverage', cases: coverage });

  const all = suites.flatMap((s) => s.cases);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pa-policy rules" ${counts(all)}>`,
    ...suites.flatMap((s) => [
      `  <testsuite name="${escapeXml(s.name)}" ${counts(s.cases)}>`,
      ...s.cases.map(testcaseXml),
      '  </testsuite>',
    ]),
    '</testsuites>',
    '',
  ].join('\n');
}

function caseOf(c: CaseResult): TestCase {
  if (c.passed) return { name: c.name, classname: c.policy, file: c.file };
  const body = c.mismatches.flatMap((m) => describeMismatch(m)).join('\n');
  const error = c.mismatches.find((m) => m.field === 'error')?.actual as { code?: string } | undefined;
  const message = error
    ? `could not be evaluated: ${error.code}`
    : `mismatch in ${c.mismatches.map((m) => m.field).join(', ')}`;
  return { name: c.name, classname: c.policy, file: c.file, failure: { message, body } };
}

function counts(cases: readonly TestCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped).length;
  return `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
}

function testcaseXml(c: TestCase): string {
  const attrs = `name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}"${c.file ? ` file="${escapeXml(c.file)}"` : ''}`;
  if (c.failure)
    return `    <testcase ${attrs}>\n      <failure message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.body)}</failure>\n    </testcase>`;
  if (c.skipped)
    return `    <testcase ${attrs}>\n      <skipped message="${escapeXml(c.skipped)}"/>\n    </testcase>`;
  return `    <testcase ${attrs}/>`;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes markup and drops characters XML 1.0 forbids (control characters other than tab and newlines). */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: drops the control characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
  );
}
