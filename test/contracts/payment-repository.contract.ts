// The contract every PaymentRepository keeps (in memory today, MongoDB later): one payment per
// purpose key, lookups by each natural key, and receipts recorded by one atomic conditional update,
// so a duplicate notification (even concurrent) pays once and a different receipt never overwrites.
import { describe, expect, it } from 'vitest';
import { type Payment, type PaymentReceipt, purposeKeyOf } from '../../src/application/payments/payment.js';
import type { PaymentRepository } from '../../src/application/payments/payment-repository.js';
import { noticeNumberFor } from '../../src/domain/pagopa/notice-number.js';

const CREATED_AT = '2017-01-10T10:00:00.000Z';
const PAID_AT = '2017-01-12T15:30:00.000Z';
let sequence = 0;

/** A valid open payment, as OpenPayment stores it; every call gets its own natural keys. */
export function aPayment(overrides: Partial<Payment> = {}): Payment {
  const n = ++sequence;
  const { iuv, noticeNumber } = noticeNumberFor('47', String(n).padStart(13, '0'));
  const purpose = overrides.purpose ?? { kind: 'albo-fee' as const, companyId: `company-${n}`, year: 2017 };
  return {
    id: `payment-${n}`,
    purposeKey: purposeKeyOf(purpose),
    purpose,
    iupd: `97000000000-${iuv}`,
    iuv,
    noticeNumber,
    amountCents: 3516,
    items: [{ description: 'Quota 2017', amountCents: 3516 }],
    dueDate: '2017-02-28',
    payer: { fiscalCode: '01234567890', name: 'Trasporti Rossi srl', email: 'trasporti.rossi@pec.it' },
    status: 'open',
    receipt: null,
    appliedAt: null,
    createdAt: CREATED_AT,
    version: 1,
    outbox: [],
    ...overrides,
  };
}

/** A PSP receipt for the 35,16 € of aPayment(). */
export const aReceipt = (receiptId: string, changes: Partial<PaymentReceipt> = {}): PaymentReceipt => ({
  receiptId,
  paidAt: PAID_AT,
  amountCents: 3516,
  pspName: 'Banca di Prova S.p.A.',
  pspCommissionCents: 150,
  ...changes,
});

export function paymentRepositoryContract(
  adapter: string,
  make: () => PaymentRepository | Promise<PaymentRepository>,
): void {
  describe(`PaymentRepository contract: ${adapter}`, () => {
    it('stores a payment and finds it by id, IUPD, notice number and purpose key', async () => {
      const repo = await make();
      const payment = aPayment();
      expect(await repo.createOrGet(payment)).toEqual({ created: true, payment });
      expect(await repo.get(payment.id)).toEqual(payment);
      expect(await repo.findByIupd(payment.iupd)).toEqual(payment);
      expect(await repo.findByNoticeNumber(payment.noticeNumber)).toEqual(payment);
      expect(await repo.findByPurposeKey(payment.purposeKey)).toEqual(payment);
    });

    it('finds nothing for an unknown id, IUPD, notice number or purpose key', async () => {
      const repo = await make();
      await repo.createOrGet(aPayment());
      const unknown = aPayment();
      expect(await repo.get(unknown.id)).toBeNull();
      expect(await repo.findByIupd(unknown.iupd)).toBeNull();
      expect(await repo.findByNoticeNumber(unknown.noticeNumber)).toBeNull();
      expect(await repo.findByPurposeKey(unknown.purposeKey)).toBeNull();
    });

    it('returns the payment already stored for a purpose instead of inserting a second one', async () => {
      const repo = await make();
      const first = aPayment();
      await repo.createOrGet(first);
      const second = aPayment({ purpose: first.purpose });
      expect(second.purposeKey).toBe(first.purposeKey);
      expect(await repo.createOrGet(second)).toEqual({ created: false, payment: first });
      expect(await repo.get(second.id)).toBeNull();
      expect(await repo.findByIupd(second.iupd)).toBeNull();
      expect(await repo.findByPurposeKey(first.purposeKey)).toEqual(first);
    });

    it('creates one payment for a purpose asked for ten times at once', async () => {
      const repo = await make();
      const purpose = { kind: 'cns-issuance' as const, applicationId: 'application-1' };
      const attempts = Array.from({ length: 10 }, () => aPayment({ purpose }));
      const results = await Promise.all(attempts.map((p) => repo.createOrGet(p)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
      expect(await repo.findByPurposeKey(purposeKeyOf(purpose))).toEqual(results[0]?.payment);
    });

    it('marks an open payment paid with its receipt, and the same receipt again is a duplicate', async () => {
      const repo = await make();
      const payment = aPayment();
      await repo.createOrGet(payment);
      const receipt = aReceipt('receipt-1');
      const paid = await repo.markPaid(payment.iupd, receipt);
      expect(paid).toMatchObject({
        outcome: 'paid',
        payment: { id: payment.id, status: 'paid', receipt },
      });
      const stored = await repo.get(payment.id);
      expect(stored).toMatchObject({ status: 'paid', receipt, appliedAt: null });
      expect(paid.outcome === 'paid' && paid.payment).toEqual(stored);

      const again = await repo.markPaid(payment.iupd, aReceipt('receipt-1'));
      expect(again).toMatchObject({
        outcome: 'duplicate',
        payment: { id: payment.id, status: 'paid', receipt },
      });
      expect(await repo.get(payment.id)).toEqual(stored);
    });

    it('refuses a different receipt for a paid payment and keeps the first one', async () => {
      const repo = await make();
      const payment = aPayment();
      await repo.createOrGet(payment);
      const first = aReceipt('receipt-1');
      await repo.markPaid(payment.iupd, first);
      const stored = await repo.get(payment.id);
      const other = aReceipt('receipt-2', { paidAt: '2017-01-13T08:00:00.000Z', pspName: 'Altra Banca' });
      const result = await repo.markPaid(payment.iupd, other);
      expect(result).toMatchObject({ outcome: 'conflict', payment: { id: payment.id, receipt: first } });
      expect(await repo.get(payment.id)).toEqual(stored);
    });

    it('reports a receipt for an unknown IUPD as not found', async () => {
      const repo = await make();
      await repo.createOrGet(aPayment());
      expect(await repo.markPaid(aPayment().iupd, aReceipt('receipt-1'))).toEqual({ outcome: 'not-found' });
    });

    it('pays once out of ten concurrent deliveries of the same receipt', async () => {
      const repo = await make();
      const payment = aPayment();
      await repo.createOrGet(payment);
      const receipt = aReceipt('receipt-1');
      const results = await Promise.all(
        Array.from({ length: 10 }, () => repo.markPaid(payment.iupd, receipt)),
      );
      expect(results.map((r) => r.outcome).sort()).toEqual([...Array(9).fill('duplicate'), 'paid']);
      expect(await repo.get(payment.id)).toMatchObject({ status: 'paid', receipt });
    });

    it('marks a payment applied once: a second call keeps the first time', async () => {
      const repo = await make();
      const payment = aPayment();
      await repo.createOrGet(payment);
      await repo.markPaid(payment.iupd, aReceipt('receipt-1'));
      await repo.markApplied(payment.id, new Date('2017-01-12T15:31:00.000Z'));
      expect((await repo.get(payment.id))?.appliedAt).toBe('2017-01-12T15:31:00.000Z');
      await repo.markApplied(payment.id, new Date('2017-01-12T16:00:00.000Z'));
      expect(await repo.get(payment.id)).toMatchObject({
        appliedAt: '2017-01-12T15:31:00.000Z',
        status: 'paid',
        receipt: aReceipt('receipt-1'),
      });
      await expect(repo.markApplied('no-such-payment', new Date(PAID_AT))).resolves.toBeUndefined();
    });

    it('keeps what it stored whatever a caller does to the objects it passed or got back', async () => {
      const repo = await make();
      const payment = aPayment();
      const stored = structuredClone(payment);
      const created = await repo.createOrGet(payment);
      payment.amountCents = 1;
      payment.items.push({ description: 'intruso', amountCents: 1 });
      created.payment.status = 'paid';
      created.payment.payer.email = 'altro@example.it';
      const read = await repo.get(stored.id);
      if (!read) throw new Error('not stored');
      read.noticeNumber = '000000000000000000';
      read.items[0] = { description: 'cambiata', amountCents: 0 };
      const byIupd = await repo.findByIupd(stored.iupd);
      if (byIupd) byIupd.purpose = { kind: 'cns-issuance', applicationId: 'x' };
      expect(await repo.get(stored.id)).toEqual(stored);

      const receipt = aReceipt('receipt-1');
      const paid = await repo.markPaid(stored.iupd, receipt);
      receipt.amountCents = 1;
      if (paid.outcome === 'paid') {
        paid.payment.status = 'open';
        if (paid.payment.receipt) paid.payment.receipt.receiptId = 'changed';
      }
      expect(await repo.get(stored.id)).toMatchObject({ status: 'paid', receipt: aReceipt('receipt-1') });
    });

    it('lists the payments whose GPD position is still to create, oldest first, until published', async () => {
      const repo = await make();
      const position = (p: Payment) => ({ iupd: p.iupd }) as Payment['pendingPosition'];
      const later = aPayment({ createdAt: '2017-01-10T11:00:00.000Z' });
      const earlier = aPayment({ createdAt: '2017-01-10T09:00:00.000Z' });
      const published = aPayment();
      const paidOne = aPayment();
      for (const p of [later, earlier, paidOne])
        await repo.createOrGet({ ...p, pendingPosition: position(p) });
      await repo.createOrGet(published);
      await repo.markPaid(paidOne.iupd, aReceipt('receipt-pending'));

      const pending = await repo.findPendingPositions(10);
      expect(pending.map((p) => p.id)).toEqual([earlier.id, later.id]);
      expect((await repo.findPendingPositions(1)).map((p) => p.id)).toEqual([earlier.id]);

      await repo.markPositionPublished(earlier.id);
      await repo.markPositionPublished(earlier.id);
      expect((await repo.findPendingPositions(10)).map((p) => p.id)).toEqual([later.id]);
      expect(await repo.get(earlier.id)).toMatchObject({ pendingPosition: null, version: 2 });
    });
  });
}
