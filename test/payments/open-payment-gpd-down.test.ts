// [#19] pagoPA GPD down when a payment is opened: the caller hears 503-style "pending" (never a
// notice number GPD does not know), and a retry once GPD is back creates the position, so the
// payment becomes payable; a retry while GPD already knows it creates nothing twice.
import { describe, expect, it } from 'vitest';
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { MemoryGpdSimulator } from '../../src/adapters/pagopa/memory-gpd-simulator.js';
import { OpenPayment, PaymentPositionPending } from '../../src/application/payments/open-payment.js';
import { RetryPendingPositions } from '../../src/application/payments/retry-pending-positions.js';
import type { GpdDebtPosition, PaymentGateway } from '../../src/application/ports/payment-gateway.js';
import { clock, feeRequest, ids, secrets } from './support.js';

const request = feeRequest();

/** The simulator behind a switch: while down, every call fails as a refused connection would. */
function flakyGateway(simulator: MemoryGpdSimulator) {
  let down = false;
  let creations = 0;
  const guard = <T>(call: () => Promise<T>) =>
    down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:443')) : call();
  const gateway: PaymentGateway = {
    createPosition: (position: GpdDebtPosition) =>
      guard(() => {
        creations++;
        return simulator.createPosition(position);
      }),
    positionStatus: (iupd) => guard(() => simulator.positionStatus(iupd)),
    position: (iupd) => guard(() => simulator.position(iupd)),
  };
  return {
    gateway,
    setDown: (value: boolean) => {
      down = value;
    },
    creations: () => creations,
  };
}

describe('opening a payment while GPD is down', () => {
  it('is pending, and becomes payable when a retry finds GPD back', async () => {
    const simulator = new MemoryGpdSimulator();
    const flaky = flakyGateway(simulator);
    const repo = new MemoryPaymentRepository();
    const open = new OpenPayment(repo, flaky.gateway, clock, ids, secrets);

    flaky.setDown(true);
    await expect(open.execute(request)).rejects.toBeInstanceOf(PaymentPositionPending);
    await expect(open.execute(request)).rejects.toBeInstanceOf(PaymentPositionPending);

    flaky.setDown(false);
    const payment = await open.execute(request);
    expect(await simulator.position(payment.iupd)).not.toBeNull();
    expect(await simulator.positionStatus(payment.iupd)).toBe('VALID');

    // Asked again: GPD knows the position, so nothing is created twice.
    const before = flaky.creations();
    expect((await open.execute(request)).id).toBe(payment.id);
    expect(flaky.creations()).toBe(before);
  });

  it('is published by the background retry once GPD is back, without anyone asking again', async () => {
    const simulator = new MemoryGpdSimulator();
    const flaky = flakyGateway(simulator);
    const repo = new MemoryPaymentRepository();
    const open = new OpenPayment(repo, flaky.gateway, clock, ids, secrets);
    const retry = new RetryPendingPositions(repo, flaky.gateway);

    flaky.setDown(true);
    const refusal = await open.execute(request).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PaymentPositionPending);
    const { paymentId } = refusal as PaymentPositionPending;
    expect(await retry.run()).toEqual({ published: 0, failed: 1 });

    flaky.setDown(false);
    expect(await retry.run()).toEqual({ published: 1, failed: 0 });
    const payment = await repo.get(paymentId);
    expect(await simulator.positionStatus(payment?.iupd ?? '')).toBe('VALID');
    expect(payment?.pendingPosition).toBeNull();
    expect(await retry.run()).toEqual({ published: 0, failed: 0 });

    // The caller's own retry now finds it published and calls GPD no more.
    const before = flaky.creations();
    expect((await open.execute(request)).id).toBe(paymentId);
    expect(flaky.creations()).toBe(before);
  });

  it('keeps the position to create when the process stops between storing and calling GPD', async () => {
    const simulator = new MemoryGpdSimulator();
    const repo = new MemoryPaymentRepository();
    // A gateway that never answers stands for a process that died during the call.
    const hung: PaymentGateway = {
      createPosition: () => new Promise(() => undefined),
      positionStatus: (iupd) => simulator.positionStatus(iupd),
      position: (iupd) => simulator.position(iupd),
    };
    void new OpenPayment(repo, hung, clock, ids, secrets).execute(feeRequest('c2'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [stored] = await repo.findPendingPositions(10);
    expect(stored?.pendingPosition?.iupd).toBe(stored?.iupd);

    expect(await new RetryPendingPositions(repo, simulator).run()).toEqual({ published: 1, failed: 0 });
    expect(await simulator.positionStatus(stored?.iupd ?? '')).toBe('VALID');
  });
});
