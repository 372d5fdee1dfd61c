// [#19] pagoPA GPD down when a payment is opened: the caller hears 503-style "pending" (never a
// notice number GPD does not know), and a retry once GPD is back creates the position, so the
// payment becomes payable; a retry while GPD already knows it creates nothing twice.
import { describe, expect, it } from 'vitest';
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { MemoryGpdSimulator } from '../../src/adapters/pagopa/memory-gpd-simulator.js';
import { OpenPayment, PaymentPositionPending } from '../../src/application/payments/open-payment.js';
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
});
