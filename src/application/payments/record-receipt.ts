// The pagoPA receipt notification [§4]: idempotent. The first notice marks the payment paid in one
// atomic update; duplicates change nothing; the procedure's handler runs until it has applied.
import type { Clock } from '../ports/clock.js';
import type { PaymentReceipt } from './payment.js';
import type { PaymentPaidHandlers } from './payment-handlers.js';
import type { PaymentRepository } from './payment-repository.js';

export interface ReceiptNotification {
  /** Either identifies the payment. */
  iupd?: string;
  noticeNumber?: string;
  receipt: PaymentReceipt;
}

export type RecordReceiptResult =
  | { ok: true; value: { paymentId: string; duplicate: boolean } }
  | {
      ok: false;
      error:
        | { code: 'UNKNOWN_PAYMENT' }
        | { code: 'AMOUNT_MISMATCH'; expectedCents: number }
        | { code: 'RECEIPT_CONFLICT' };
    };

export class RecordReceipt {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly handlers: PaymentPaidHandlers,
    private readonly clock: Clock,
  ) {}

  async execute(notification: ReceiptNotification): Promise<RecordReceiptResult> {
    const found = notification.iupd
      ? await this.payments.findByIupd(notification.iupd)
      : notification.noticeNumber
        ? await this.payments.findByNoticeNumber(notification.noticeNumber)
        : null;
    if (!found) return { ok: false, error: { code: 'UNKNOWN_PAYMENT' } };
    if (notification.receipt.amountCents !== found.amountCents)
      return { ok: false, error: { code: 'AMOUNT_MISMATCH', expectedCents: found.amountCents } };
    const marked = await this.payments.markPaid(found.iupd, notification.receipt);
    if (marked.outcome === 'not-found') return { ok: false, error: { code: 'UNKNOWN_PAYMENT' } };
    if (marked.outcome === 'conflict') return { ok: false, error: { code: 'RECEIPT_CONFLICT' } };
    const payment = marked.payment;
    if (payment.appliedAt === null) {
      await this.handlers[payment.purpose.kind]?.onPaid(payment);
      await this.payments.markApplied(payment.id, this.clock.now());
    }
    return { ok: true, value: { paymentId: payment.id, duplicate: marked.outcome === 'duplicate' } };
  }
}
