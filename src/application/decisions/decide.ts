// One decision on a loaded ruleset: facts checked against the policy's schema, then evaluated.
// Shared by the API, the auditor suites and `explain`, so all three answer alike.
import { romeDateOf } from '../../domain/dates.js';
import { type EvaluationRequest, evaluate } from '../../domain/evaluate.js';
import type { Decision, EvaluationError, PromiseOrValue } from '../../domain/types.js';
import type { SchemaIssue } from '../ports/schema-validator.js';
import type { LoadedRuleset } from '../rules/load-ruleset.js';

export type DecideError = EvaluationError | { code: 'INVALID_FACTS'; policy: string; issues: SchemaIssue[] };

export interface DecideRequest {
  policy: string;
  facts: unknown;
  at?: string;
  trace?: boolean;
}

/** Synchronous when the engine's compiled path answers (see `evaluate`); callers await it. */
export function decideOn(
  loaded: LoadedRuleset,
  request: DecideRequest,
  now: Date,
  onFallback?: EvaluationRequest['onFallback'],
): PromiseOrValue<{ ok: true; value: Decision } | { ok: false; error: DecideError }> {
  const validate = loaded.factValidators.get(request.policy);
  if (!validate) return { ok: false, error: { code: 'UNKNOWN_POLICY', policy: request.policy } };
  const issues = validate(request.facts);
  if (issues.length > 0)
    return { ok: false, error: { code: 'INVALID_FACTS', policy: request.policy, issues } };
  return evaluate(loaded.ruleset, {
    policy: request.policy,
    facts: request.facts as Record<string, unknown>,
    ...(request.at !== undefined ? { at: request.at } : {}),
    today: romeDateOf(now),
    trace: request.trace ?? false,
    ...(onFallback ? { onFallback } : {}),
  });
}
