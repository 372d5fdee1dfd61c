// The CNS use cases ask the rule files through here [E-LOG]: each hands over the context it has (see
// facts.ts), the policy's facts schema picks its facts, each decision is logged like an API
// decision, and a deny becomes a PolicyDenied value, so several can be reported at once.

import type { CheckedDecision } from '../decisions/check-policy.js';
import type { DecideError } from '../decisions/decide.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { PolicyContext } from '../decisions/policy-context.js';
import type { Result } from './errors.js';

export type Asked = CheckedDecision;
// One conversion of a deny into a refusal, shared with checkPolicy.
export { denialOf } from '../decisions/check-policy.js';

export async function ask(
  decisions: DecisionService,
  policy: string,
  context: PolicyContext,
): Promise<Result<Asked, DecideError>> {
  return decisions.decideInContext({ policy, context });
}

/** Asks every policy; stops at an evaluation error (a bug or a rules problem), not at a deny. */
export async function askAll(
  decisions: DecisionService,
  questions: Array<{ policy: string; context: PolicyContext }>,
): Promise<Result<Asked[], DecideError>> {
  const answers: Asked[] = [];
  for (const q of questions) {
    const answer = await ask(decisions, q.policy, q.context);
    if (!answer.ok) return answer;
    answers.push(answer.value);
  }
  return { ok: true, value: answers };
}
