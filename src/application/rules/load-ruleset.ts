// Reads every file under rules/, parses and validates it as a whole [E-RELOAD]: structure against the
// JSON Schemas kept in rules/schema/, meaning through the domain. Any problem rejects the whole set.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { type PatternSite, patternSites, schemaPatternSites } from '../../domain/patterns.js';
import {
  buildRuleset,
  type LoadIssue,
  type ParsedParametersFile,
  type ParsedPolicyFile,
} from '../../domain/ruleset.js';
import type { Ruleset } from '../../domain/types.js';
import type { Suite } from '../audit/suite.js';
import type { PatternChecker } from '../ports/pattern-checker.js';
import type { RuleFile } from '../ports/rule-file-source.js';
import type { SchemaValidator, Validate } from '../ports/schema-validator.js';

export type { LoadIssue };

export interface LoadedRuleset {
  ruleset: Ruleset;
  /** Facts validators by policy id, compiled once per load. */
  factValidators: ReadonlyMap<string, Validate>;
  suites: Suite[];
  /** The files that make up the ruleset (policies and parameters), for the archive. */
  files: RuleFile[];
}

const SCHEMA_FILES = {
  policy: 'schema/policy.schema.json',
  parameters: 'schema/parameters.schema.json',
  suite: 'schema/suite.schema.json',
} as const;

export type RuleFileKind = 'policy' | 'parameters' | 'suite' | 'schema' | 'other';

export function kindOf(path: string): RuleFileKind {
  if (path.startsWith('schema/')) return 'schema';
  if (path.endsWith('.policy.json')) return 'policy';
  if (path.endsWith('.parameters.json')) return 'parameters';
  if (path.endsWith('.suite.yaml') || path.endsWith('.suite.yml')) return 'suite';
  return 'other';
}

/** The content hash of the files that decide: policies and parameters (not suites or schemas). */
export function rulesetHash(files: readonly RuleFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    hash.update(f.path).update('\0').update(f.content).update('\0');
  }
  return `sha256:${hash.digest('hex').slice(0, 32)}`;
}

/**
 * The content hash of every file the loader reads (suites and schemas included): what changes when
 * anything on disk that could change the outcome of a load changes. `pa-policy lint` prints it and
 * the rules status compares it with the set serving.
 */
export function filesHash(files: readonly RuleFile[]): string {
  return rulesetHash(files);
}

/**
 * `loadRuleset`, then every regular expression the set will run is checked for catastrophic
 * backtracking [#17]: a vulnerable pattern, or one the checker cannot decide, is a load issue.
 */
export async function loadCheckedRuleset(
  all: readonly RuleFile[],
  validator: SchemaValidator,
  checker: PatternChecker,
): Promise<{ ok: true; value: LoadedRuleset } | { ok: false; issues: LoadIssue[] }> {
  // The checks start as soon as the set is built, so the checker (another process) works while the
  // facts schemas compile here.
  let checks: Promise<LoadIssue[]> = Promise.resolve([]);
  const result = loadRuleset(all, validator, (ruleset) => {
    checks = checkPatterns(ruleset, all, checker);
  });
  const patternIssues = await checks;
  if (!result.ok) return { ok: false, issues: [...result.issues, ...patternIssues] };
  return patternIssues.length > 0 ? { ok: false, issues: patternIssues } : result;
}

async function checkPatterns(
  ruleset: Ruleset,
  all: readonly RuleFile[],
  checker: PatternChecker,
): Promise<LoadIssue[]> {
  let listed: ReturnType<typeof patternSites>;
  try {
    listed = patternSites(ruleset);
  } catch (e) {
    return [{ file: '', path: '', reason: `cannot list the regular expressions: ${(e as Error).message}` }];
  }
  const { sites, opaque } = listed;
  for (const path of Object.values(SCHEMA_FILES)) {
    const file = all.find((f) => f.path === path);
    try {
      if (file) schemaPatternSites(JSON.parse(file.content), path, '', (s) => sites.push(s));
    } catch {
      // A schema that does not parse is reported by the load itself.
    }
  }
  const issues: LoadIssue[] = opaque.map(({ file, path, reason }) => ({ file, path, reason }));
  const verdicts = await Promise.all(sites.map((site) => checkSite(site, checker)));
  for (const issue of verdicts) if (issue) issues.push(issue);
  return issues;
}

async function checkSite(site: PatternSite, checker: PatternChecker): Promise<LoadIssue | null> {
  const { file, path, pattern } = site;
  const shown = pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern;
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return { file, path, reason: `not a valid regular expression (Unicode mode): ${(e as Error).message}` };
  }
  const verdict = await checker.check(pattern, 'u');
  if (verdict.status === 'safe') return null;
  return {
    file,
    path,
    reason:
      verdict.status === 'vulnerable'
        ? `the regular expression /${shown}/ can take exponential or polynomial time (${verdict.reason}); rewrite it so each character can be matched only one way`
        : `cannot tell whether the regular expression /${shown}/ is safe from catastrophic backtracking (${verdict.reason}); simplify it`,
  };
}

export function loadRuleset(
  all: readonly RuleFile[],
  validator: SchemaValidator,
  /** Called with the set as soon as it is built, before the facts schemas compile. */
  onBuilt?: (ruleset: Ruleset) => void,
): { ok: true; value: LoadedRuleset } | { ok: false; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const byPath = new Map(all.map((f) => [f.path, f]));
  const schemas: Partial<Record<keyof typeof SCHEMA_FILES, Validate>> = {};
  for (const [kind, path] of Object.entries(SCHEMA_FILES) as [keyof typeof SCHEMA_FILES, string][]) {
    const file = byPath.get(path);
    const parsed = file ? parseDocument(file, issues) : undefined;
    if (!file) issues.push({ file: path, path: '', reason: 'schema file is missing' });
    else if (parsed !== undefined) schemas[kind] = validator.compile(parsed as object);
  }
  if (issues.length > 0) return { ok: false, issues };

  const policyFiles: ParsedPolicyFile[] = [];
  const parameterFiles: ParsedParametersFile[] = [];
  const suiteDocs: Array<{ file: string; doc: Omit<Suite, 'file'> }> = [];
  const decisive: RuleFile[] = [];
  for (const file of all) {
    const kind = kindOf(file.path);
    if (kind === 'schema' || kind === 'other') continue;
    const doc = parseDocument(file, issues);
    if (doc === undefined) continue;
    const problems = (schemas[kind] as Validate)(doc);
    for (const p of problems) issues.push({ file: file.path, path: p.path, reason: p.reason });
    if (problems.length > 0) continue;
    if (kind === 'policy') policyFiles.push({ file: file.path, doc: doc as ParsedPolicyFile['doc'] });
    if (kind === 'parameters')
      parameterFiles.push({ file: file.path, doc: doc as ParsedParametersFile['doc'] });
    if (kind === 'suite') suiteDocs.push({ file: file.path, doc: doc as Omit<Suite, 'file'> });
    if (kind === 'policy' || kind === 'parameters') decisive.push(file);
  }

  const { ruleset, issues: meaning } = buildRuleset(policyFiles, parameterFiles, rulesetHash(decisive));
  issues.push(...meaning);
  onBuilt?.(ruleset);

  const factValidators = new Map<string, Validate>();
  for (const policy of ruleset.policies.values()) {
    try {
      factValidators.set(policy.id, validator.compile(policy.facts));
    } catch (e) {
      issues.push({
        file: policy.file,
        path: '/facts',
        reason: `invalid facts schema: ${(e as Error).message}`,
      });
    }
  }
  const suites: Suite[] = suiteDocs.map(({ file, doc }) => ({ ...doc, file }));
  for (const suite of suites)
    if (!ruleset.policies.has(suite.policy))
      issues.push({ file: suite.file, path: '/policy', reason: `unknown policy "${suite.policy}"` });

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { ruleset, factValidators, suites, files: decisive } };
}

function parseDocument(file: RuleFile, issues: LoadIssue[]): unknown {
  try {
    return file.path.endsWith('.json') ? JSON.parse(file.content) : parseYaml(file.content);
  } catch (e) {
    // YAML errors carry their line and column; JSON's "at position N" is converted when reported.
    const at = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    issues.push({
      file: file.path,
      path: '',
      reason: `cannot parse: ${(e as Error).message}`,
      ...(at ? { line: at.line, column: at.col } : {}),
    });
    return undefined;
  }
}
