// A load issue as a maintainer reads it, in the log, the status document and `pa-policy lint`:
// `file:line:column  reason (/json/pointer)`, one line each, the position found in the file.
import type { RuleFile } from '../ports/rule-file-source.js';
import type { LoadIssue } from './load-ruleset.js';
import { locatePointer, positionAt } from './positions.js';

export interface LocatedIssue extends LoadIssue {
  line: number;
  column: number;
}

export function locateIssue(issue: LoadIssue, files: readonly RuleFile[]): LocatedIssue {
  if (issue.line !== undefined) return { ...issue, line: issue.line, column: issue.column ?? 1 };
  const content = files.find((f) => f.path === issue.file)?.content;
  if (content === undefined) return { ...issue, line: 1, column: 1 };
  // JSON.parse says "at position N" (without the line on Node 20).
  const at = /at position (\d+)/.exec(issue.reason)?.[1];
  const { line, column } =
    at !== undefined ? positionAt(content, Number(at)) : locatePointer(issue.file, content, issue.path);
  return { ...issue, line, column };
}

export function formatIssue(issue: LocatedIssue): string {
  // One issue per line: the YAML parser appends a code frame after the first line.
  const reason = (issue.reason.split('\n')[0] ?? '').replace(/:$/, '');
  const pointer = issue.path && issue.path !== '/' ? ` (${issue.path})` : '';
  return `${issue.file}:${issue.line}:${issue.column}  ${reason}${pointer}`;
}

export const formatIssues = (issues: readonly LoadIssue[], files: readonly RuleFile[]): string[] =>
  issues.map((i) => formatIssue(locateIssue(i, files)));
