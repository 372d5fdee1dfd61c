// The CNS use cases ask the rule files through here [E-LOG]: each decision is logged like an API
// decision, and a deny becomes a PolicyDenied value, so several can be reported at once.

import type { Decision } from '../../domain/types.js';
import type { PolicyDenied } from '../decisions/check-policy.js';
import type { DecideError } from '../decisions/decide.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { Result } from './errors.js';

export type Asked = Decision & { decisionId: string };

export async function ask(
  decisions: DecisionService,
  policy: string,
  facts: Record<string, unknown>,
): Promise<Result<Asked, DecideError>> {
  return decisions.decide({ policy, facts });
}

export function denialOf(decision: Asked): PolicyDenied | null {
  return decision.outcome === 'allow'
    ? null
    : {
        code: 'POLICY_DENIED',
        policy: decision.policy,
        decisionId: decision.decisionId,
        violations: decision.violations,
      };
}

/** Asks every policy; stops at an evaluation error (a bug or a rules problem), not at a deny. */
export async function askAll(
  decisions: DecisionService,
  questions: Array<{ policy: string; facts: Record<string, unknown> }>,
): Promise<Result<Asked[], DecideError>> {
  const answers: Asked[] = [];
  for (const q of questions) {
    const answer = await ask(decisions, q.policy, q.facts);
    if (!answer.ok) return answer;
    answers.push(answer.value);
  }
  return { ok: true, value: answers };
}
