// The gate before serving [E-TESTS][#17]: a candidate rule set goes live only if every auditor
// suite passes, coverage included, exactly as `npm run rules:test` judges it. Each failure becomes
// a load issue pointing at the case (or the rule never seen both ways) in its file.
import { coverageGaps, derivedCoverageGaps, type Mismatch, runSuites } from '../audit/run-suites.js';
import type { PatternChecker } from '../ports/pattern-checker.js';
import type { RuleFile } from '../ports/rule-file-source.js';
import type { SchemaValidator } from '../ports/schema-validator.js';
import {
  filesHash,
  type LoadedRuleset,
  type LoadIssue,
  loadCheckedRuleset,
  loadRuleset,
} from './load-ruleset.js';

export interface GateOptions {
  /** Checks every regular expression (catastrophic backtracking); absent: not checked. */
  patterns?: PatternChecker;
  /** Runs the auditor suites, derived coverage included. */
  suiteGate?: boolean;
  /** The suites' "today". */
  now: Date;
}

/** A candidate set as the service and `pa-policy publish` judge it: loaded, then its suites run. */
export async function gateCandidate(
  files: readonly RuleFile[],
  validator: SchemaValidator,
  { patterns, suiteGate, now }: GateOptions,
): Promise<{ ok: true; value: LoadedRuleset } | { ok: false; issues: LoadIssue[] }> {
  const result = patterns
    ? await loadCheckedRuleset(files, validator, patterns)
    : loadRuleset(files, validator);
  if (!result.ok || !suiteGate) return result;
  const failing = await suiteIssues(result.value, files, now);
  return failing.length > 0 ? { ok: false, issues: failing } : result;
}

/**
 * The verdict depends only on the files and the day (cases without `at` are asked "today"), so it
 * is kept per process: a service started again on the same files, or a reload that changes nothing,
 * does not run every case again.
 */
const verdicts = new Map<string, LoadIssue[]>();
const MAX_VERDICTS = 32;

export async function suiteIssues(
  loaded: LoadedRuleset,
  files: readonly RuleFile[],
  now: Date,
): Promise<LoadIssue[]> {
  const key = `${filesHash(files)} ${now.toISOString().slice(0, 10)}`;
  const known = verdicts.get(key);
  if (known) return known;
  const issues = await runGate(loaded, files, now);
  if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value as string);
  verdicts.set(key, issues);
  return issues;
}

async function runGate(loaded: LoadedRuleset, files: readonly RuleFile[], now: Date): Promise<LoadIssue[]> {
  const report = await runSuites(loaded, now);
  const issues: LoadIssue[] = [];
  // runSuites reports the cases suite by suite, in file order: the n-th result is the n-th case.
  let n = 0;
  for (const suite of loaded.suites)
    suite.cases.forEach((c, i) => {
      const result = report.cases[n++];
      if (!result || result.passed) return;
      issues.push({
        file: suite.file,
        path: `/cases/${i}/name`,
        reason: `case "${c.name}" fails: ${result.mismatches.map(describe).join('; ')}`,
      });
    });
  for (const gap of coverageGaps(report)) {
    const why =
      gap.seenHolding === 0 && gap.seenNotHolding === 0
        ? 'no case evaluates it'
        : gap.seenHolding === 0
          ? 'no case makes it fire'
          : 'no case keeps it from firing';
    issues.push({
      file: gap.file,
      path: rulePointer(files, gap.file, gap.version, gap.rule),
      reason: `rule "${gap.rule}" (version from ${gap.version}) is not covered: ${why}`,
    });
  }
  // The derived logic too: versions no case evaluates, branches no case takes, dated values no case reads.
  for (const gap of derivedCoverageGaps(report))
    issues.push({
      file: gap.file,
      path: gap.path,
      reason: `${gap.policy} (version from ${gap.version}): ${gap.what}`,
    });
  for (const id of report.uncoveredPolicies) {
    const policy = loaded.ruleset.policies.get(id);
    issues.push({ file: policy?.file ?? id, path: '/id', reason: `policy "${id}" has no suite` });
  }
  return issues;
}

function describe(m: Mismatch): string {
  if (m.field === 'error') return `expected outcome ${show(m.expected)}, got the error ${show(m.actual)}`;
  return `${m.field} expected ${show(m.expected)}, got ${show(m.actual)}`;
}

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

/** The rule's name in the policy file as written (versions may be listed in any order). */
function rulePointer(files: readonly RuleFile[], file: string, version: string, rule: string): string {
  try {
    const doc = JSON.parse(files.find((f) => f.path === file)?.content ?? '') as {
      versions: Array<{ effectiveFrom: string; rules: Array<{ name: string }> }>;
    };
    const v = doc.versions.findIndex((x) => x.effectiveFrom === version);
    const r = doc.versions[v]?.rules.findIndex((x) => x.name === rule) ?? -1;
    return r >= 0 ? `/versions/${v}/rules/${r}/name` : '';
  } catch {
    return '';
  }
}
