// The one place where application error codes become HTTP problems.
import type { PolicyDenied } from '../../application/decisions/check-policy.js';
import type { DecideError } from '../../application/decisions/decide.js';
import type { ReplayResult } from '../../application/decisions/decision-service.js';
import type { LoadIssue } from '../../application/rules/load-ruleset.js';
import type { LocatedIssue } from '../../application/rules/problems.js';
import { type Problem, problem } from './problem.js';

type ReplayError = Extract<ReplayResult, { ok: false }>['error'];

export type ApplicationError =
  | DecideError
  | ReplayError
  | PolicyDenied
  | { code: 'RULES_INVALID'; issues: LoadIssue[]; servingHash: string | null };

export function problemFor(error: ApplicationError): Problem {
  switch (error.code) {
    case 'UNKNOWN_POLICY':
      return problem('UNKNOWN_POLICY', `There is no policy "${error.policy}".`, { policy: error.policy });
    case 'INVALID_FACTS':
      return problem(
        'INVALID_FACTS',
        `${error.issues.length} fact(s) break the schema of policy "${error.policy}".`,
        { violations: error.issues.map((i) => ({ field: i.path, reason: i.reason })) },
      );
    case 'INVALID_AT':
      return problem('INVALID_REQUEST', '`at` must be a date (YYYY-MM-DD).', {
        violations: [{ field: '/at', reason: 'must be a date (YYYY-MM-DD)' }],
      });
    case 'NO_VERSION_IN_FORCE':
      return problem('NO_VERSION_IN_FORCE', `No version of "${error.policy}" is in force on ${error.at}.`, {
        policy: error.policy,
        at: error.at,
      });
    case 'EVALUATION_FAILED':
      return problem(
        'EVALUATION_FAILED',
        `Policy "${error.policy}" failed${error.rule ? ` in rule "${error.rule}"` : ''}: ${error.reason}`,
        { policy: error.policy },
      );
    case 'POLICY_DENIED':
      // Every unmet requirement at once, each with the Italian text the portal shows.
      return problem('POLICY_DENIED', error.violations.map((v) => v.message.it).join(' '), {
        policy: error.policy,
        decisionId: error.decisionId,
        violations: error.violations.map((v) => ({
          field: `policy:${error.policy}`,
          reason: v.message.en,
          ...v,
        })),
      });
    case 'UNKNOWN_DECISION':
      return problem('UNKNOWN_DECISION', `There is no decision "${error.decisionId}".`);
    case 'RULESET_UNAVAILABLE':
      return problem('RULESET_UNAVAILABLE', `Ruleset ${error.rulesetHash} is not in the archive.`, {
        rulesetHash: error.rulesetHash,
      });
    case 'RULES_INVALID':
      return problem(
        'RULES_INVALID',
        `${error.issues.length} problem(s) in the rule files; still serving ${error.servingHash ?? 'nothing'}.`,
        { violations: error.issues, servingHash: error.servingHash },
      );
  }
}

/** A rejected rule set's problems as problem+json `violations`: file, JSON path, line, column, reason. */
export const ruleViolations = (issues: readonly LocatedIssue[]) =>
  issues.map(({ file, path, line, column, reason }) => ({ file, path, line, column, reason }));
