// Payments in MongoDB: one document per payment with its outbox; iupd, notice number and purpose
// key unique; a receipt applied by one version-checked write, so duplicate notifications from
// pagoPA find the payment paid and change nothing.
import type { Collection, Document } from 'mongodb';
import type { Payment } from '../../application/payments/payment.js';
import type { PaymentRepository } from '../../application/payments/payment-repository.js';
import { paymentWrites } from '../../application/payments/payment-transitions.js';
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

  private readonly writes = paymentWrites(
    (id, change) => updateVersioned<Payment>(this.collection, this.locks, id, change),
    (iupd) => this.findByIupd(iupd),
  );
  readonly markPaid = this.writes.markPaid;
  readonly markApplied = this.writes.markApplied;
  readonly markPositionPublished = this.writes.markPositionPublished;

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
