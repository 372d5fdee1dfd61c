// A pagoPA payment the administration expects: one debt position, one notice, one receipt.
import type { OutboxMessage } from '../ports/mail.js';
import type { GpdDebtPosition } from '../ports/payment-gateway.js';

/** What the payment is for; each procedure registers a handler for its own kind. */
export type PaymentPurpose =
  /** `balance`: the n-th position for the difference after the fleet was corrected upwards. */
  | { kind: 'albo-fee'; companyId: string; year: number; balance?: number }
  | { kind: 'cns-issuance'; applicationId: string };

export interface CostItem {
  description: string;
  amountCents: number;
}

export interface PaymentReceipt {
  /** The PSP's receipt id: the idempotency key of the notification. */
  receiptId: string;
  paidAt: string;
  amountCents: number;
  pspName: string;
  pspCommissionCents: number;
}

export interface Payment {
  id: string;
  /** Unique key of the open payment for a purpose (e.g. albo-fee:<company>:<year>). */
  purposeKey: string;
  purpose: PaymentPurpose;
  iupd: string;
  iuv: string;
  noticeNumber: string;
  amountCents: number;
  items: CostItem[];
  dueDate: string;
  payer: { fiscalCode: string; name: string; email: string };
  status: 'open' | 'paid';
  receipt: PaymentReceipt | null;
  /** When the purpose's procedure took the payment into account (null: still to do). */
  appliedAt: string | null;
  createdAt: string;
  version: number;
  outbox: OutboxMessage[];
  /**
   * The GPD position still to create, kept with the payment until GPD confirms it (an outbox of
   * one message): a payment stored while GPD was down, or by a process that died before the call,
   * is published later by the caller's retry or by the background retry. Absent or null: created.
   */
  pendingPosition?: GpdDebtPosition | null;
}

export const purposeKeyOf = (purpose: PaymentPurpose): string =>
  purpose.kind === 'albo-fee'
    ? `albo-fee:${purpose.companyId}:${purpose.year}${purpose.balance ? `:balance-${purpose.balance}` : ''}`
    : `cns-issuance:${purpose.applicationId}`;

/** The creditor's fiscal code: OpenPayment writes iupd as `<organization fiscal code>-<iuv>`. */
export const creditorOf = (payment: Pick<Payment, 'iupd'>): string => payment.iupd.split('-', 1)[0] ?? '';
