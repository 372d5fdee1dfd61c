// [P-TIMELINE] Once both payment and recognition are complete, cns.timeline gives the dates:
// production within 2 working days, delivery on the 8th to 10th, counted from the later of the two.

import { err, ok } from '../../domain/types.js';
import type { CnsApplication, Timeline } from './application.js';
import { moveTo } from './change-application.js';
import type { CnsError, Result } from './errors.js';
import { applicationContext } from './facts.js';
import { ask } from './policies.js';
import type { CnsPorts } from './ports/cns-ports.js';

const dateOrNull = (v: unknown) => (typeof v === 'string' ? v : null);

export async function decideTimeline(
  deps: Pick<CnsPorts, 'decisions'>,
  recognitionDate: string,
  paymentDate: string,
  app?: CnsApplication,
): Promise<Result<Timeline, CnsError>> {
  const context = app ? applicationContext(app) : {};
  const answer = await ask(deps.decisions, 'cns.timeline', { ...context, recognitionDate, paymentDate });
  if (!answer.ok) return answer;
  const { outputs, violations, decisionId } = answer.value;
  const latest = recognitionDate > paymentDate ? recognitionDate : paymentDate;
  return ok({
    clockStart: dateOrNull(outputs.clockStart) ?? latest,
    productionStartBy: dateOrNull(outputs.productionStartBy),
    deliveryFrom: dateOrNull(outputs.deliveryFrom),
    deliveryTo: dateOrNull(outputs.deliveryTo),
    decisionId,
    problems: violations.map((v) => v.code),
  });
}

/**
 * When payment and recognition are both complete and the application is still `paid` or
 * `registered`, it becomes `recognized` with its timeline; otherwise it is returned as it is.
 */
export async function completeIfReady(
  deps: Pick<CnsPorts, 'decisions'>,
  app: CnsApplication,
  at: Date,
): Promise<Result<CnsApplication, CnsError>> {
  if (!app.receipt || !app.recognition || (app.status !== 'paid' && app.status !== 'registered'))
    return ok(app);
  const timeline = await decideTimeline(deps, app.recognition.date, app.receipt.paymentDate, app);
  if (!timeline.ok) return err(timeline.error);
  return ok({ ...moveTo(app, 'recognized', at), timeline: timeline.value });
}

/** What is still missing before the clock starts. */
export function waitingFor(app: CnsApplication): Array<'payment' | 'recognition'> {
  return [...(app.receipt ? [] : ['payment' as const]), ...(app.recognition ? [] : ['recognition' as const])];
}
