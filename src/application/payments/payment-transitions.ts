// A payment's behaviour as pure transitions, applied by every repository adapter in its own
// single-document atomic write.
import { type AtomicUpdate, applyTransition, type Transition } from '../ports/atomic-update.js';
import type { Payment, PaymentReceipt } from './payment.js';
import type { MarkPaidResult, PaymentRepository } from './payment-repository.js';

/** open → paid with the receipt; the same receipt again is a duplicate, another one a conflict. */
export function paid(p: Payment, receipt: PaymentReceipt): Transition<Payment, MarkPaidResult> {
  if (p.status === 'paid') {
    const outcome = p.receipt?.receiptId === receipt.receiptId ? 'duplicate' : 'conflict';
    return { next: null, result: { outcome, payment: p } };
  }
  const next: Payment = { ...p, status: 'paid', receipt, version: p.version + 1 };
  return { next, result: { outcome: 'paid', payment: next } };
}

/** The purpose's procedure took it into account; the first time stays. */
export const applied = (p: Payment, at: Date): Payment | null =>
  p.appliedAt ? null : { ...p, appliedAt: at.toISOString(), version: p.version + 1 };

/** GPD confirmed the position: nothing is left to send; the first confirmation stays. */
export const positionPublished = (p: Payment): Payment | null =>
  p.pendingPosition ? { ...p, pendingPosition: null, version: p.version + 1 } : null;

/** The port's write operations, given how an adapter finds a payment and updates one atomically. */
export function paymentWrites(
  update: AtomicUpdate<Payment>,
  findByIupd: (iupd: string) => Promise<Payment | null>,
): Pick<PaymentRepository, 'markPaid' | 'markApplied' | 'markPositionPublished'> {
  return {
    markPaid: async (iupd, receipt) => {
      const found = await findByIupd(iupd);
      const result = found && (await applyTransition(update, found.id, (p) => paid(p, receipt)));
      return result ?? { outcome: 'not-found' };
    },
    markApplied: async (id, at) => {
      await update(id, (p) => applied(p, at));
    },
    markPositionPublished: async (id) => {
      await update(id, positionPublished);
    },
  };
}
