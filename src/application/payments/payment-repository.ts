import type { OutboxStore } from '../ports/mail.js';
import type { Payment, PaymentReceipt } from './payment.js';

export type MarkPaidResult =
  | { outcome: 'paid'; payment: Payment }
  | { outcome: 'duplicate'; payment: Payment }
  | { outcome: 'conflict'; payment: Payment }
  | { outcome: 'not-found' };

/** Payments, one document each; natural keys (iupd, notice number, purpose key) are unique. */
export interface PaymentRepository extends OutboxStore {
  /** Inserts; when a payment with the same purpose key exists, returns that one instead. */
  createOrGet(payment: Payment): Promise<{ created: boolean; payment: Payment }>;
  get(id: string): Promise<Payment | null>;
  findByIupd(iupd: string): Promise<Payment | null>;
  findByNoticeNumber(noticeNumber: string): Promise<Payment | null>;
  findByPurposeKey(purposeKey: string): Promise<Payment | null>;
  /**
   * One atomic single-document update: open → paid with the receipt. The same receipt again is a
   * `duplicate`; a different receipt for a paid payment is a `conflict` (never overwritten).
   */
  markPaid(iupd: string, receipt: PaymentReceipt): Promise<MarkPaidResult>;
  markApplied(id: string, at: Date): Promise<void>;
  /** Clears the pending GPD position once GPD holds it (positionPublished). */
  markPositionPublished(id: string): Promise<void>;
  /** Open payments whose GPD position is still to create, oldest first. */
  findPendingPositions(limit: number): Promise<Payment[]>;
}
