// Payment [P-PAYMENT-READY]: every requirement is checked before a pagoPA position is opened —
// jurisdiction and delivery asked again (data may have been corrected), then cns.payment-readiness
// reports all that is unmet at once. The cost items come from the dated fee parameters.
import { addDays, romeDateOf } from '../../domain/dates.js';
import { err, ok } from '../../domain/types.js';
import type { Payment } from '../payments/payment.js';
import { type CnsApplication, headingOf } from './application.js';
import { changeApplication } from './change-application.js';
import { type Result, stateConflict } from './errors.js';
import { applicationContext } from './facts.js';
import { creditorInForce, feesInForce } from './parameters.js';
import { ask, askAll, denialOf } from './policies.js';
import type { CnsPorts } from './ports/cns-ports.js';

export class OpenCnsPayment {
  constructor(private readonly deps: CnsPorts) {}

  async execute(applicationId: string): Promise<Result<{ application: CnsApplication; payment: Payment }>> {
    const app = await this.deps.applications.get(applicationId);
    if (!app) return err({ code: 'UNKNOWN_APPLICATION', applicationId });
    if (app.receipt || app.status !== 'registered')
      return err(stateConflict(app.status, 'Only a registered, unpaid application can be paid.'));
    const ready = await this.checkReadiness(app);
    if (!ready.ok) return ready;

    const today = romeDateOf(this.deps.clock.now());
    const fees = feesInForce(this.deps.registry, today, app.delivery.mode);
    if (!fees.ok) return fees;
    const creditor = creditorInForce(this.deps.registry, today);
    if (!creditor.ok) return creditor;
    const heading = headingOf(app);
    const payerIsCompany = /^\d{11}$/.test(heading.fiscalCode ?? '');
    const payment = await this.deps.openPayment.execute({
      purpose: { kind: 'cns-issuance', applicationId },
      items: fees.value.items.map((i) => ({ description: i.description, amountCents: i.amountCents })),
      dueDate: addDays(today, fees.value.dueDays),
      description: `Rilascio CNS ${app.applicant.fiscalCode} - ${creditor.value.name}`,
      payer: {
        fiscalCode: heading.fiscalCode ?? app.applicant.fiscalCode,
        name: heading.name,
        email: app.contact.email,
        type: payerIsCompany ? 'G' : 'F',
      },
      creditor: creditor.value,
    });
    const saved = await changeApplication(this.deps, applicationId, async (current) => {
      if (current.payment?.paymentId === payment.id) return { ok: true, next: null };
      const next: CnsApplication = {
        ...current,
        payment: {
          paymentId: payment.id,
          noticeNumber: payment.noticeNumber,
          iupd: payment.iupd,
          amountCents: payment.amountCents,
          items: payment.items,
          shippingCents: fees.value.items
            .filter((i) => i.deliveryModes?.includes('shipping'))
            .reduce((sum, i) => sum + i.amountCents, 0),
          dueDate: payment.dueDate,
          openedAt: payment.createdAt,
        },
      };
      return { ok: true, next };
    });
    return saved.ok ? ok({ application: saved.value, payment }) : saved;
  }

  private async checkReadiness(app: CnsApplication): Promise<Result<true>> {
    const context = applicationContext(app);
    const screened = await askAll(this.deps.decisions, [
      { policy: 'cns.jurisdiction', context },
      { policy: 'cns.delivery', context },
    ]);
    if (!screened.ok) return screened;
    const [jurisdiction, delivery] = screened.value;
    const readiness = await ask(this.deps.decisions, 'cns.payment-readiness', {
      ...context,
      jurisdictionOk: jurisdiction?.outcome === 'allow',
      deliveryOk: delivery?.outcome === 'allow',
    });
    if (!readiness.ok) return readiness;
    // The readiness refusal first, then the reasons behind a jurisdiction or delivery failure.
    const denials = [readiness.value, ...screened.value].flatMap((d) => denialOf(d) ?? []);
    if (denials.length === 0) return ok(true);
    const chamber = jurisdiction?.outputs.competentChamber;
    return err({
      code: 'POLICIES_DENIED',
      denials,
      ...(jurisdiction?.outcome === 'deny'
        ? { competentChamber: typeof chamber === 'string' ? chamber : null }
        : {}),
    });
  }
}
