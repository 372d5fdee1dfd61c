// [P-JURISDICTION] and [P-DELIVERY] asked together, so an applicant hears every reason at once,
// with the Chamber to turn to.

import { err, ok } from '../../domain/types.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { CnsApplication } from './application.js';
import type { CnsError, Result } from './errors.js';
import { applicationContext } from './facts.js';
import { askAll, denialOf } from './policies.js';

type Screened = Pick<CnsApplication, 'applicantType' | 'company' | 'applicant' | 'delivery'>;

export async function screenApplication(
  decisions: DecisionService,
  draft: Screened,
): Promise<Result<{ competentChamber: string }, CnsError>> {
  const context = applicationContext(draft);
  const answers = await askAll(decisions, [
    { policy: 'cns.jurisdiction', context },
    { policy: 'cns.delivery', context },
  ]);
  if (!answers.ok) return answers;
  const chamber = answers.value[0]?.outputs.competentChamber;
  const competentChamber = typeof chamber === 'string' ? chamber : null;
  const denials = answers.value.flatMap((a) => denialOf(a) ?? []);
  if (denials.length > 0 || competentChamber === null)
    return err({ code: 'POLICIES_DENIED', denials, competentChamber });
  return ok({ competentChamber });
}
