// `pa-policy test`: runs every auditor suite [E-TESTS], prints the report with diffs and coverage,
// optionally writes JUnit XML. Fails on a failed case, a rule not covered both ways, a version,
// branch or dated parameter value no case exercises, or a policy without a suite; --no-coverage
// skips only the coverage checks.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { derivedCoverageGaps, runSuites } from '../../application/audit/run-suites.js';
import { type CliIo, type ExitCode, line, paintFor } from './io.js';
import { junitXml } from './junit.js';
import { coverageGap, formatCases, formatCoverage, formatTotals, succeeded, totalsOf } from './report.js';
import { loadValidRulesFolder, rulesDirFrom } from './rules-folder.js';

export async function testCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      rules: { type: 'string' },
      policy: { type: 'string', multiple: true },
      junit: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-coverage': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const loaded = await loadValidRulesFolder(rulesDirFrom(values.rules), io);
  if (!loaded) return 2;
  const known = [...loaded.ruleset.policies.keys()].sort();
  const wanted = values.policy;
  const unknown = (wanted ?? []).filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    line(
      io.stderr,
      `unknown policy ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${known.join(', ')}`,
    );
    return 2;
  }

  const checkCoverage = !values['no-coverage'];
  const report = await runSuites(loaded, new Date(), wanted ? (id) => wanted.includes(id) : undefined, {
    derived: checkCoverage,
  });
  const totals = totalsOf(report, checkCoverage);

  if (values.junit) {
    const path = resolve(values.junit);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, junitXml(report, checkCoverage), 'utf8');
    } catch (e) {
      line(io.stderr, `cannot write JUnit XML to ${path}: ${(e as Error).message}`);
      return 2;
    }
  }

  if (values.json) {
    const coverage = report.coverage.map((r) => ({ ...r, gap: coverageGap(r) }));
    const { passed, failed, gaps, derivedGaps } = totals;
    const summary = { ok: succeeded(totals), passed, failed, coverageGaps: gaps + derivedGaps };
    const derived = checkCoverage ? derivedCoverageGaps(report) : [];
    line(io.stdout, JSON.stringify({ ...summary, ...report, coverage, derivedGaps: derived }, null, 2));
  } else {
    const paint = paintFor(io);
    const lines = [
      ...formatCases(report.cases, paint),
      ...(checkCoverage ? formatCoverage(report, paint) : []),
      ...formatTotals(totals, paint),
    ];
    for (const l of lines) line(io.stdout, l);
  }
  return succeeded(totals) ? 0 : 1;
}
