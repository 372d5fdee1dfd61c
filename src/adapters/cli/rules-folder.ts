// The rules/ folder as the CLI sees it: where it is, loading it the way the service does, and
// printing load issues as `file:JSONPATH  reason` [E-RELOAD].
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleFile } from '../../application/ports/rule-file-source.js';
import { type LoadedRuleset, type LoadIssue, loadRuleset } from '../../application/rules/load-ruleset.js';
import { AjvSchemaValidator } from '../rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../rules/fs-rule-file-source.js';
import { type CliIo, line, type Output } from './io.js';

/** The repository's rules/ folder, found from this module so the CLI works from any directory. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

export function rulesDirFrom(option: string | undefined): string {
  return option === undefined ? DEFAULT_RULES_DIR : resolve(option);
}

export type FolderLoad =
  | { ok: true; loaded: LoadedRuleset; files: RuleFile[] }
  | { ok: false; issues: LoadIssue[]; files: RuleFile[] };

/** Null when the folder cannot be read at all (the reason is printed). */
export async function loadRulesFolder(dir: string, io: CliIo): Promise<FolderLoad | null> {
  let files: RuleFile[];
  try {
    files = await new FsRuleFileSource(dir).readAll();
  } catch (e) {
    line(io.stderr, `cannot read the rules folder ${dir}: ${(e as Error).message}`);
    return null;
  }
  const result = loadRuleset(files, new AjvSchemaValidator());
  return result.ok ? { ok: true, loaded: result.value, files } : { ok: false, issues: result.issues, files };
}

/** The loaded rule set, or null after printing why it could not be had (commands that need rules). */
export async function loadValidRulesFolder(dir: string, io: CliIo): Promise<LoadedRuleset | null> {
  const load = await loadRulesFolder(dir, io);
  if (!load) return null;
  if (!load.ok) {
    line(io.stderr, 'the rules folder does not load; fix these first (see `pa-policy lint`):');
    printIssues(load.issues, load.files, io.stderr);
    return null;
  }
  return load.loaded;
}

/** Every file under the folder (forward slashes), dotfiles excepted, for the "what is this file" check. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
    .sort();
}

/** `file:JSONPATH  reason`; a JSON parse error also gets its line and column. */
export function formatIssue(issue: LoadIssue, files: readonly RuleFile[]): string {
  const where = issue.path === '' ? issue.file : `${issue.file}:${issue.path}`;
  return `${where}  ${withLineAndColumn(issue, files)}`;
}

function withLineAndColumn(issue: LoadIssue, files: readonly RuleFile[]): string {
  // One issue per line: the YAML parser appends a code frame after the first line.
  const reason = (issue.reason.split('\n')[0] ?? '').replace(/:$/, '');
  const position = /at position (\d+)/.exec(reason);
  const content = files.find((f) => f.path === issue.file)?.content;
  if (!position?.[1] || content === undefined || /line \d+/.test(reason)) return reason;
  const before = content.slice(0, Number(position[1])).split('\n');
  return `${reason} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}

export function printIssues(issues: readonly LoadIssue[], files: readonly RuleFile[], out: Output): void {
  for (const issue of issues) line(out, formatIssue(issue, files));
}
