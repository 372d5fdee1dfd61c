// The payment repository's writes as pure transitions, shared by the in-memory and MongoDB
// adapters (each applies them in one single-document atomic write).
import type { Payment, PaymentReceipt } from '../../application/payments/payment.js';

/** open → paid with the receipt; the same receipt again is a duplicate, another one a conflict. */
export function paid(
  p: Payment,
  receipt: PaymentReceipt,
): { next: Payment | null; outcome: 'paid' | 'duplicate' | 'conflict' } {
  if (p.status === 'paid')
    return { next: null, outcome: p.receipt?.receiptId === receipt.receiptId ? 'duplicate' : 'conflict' };
  return { next: { ...p, status: 'paid', receipt, version: p.version + 1 }, outcome: 'paid' };
}

/** The purpose's procedure took it into account; the first time stays. */
export const applied = (p: Payment, at: Date): Payment | null =>
  p.appliedAt ? null : { ...p, appliedAt: at.toISOString(), version: p.version + 1 };
