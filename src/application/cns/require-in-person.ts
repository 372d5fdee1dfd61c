// Counter fallback (seed 002): when online recognition proves impossible the applicant must come
// to the counter in person; the booked slot is given back, and shipping already paid is not refunded.
import type { CnsApplication } from './application.js';
import { changeApplication } from './change-application.js';
import { type Result, stateConflict } from './errors.js';
import { inPersonMail } from './mails.js';
import type { CnsPorts } from './ports/cns-ports.js';

export class RequireInPersonRecognition {
  constructor(private readonly deps: CnsPorts) {}

  async execute(applicationId: string, reason: string): Promise<Result<CnsApplication>> {
    const now = this.deps.clock.now();
    let releasedSlot: string | null = null;
    const saved = await changeApplication(this.deps, applicationId, async (current) => {
      if (current.inPersonRecognition) return { ok: true, next: null };
      // After payment only: the seed's fallback is for a paid applicant whose online recognition failed.
      if (current.recognition || current.status !== 'paid')
        return {
          ok: false,
          error: stateConflict(
            current.status,
            'Only a paid applicant not yet recognised goes to the counter.',
          ),
        };
      releasedSlot = current.appointment?.slotId ?? null;
      const next: CnsApplication = {
        ...current,
        appointment: null,
        inPersonRecognition: {
          requiredAt: now.toISOString(),
          reason,
          shippingRefunded: false,
          shippingPaidCents: current.payment?.shippingCents ?? 0,
        },
      };
      return { ok: true, next, mail: [inPersonMail(next)] };
    });
    if (saved.ok && releasedSlot) await this.deps.agenda.release(releasedSlot, applicationId);
    return saved;
  }
}
