// Production and delivery [P-TIMELINE][P-PASSPHRASE]: operators move a recognised application to
// in-production (the PIN, PUK and emergency code are made, sealed to the applicant's key and
// e-mailed in the same update; they are kept nowhere), then shipped, then delivered. A card the
// applicant was recognised for at the counter is handed over there: in-production → delivered.
// The card travels as an insured parcel with return receipt [P-DELIVERY], which always has a tracking
// number: `shipped` needs it, and a number typed wrong can be corrected while the card travels.
import { err } from '../../domain/types.js';
import type { CnsApplication, CnsStatus } from './application.js';
import { changeApplication, moveTo } from './change-application.js';
import { type CnsError, type Result, stateConflict } from './errors.js';
import { codesMail, deliveredMail, shippedMail } from './mails.js';
import type { CnsPorts } from './ports/cns-ports.js';

const TRACKING_NUMBER_REQUIRED: CnsError = {
  code: 'INVALID_INPUT',
  violations: [
    {
      field: '/trackingNumber',
      reason: 'is required: the card travels as an insured parcel with return receipt',
    },
  ],
};

export type ProductionStep = 'in-production' | 'shipped' | 'delivered';

/** Lengths of the codes (assumed; the seed names the codes, not their length). */
const CODE_DIGITS = { pin: 8, puk: 8, emergencyCode: 8 } as const;

function allowedFrom(app: CnsApplication, step: ProductionStep): CnsStatus[] {
  if (step === 'in-production') return ['recognized'];
  if (step === 'shipped') return app.inPersonRecognition ? [] : ['in-production'];
  return app.inPersonRecognition ? ['in-production'] : ['shipped'];
}

export class AdvanceProduction {
  constructor(private readonly deps: CnsPorts) {}

  async execute(
    applicationId: string,
    step: ProductionStep,
    details: { trackingNumber?: string } = {},
  ): Promise<Result<CnsApplication>> {
    const trackingNumber = details.trackingNumber?.trim();
    const now = this.deps.clock.now();
    return changeApplication(this.deps, applicationId, async (current) => {
      const from = allowedFrom(current, step);
      if (!from.includes(current.status))
        return {
          ok: false,
          error: stateConflict(
            current.status,
            from.length > 0
              ? `${step} follows ${from.join(' or ')}; the application is ${current.status}.`
              : `${step} does not apply to a card handed over at the counter.`,
          ),
        };
      if (step === 'shipped' && !trackingNumber) return { ok: false, error: TRACKING_NUMBER_REQUIRED };
      const moved = moveTo(current, step, now);
      if (step === 'in-production')
        return { ok: true, next: moved, mail: [codesMail(moved, await this.sealedCodes(moved))] };
      if (step === 'delivered') return { ok: true, next: moved, mail: [deliveredMail(moved)] };
      const shipped = { ...moved, trackingNumber: trackingNumber ?? null };
      return { ok: true, next: shipped, mail: [shippedMail(shipped)] };
    });
  }

  /** Sets the parcel's tracking number of a card on its way; the applicant is told the new one. */
  async setTrackingNumber(applicationId: string, trackingNumber: string): Promise<Result<CnsApplication>> {
    const number = trackingNumber.trim();
    if (!number) return err(TRACKING_NUMBER_REQUIRED);
    return changeApplication(this.deps, applicationId, async (current) => {
      if (current.status !== 'shipped')
        return {
          ok: false,
          error: stateConflict(
            current.status,
            `Only a shipped card has a parcel; the application is ${current.status}.`,
          ),
        };
      if (current.trackingNumber === number) return { ok: true, next: null };
      const next = { ...current, trackingNumber: number };
      return { ok: true, next, mail: [shippedMail(next)] };
    });
  }

  private sealedCodes(app: CnsApplication): Promise<string> {
    const { secrets } = this.deps;
    return this.deps.sealer.seal(app.sealing.publicKey, {
      pin: secrets.digits(CODE_DIGITS.pin),
      puk: secrets.digits(CODE_DIGITS.puk),
      emergencyCode: secrets.digits(CODE_DIGITS.emergencyCode),
    });
  }
}
