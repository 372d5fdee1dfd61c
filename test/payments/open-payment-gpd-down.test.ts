// [#19] pagoPA GPD down when a payment is opened: the caller hears 503-style "pending" (never a
// notice number GPD does not know), and a retry once GPD is back creates the position, so the
// payment becomes payable; a retry while GPD already knows it creates nothing twice.
import { describe, expect, it } from 'vitest';
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { MemoryGpdSimulator } from '../../src/adapters/pagopa/memory-gpd-simulator.js';
import {
  OpenPayment,
  type OpenPaymentRequest,
  PaymentPositionPending,
} from '../../src/application/payments/open-payment.js';
import type { GpdDebtPosition, PaymentGateway } from '../../src/application/ports/payment-gateway.js';

const clock = { now: () => new Date('2017-01-10T10:00:00Z') };
let n = 0;
const ids = { next: () => `id-${++n}` };
let iuv = 0;
const secrets = {
  token: () => 't',
  digits: () => String(++iuv).padStart(13, '0'),
  temporaryPassword: () => 'Aa1!aaaa',
};
const request: OpenPaymentRequest = {
  purpose: { kind: 'albo-fee', companyId: 'c1', year: 2017 },
  items: [{ description: 'Quota 2017', amountCents: 3516 }],
  dueDate: '2017-02-28',
  description: 'Quota associativa Albo autotrasportatori 2017',
  payer: { fiscalCode: '01234567890', name: 'Trasporti Rossi srl', email: 'a@b.it', type: 'G' },
  creditor: {
    organizationFiscalCode: '97000000000',
    iban: 'IT60X0542811101000000123456',
    segregationCode: '47',
    category: '9/0101108TS/',
  },
};

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
