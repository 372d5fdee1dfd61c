// [§4] pagoPA receipts are idempotent: duplicates (even concurrent) pay once and apply once.
import { describe, expect, it } from 'vitest';
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { MemoryGpdSimulator } from '../../src/adapters/pagopa/memory-gpd-simulator.js';
import { OpenPayment } from '../../src/application/payments/open-payment.js';
import type { Payment } from '../../src/application/payments/payment.js';
import { RecordReceipt } from '../../src/application/payments/record-receipt.js';
import { isValidNoticeNumber } from '../../src/domain/pagopa/notice-number.js';
import { clock, feeRequest, ids, secrets } from './support.js';

const request = feeRequest;

function setUp() {
  const repo = new MemoryPaymentRepository();
  const gateway = new MemoryGpdSimulator();
  const applied: Payment[] = [];
  const handler = {
    onPaid: async (p: Payment) => {
      await Promise.resolve();
      applied.push(p);
    },
  };
  return {
    repo,
    gateway,
    applied,
    open: new OpenPayment(repo, gateway, clock, ids, secrets),
    record: new RecordReceipt(repo, { 'albo-fee': handler }, clock, gateway),
  };
}

describe('payments', () => {
  it('opens one GPD position per purpose, with a valid notice number, even when asked twice at once', async () => {
    const { open, gateway } = setUp();
    const [a, b] = await Promise.all([open.execute(request()), open.execute(request())]);
    expect(a?.id).toBe(b?.id);
    expect(isValidNoticeNumber(a?.noticeNumber ?? '')).toBe(true);
    expect(await gateway.positionStatus(a?.iupd ?? '')).toBe('VALID');
  });

  it('records 10 concurrent duplicate receipts as one payment, applied once', async () => {
    const { open, gateway, record, repo, applied } = setUp();
    const payment = await open.execute(request());
    const notification = gateway.pay(payment.noticeNumber, clock.now());
    if (!notification) throw new Error('the simulator did not pay');
    const results = await Promise.all(Array.from({ length: 10 }, () => record.execute(notification)));
    expect(results.filter((r) => r.ok && !r.value.duplicate)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await repo.get(payment.id))?.status).toBe('paid');
    // The handler may be called by racing duplicates; procedures make it idempotent themselves.
    expect(applied.length).toBeGreaterThanOrEqual(1);
    expect((await repo.get(payment.id))?.appliedAt).not.toBeNull();
  });

  it('refuses a wrong amount, an unknown notice and a second, different receipt (GPD names the first)', async () => {
    const { open, gateway, record } = setUp();
    const payment = await open.execute(request());
    const notification = gateway.pay(payment.noticeNumber, clock.now());
    if (!notification) throw new Error('the simulator did not pay');
    expect(
      await record.execute({ ...notification, receipt: { ...notification.receipt, amountCents: 1 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_MISMATCH', expectedCents: 3516 },
    });
    expect(
      await record.execute({
        noticeNumber: '300000000000000000',
        organizationFiscalCode: '97000000000',
        receipt: notification.receipt,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_PAYMENT' },
    });
    await record.execute(notification);
    expect(
      await record.execute({ ...notification, receipt: { ...notification.receipt, receiptId: 'other' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'RECEIPT_NOT_CONFIRMED' },
    });
  });

  it('records nothing while GPD cannot be asked (pagoPA notifies again), and records it once GPD answers', async () => {
    const { open, gateway, repo } = setUp();
    const payment = await open.execute(request('c-unreachable'));
    const notification = gateway.pay(payment.noticeNumber, clock.now());
    if (!notification) throw new Error('the simulator did not pay');
    let reachable = false;
    const flaky = Object.assign(Object.create(gateway) as MemoryGpdSimulator, {
      position: (iupd: string) =>
        reachable ? gateway.position(iupd) : Promise.reject(new Error('GPD get: no answer within 10000 ms')),
    });
    const record = new RecordReceipt(repo, {}, clock, flaky);
    expect(await record.execute(notification)).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT_GATEWAY_UNAVAILABLE', paymentId: payment.id },
    });
    expect((await repo.get(payment.id))?.status).toBe('open');
    reachable = true;
    expect(await record.execute(notification)).toMatchObject({ ok: true, value: { duplicate: false } });
  });
});
