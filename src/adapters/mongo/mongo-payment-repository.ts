// Payments in MongoDB: one document per payment with its outbox; iupd, notice number and purpose
// key unique; a receipt applied by one version-checked write, so duplicate notifications from
// pagoPA find the payment paid and change nothing.
import type { Collection, Document } from 'mongodb';
import { type Payment, type PaymentReceipt, positionPublished } from '../../application/payments/payment.js';
import type { MarkPaidResult, PaymentRepository } from '../../application/payments/payment-repository.js';
import { applied, paid } from '../aggregates/payment-transitions.js';
import { fromDocument, type IndexSpec, isDuplicateKey, toDocument } from './mongo-documents.js';
import { MongoOutboxStore } from './mongo-outbox-store.js';
import { updateVersioned } from './versioned-update.js';

const COLLECTION = 'payments';

export const PAYMENT_INDEXES: IndexSpec[] = [
  { collection: COLLECTION, keys: { iupd: 1 }, name: 'iupd', unique: true },
  { collection: COLLECTION, keys: { noticeNumber: 1 }, name: 'noticeNumber', unique: true },
  { collection: COLLECTION, keys: { purposeKey: 1 }, name: 'purposeKey', unique: true },
  { collection: COLLECTION, keys: { 'outbox.sentAt': 1 }, name: 'pendingMail' },
  { collection: COLLECTION, keys: { pendingPosition: 1 }, name: 'pendingPosition' },
];

export class MongoPaymentRepository extends MongoOutboxStore implements PaymentRepository {
  constructor(db: { collection(name: string): Collection<Document> }) {
    super('payments', db, COLLECTION);
  }

  async createOrGet(payment: Payment): Promise<{ created: boolean; payment: Payment }> {
    try {
      await this.collection.insertOne(toDocument(payment));
      return { created: true, payment: structuredClone(payment) };
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = await this.findByPurposeKey(payment.purposeKey);
      if (!existing) throw e;
      return { created: false, payment: existing };
    }
  }

  async get(id: string) {
    return this.one({ _id: id });
  }
  async findByIupd(iupd: string) {
    return this.one({ iupd });
  }
  async findByNoticeNumber(noticeNumber: string) {
    return this.one({ noticeNumber });
  }
  async findByPurposeKey(purposeKey: string) {
    return this.one({ purposeKey });
  }

  async markPaid(iupd: string, receipt: PaymentReceipt): Promise<MarkPaidResult> {
    const found = await this.findByIupd(iupd);
    if (!found) return { outcome: 'not-found' };
    let outcome: MarkPaidResult['outcome'] = 'paid';
    const result = await updateVersioned<Payment>(this.collection, this.locks, found.id, (p) => {
      const t = paid(p, receipt);
      outcome = t.outcome;
      return t.next;
    });
    const payment = result?.after ?? result?.before;
    if (!payment) return { outcome: 'not-found' };
    return { outcome, payment } as MarkPaidResult;
  }

  async markApplied(id: string, at: Date): Promise<void> {
    await updateVersioned<Payment>(this.collection, this.locks, id, (p) => applied(p, at));
  }

  async markPositionPublished(id: string): Promise<void> {
    await updateVersioned<Payment>(this.collection, this.locks, id, positionPublished);
  }

  async findPendingPositions(limit: number): Promise<Payment[]> {
    const docs = await this.collection
      .find({ pendingPosition: { $ne: null }, status: 'open' })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => fromDocument<Payment>(d) as Payment);
  }

  private async one(filter: Document): Promise<Payment | null> {
    return fromDocument<Payment>(await this.collection.findOne(filter));
  }
}
