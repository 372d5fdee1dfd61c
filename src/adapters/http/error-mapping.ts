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
      return policiesDenied([error]);
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

/**
 * POLICY_DENIED, one shape whether one policy refused or several: every unmet requirement at once,
 * each with its policy, its decision and the Italian text the portal shows; `policy` and
 * `decisionId` are the first refusal's (often the only one), `policies` and `decisionIds` all of them.
 */
export function policiesDenied(
  denials: ReadonlyArray<PolicyDenied & { field?: string | undefined }>,
  extensions: { competentChamber?: string | null | undefined; remedy?: string | null | undefined } = {},
): Problem {
  const violations = denials.flatMap((d) =>
    d.violations.map((v) => ({
      field: d.field ?? `policy:${d.policy}`,
      reason: v.message.en,
      ...v,
      policy: d.policy,
      decisionId: d.decisionId,
    })),
  );
  const texts = [...new Set(violations.map((v) => v.message.it))];
  const { competentChamber, remedy } = extensions;
  return problem('POLICY_DENIED', texts.join(' ') || 'La richiesta non è accoglibile.', {
    policy: denials[0]?.policy,
    decisionId: denials[0]?.decisionId,
    policies: [...new Set(denials.map((d) => d.policy))],
    decisionIds: denials.map((d) => d.decisionId),
    violations,
    ...(competentChamber !== undefined ? { competentChamber } : {}),
    ...(remedy !== undefined && remedy !== null ? { remedy } : {}),
  });
}

/** A rejected rule set's problems as problem+json `violations`: file, JSON path, line, column, reason. */
export const ruleViolations = (issues: readonly LocatedIssue[]) =>
  issues.map(({ file, path, line, column, reason }) => ({ file, path, line, column, reason }));
