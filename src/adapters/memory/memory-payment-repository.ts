import type { Payment } from '../../application/payments/payment.js';
import type { PaymentRepository } from '../../application/payments/payment-repository.js';
import { paymentWrites } from '../../application/payments/payment-transitions.js';
import { DuplicateKeyError, MemoryCollection } from './memory-collection.js';
import { MemoryOutboxStore } from './memory-outbox-store.js';

export class MemoryPaymentRepository extends MemoryOutboxStore<Payment> implements PaymentRepository {
  private readonly payments: MemoryCollection<Payment>;

  constructor() {
    const payments = new MemoryCollection<Payment>({
      iupd: (p) => p.iupd,
      noticeNumber: (p) => p.noticeNumber,
      purposeKey: (p) => p.purposeKey,
    });
    super('payments', payments);
    this.payments = payments;
  }

  async createOrGet(payment: Payment): Promise<{ created: boolean; payment: Payment }> {
    try {
      return { created: true, payment: this.payments.insert(payment) };
    } catch (e) {
      if (!(e instanceof DuplicateKeyError) || e.index !== 'purposeKey') throw e;
      const existing = this.payments.findOne((p) => p.purposeKey === payment.purposeKey);
      if (!existing) throw e;
      return { created: false, payment: existing };
    }
  }

  async get(id: string) {
    return this.payments.get(id);
  }
  async findByIupd(iupd: string) {
    return this.payments.findOne((p) => p.iupd === iupd);
  }
  async findByNoticeNumber(noticeNumber: string) {
    return this.payments.findOne((p) => p.noticeNumber === noticeNumber);
  }
  async findByPurposeKey(purposeKey: string) {
    return this.payments.findOne((p) => p.purposeKey === purposeKey);
  }

  private readonly writes = paymentWrites(
    async (id, change) => this.payments.update(id, change),
    (iupd) => this.findByIupd(iupd),
  );
  readonly markPaid = this.writes.markPaid;
  readonly markApplied = this.writes.markApplied;
  readonly markPositionPublished = this.writes.markPositionPublished;

  async findPendingPositions(limit: number): Promise<Payment[]> {
    return this.payments
      .find((p) => p.status === 'open' && !!p.pendingPosition)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit);
  }
}
