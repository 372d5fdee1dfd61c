// The pagoPA receipt notification [§4]: idempotent. A receipt is accepted only when it matches the
// open position (the creditor, the amount, paid by the due date) and GPD's own record shows the
// position paid (by this receipt, when GPD names it); the HTTP route lets only the payment
// provider's credential in. The first notice marks the payment paid in one atomic update;
// duplicates change nothing; the procedure's handler runs until it has applied.
import { romeDateOf } from '../../domain/dates.js';
import type { Clock } from '../ports/clock.js';
import { PAID_STATUSES, type PaymentGateway } from '../ports/payment-gateway.js';
import { creditorOf, type Payment, type PaymentReceipt } from './payment.js';
import type { PaymentPaidHandlers } from './payment-handlers.js';
import type { PaymentRepository } from './payment-repository.js';

export interface ReceiptNotification {
  /** Either identifies the payment; when both are given they must name the same one. */
  iupd?: string;
  noticeNumber?: string;
  /** The creditor the payment went to (GPD's organization fiscal code). */
  organizationFiscalCode: string;
  receipt: PaymentReceipt;
}

export type ReceiptRefusal =
  | { code: 'UNKNOWN_PAYMENT' }
  | { code: 'CREDITOR_MISMATCH'; paymentId: string }
  | { code: 'AMOUNT_MISMATCH'; paymentId: string; expectedCents: number }
  | { code: 'PAYMENT_EXPIRED'; paymentId: string; dueDate: string }
  | { code: 'RECEIPT_NOT_CONFIRMED'; paymentId: string; gpdStatus: string | null }
  | { code: 'RECEIPT_CONFLICT'; paymentId: string }
  | { code: 'PAYMENT_GATEWAY_UNAVAILABLE'; paymentId: string };

export type RecordReceiptResult =
  | { ok: true; value: { paymentId: string; duplicate: boolean } }
  | { ok: false; error: ReceiptRefusal };

export class RecordReceipt {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly handlers: PaymentPaidHandlers,
    private readonly clock: Clock,
    private readonly gateway: PaymentGateway,
  ) {}

  async execute(notification: ReceiptNotification): Promise<RecordReceiptResult> {
    const found = await this.find(notification);
    if (!found) return refuse({ code: 'UNKNOWN_PAYMENT' });
    const paymentId = found.id;
    const { receipt } = notification;
    if (notification.organizationFiscalCode !== creditorOf(found))
      return refuse({ code: 'CREDITOR_MISMATCH', paymentId });
    if (receipt.amountCents !== found.amountCents)
      return refuse({ code: 'AMOUNT_MISMATCH', paymentId, expectedCents: found.amountCents });
    // A duplicate of the receipt already recorded needs no second look at GPD.
    if (found.receipt?.receiptId !== receipt.receiptId) {
      if (romeDateOf(new Date(receipt.paidAt)) > found.dueDate)
        return refuse({ code: 'PAYMENT_EXPIRED', paymentId, dueDate: found.dueDate });
      const confirmed = await this.confirmedByGpd(found, receipt);
      if (confirmed !== true) return refuse(confirmed);
    }
    const marked = await this.payments.markPaid(found.iupd, receipt);
    if (marked.outcome === 'not-found') return refuse({ code: 'UNKNOWN_PAYMENT' });
    if (marked.outcome === 'conflict') return refuse({ code: 'RECEIPT_CONFLICT', paymentId });
    const payment = marked.payment;
    if (payment.appliedAt === null) {
      await this.handlers[payment.purpose.kind]?.onPaid(payment);
      await this.payments.markApplied(payment.id, this.clock.now());
    }
    return { ok: true, value: { paymentId: payment.id, duplicate: marked.outcome === 'duplicate' } };
  }

  private async find(notification: ReceiptNotification): Promise<Payment | null> {
    const byIupd = notification.iupd ? await this.payments.findByIupd(notification.iupd) : null;
    if (notification.iupd && !byIupd) return null;
    if (!notification.noticeNumber) return byIupd;
    const byNotice = await this.payments.findByNoticeNumber(notification.noticeNumber);
    return byIupd && byNotice?.id !== byIupd.id ? null : byNotice;
  }

  /** GPD must show the position paid, to this creditor, for this amount (and receipt, if it says). */
  private async confirmedByGpd(payment: Payment, receipt: PaymentReceipt): Promise<true | ReceiptRefusal> {
    const paymentId = payment.id;
    let record: Awaited<ReturnType<PaymentGateway['position']>>;
    try {
      record = await this.gateway.position(payment.iupd);
    } catch {
      return { code: 'PAYMENT_GATEWAY_UNAVAILABLE', paymentId };
    }
    const option = record?.paymentOption.find((o) => o.iuv === payment.iuv);
    const paid =
      record !== null &&
      PAID_STATUSES.includes(record.status) &&
      record.organizationFiscalCode === creditorOf(payment) &&
      option !== undefined &&
      option.status !== 'PO_UNPAID' &&
      option.amount === receipt.amountCents &&
      (option.idReceipt === undefined || option.idReceipt === receipt.receiptId);
    return paid ? true : { code: 'RECEIPT_NOT_CONFIRMED', paymentId, gpdStatus: record?.status ?? null };
  }
}

const refuse = (error: ReceiptRefusal): RecordReceiptResult => ({ ok: false, error });
