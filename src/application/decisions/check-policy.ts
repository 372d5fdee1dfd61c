// Procedures ask policies through here: they hand over the context they have, the policy's facts
// schema picks its facts (policy-context.ts), the decision is logged like any API decision [E-LOG],
// and a deny becomes an error value carrying every violation, for the HTTP adapter to show.
import type { Decision, Violation } from '../../domain/types.js';
import type { DecideError } from './decide.js';
import type { DecisionService } from './decision-service.js';
import type { PolicyContext } from './policy-context.js';

export type PolicyDenied = {
  code: 'POLICY_DENIED';
  policy: string;
  decisionId: string;
  violations: Violation[];
};
export type CheckedDecision = Decision & { decisionId: string };

/** The refusal a denied decision stands for, with every violation; null when it allowed. */
export function denialOf(decision: CheckedDecision): PolicyDenied | null {
  if (decision.outcome === 'allow') return null;
  const { policy, decisionId, violations } = decision;
  return { code: 'POLICY_DENIED', policy, decisionId, violations };
}

export async function checkPolicy(
  decisions: DecisionService,
  policy: string,
  context: PolicyContext,
  at?: string,
): Promise<{ ok: true; value: CheckedDecision } | { ok: false; error: PolicyDenied | DecideError }> {
  const result = await decisions.decideInContext({ policy, context, ...(at ? { at } : {}) });
  if (!result.ok) return result;
  const denial = denialOf(result.value);
  return denial ? { ok: false, error: denial } : result;
}
