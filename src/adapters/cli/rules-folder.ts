// The rules/ folder as the CLI sees it: where it is, loading it the way the service does, and
// printing load issues as `file:line:column  reason (/json/pointer)` [E-RELOAD].
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleFile } from '../../application/ports/rule-file-source.js';
import {
  type LoadedRuleset,
  type LoadIssue,
  loadCheckedRuleset,
} from '../../application/rules/load-ruleset.js';
import { formatIssues } from '../../application/rules/problems.js';
import { AjvSchemaValidator } from '../rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../rules/fs-rule-file-source.js';
import { RecheckPatternChecker } from '../rules/recheck-pattern-checker.js';
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
  const result = await loadCheckedRuleset(files, new AjvSchemaValidator(), new RecheckPatternChecker());
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

export function printIssues(issues: readonly LoadIssue[], files: readonly RuleFile[], out: Output): void {
  for (const text of formatIssues(issues, files)) line(out, text);
}
