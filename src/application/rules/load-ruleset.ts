// Reads every file under rules/, parses and validates it as a whole [E-RELOAD]: structure against the
// JSON Schemas kept in rules/schema/, meaning through the domain. Any problem rejects the whole set.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import {
  buildRuleset,
  type LoadIssue,
  type ParsedParametersFile,
  type ParsedPolicyFile,
} from '../../domain/ruleset.js';
import type { Ruleset } from '../../domain/types.js';
import type { Suite } from '../audit/suite.js';
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

export function loadRuleset(
  all: readonly RuleFile[],
  validator: SchemaValidator,
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
    issues.push({ file: file.path, path: '', reason: `cannot parse: ${(e as Error).message}` });
    return undefined;
  }
}
