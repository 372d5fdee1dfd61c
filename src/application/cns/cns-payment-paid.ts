// The pagoPA receipt of a CNS payment [§4][P-RECEIPT-HEADING]: one optimistic update freezes the
// receipt heading, records each cost item and the PSP's commission (no VAT, no invoice), moves the
// application on and queues the receipt and video-link e-mails. Idempotent: a second call, even a
// concurrent one, finds the receipt already there and changes nothing.
import { romeDateOf } from '../../domain/dates.js';
import type { Payment } from '../payments/payment.js';
import type { PaymentPaidHandler } from '../payments/payment-handlers.js';
import { type CnsApplication, type CnsReceipt, headingOf } from './application.js';
import { changeApplication, type MailDraft, moveTo } from './change-application.js';
import { receiptMail, recognizedMail, videoLinkMail } from './mails.js';
import { ask } from './policies.js';
import type { CnsPorts } from './ports/cns-ports.js';
import { completeIfReady } from './timeline.js';

export class CnsPaymentPaid implements PaymentPaidHandler {
  constructor(private readonly deps: CnsPorts) {}

  async onPaid(payment: Payment): Promise<void> {
    if (payment.purpose.kind !== 'cns-issuance' || !payment.receipt) return;
    const paid = payment.receipt;
    // cns.receipt-heading on a paid application: the heading is now frozen; VAT and invoice as outputs.
    const heading = await ask(this.deps.decisions, 'cns.receipt-heading', { paid: true });
    if (!heading.ok) throw new Error(`cns.receipt-heading could not be evaluated: ${heading.error.code}`);
    const now = this.deps.clock.now();
    const result = await changeApplication(this.deps, payment.purpose.applicationId, async (current) => {
      if (current.receipt) return { ok: true, next: null };
      const receipt: CnsReceipt = {
        heading: headingOf(current),
        items: payment.items,
        pspName: paid.pspName,
        pspCommissionCents: paid.pspCommissionCents,
        totalCents: payment.amountCents + paid.pspCommissionCents,
        receiptId: paid.receiptId,
        paidAt: paid.paidAt,
        paymentDate: romeDateOf(new Date(paid.paidAt)),
        vatApplicable: heading.value.outputs.vatApplicable === true,
        invoiceIssued: heading.value.outputs.invoiceIssued === true,
      };
      const paidApp: CnsApplication = {
        ...(current.status === 'registered' ? moveTo(current, 'paid', now) : current),
        receipt,
      };
      const next = await completeIfReady(this.deps, paidApp, now);
      if (!next.ok) return next;
      const mail: MailDraft[] = [receiptMail(next.value, receipt)];
      // Recognition by CNS may have come first: then the clock starts now, and there is no video call.
      if (next.value.status === 'recognized') mail.push(recognizedMail(next.value));
      else {
        const video = videoLinkMail(next.value);
        if (video) mail.push(video);
      }
      return { ok: true, next: next.value, mail };
    });
    if (!result.ok) throw new Error(`CNS payment ${payment.id} could not be applied: ${result.error.code}`);
  }
}
