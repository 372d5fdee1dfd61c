// [§4][§6 pagoPA] End to end over loopback: the service (startService, real HTTP) opens a payment
// through GpdHttpClient into the GPD HTTP simulator; the simulator pays the notice and notifies the
// receipt 10 times at once, as pagoPA's retries may; the service records it exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpdHttpClient } from '../../src/adapters/pagopa/gpd-http-client.js';
import {
  type RunningGpdSimulator,
  startGpdHttpSimulator,
} from '../../src/adapters/pagopa/gpd-http-simulator.js';
import { type RunningService, startService } from '../../src/adapters/service.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { Payment } from '../../src/application/payments/payment.js';
import { KEYS, LOOPBACK_SERVICE } from '../http/support.js';

const SUBSCRIPTION_KEY = 'gpd-e2e-subscription-key';
let simulator: RunningGpdSimulator;
let service: RunningService;

beforeAll(async () => {
  simulator = await startGpdHttpSimulator({
    subscriptionKey: SUBSCRIPTION_KEY,
    // Paid inside the 2017 window: a receipt dated after the due date is refused.
    now: () => new Date('2017-01-20T10:00:00Z'),
  });
  service = await startService({
    ...LOOPBACK_SERVICE,
    integrations: {
      pagopa: { gpdUrl: simulator.url, subscriptionKey: SUBSCRIPTION_KEY },
      registry: { url: null, ratePerMinute: 60, timeoutMs: 2_000 },
    },
  });
  simulator.notifyTo({
    url: `http://127.0.0.1:${service.port}/v1/pagopa/receipts`,
    apiKey: KEYS['payment-provider'],
  });
});
afterAll(async () => {
  await service?.close();
  await simulator?.close();
});

describe('a pagoPA payment over HTTP', () => {
  it('is opened in GPD through the HTTP client, paid, and its receipt recorded once out of 10 notifications', async () => {
    const { container } = service;
    expect(resolve(container, TOKENS.PaymentGateway)).toBeInstanceOf(GpdHttpClient);
    // The procedure's side is not under test here: a handler that counts what it is given.
    const paid: Payment[] = [];
    Object.assign(resolve(container, TOKENS.PaymentPaidHandlers), {
      'albo-fee': { onPaid: async (p: Payment) => void paid.push(p) },
    });

    const payment = await resolve(container, TOKENS.OpenPayment).execute({
      purpose: { kind: 'albo-fee', companyId: 'e2e-company', year: 2017 },
      items: [{ description: 'Quota 2017', amountCents: 3516 }],
      dueDate: '2017-02-28',
      description: 'Quota associativa Albo autotrasportatori 2017',
      payer: { fiscalCode: '07845120018', name: 'Autotrasporti Rossi', email: 'a@pec.it', type: 'G' },
      creditor: {
        organizationFiscalCode: '97000000000',
        iban: 'IT60X0542811101000000123456',
        segregationCode: '47',
        category: '9/0101108TS/',
      },
    });
    expect(simulator.ledger.get(payment.iupd)?.status).toBe('VALID');

    const outcome = await simulator.pay(payment.noticeNumber, { times: 10 });
    if (!outcome) throw new Error('the simulator did not find the notice');
    expect(outcome.deliveries.map((d) => d.status)).toEqual(Array(10).fill(200));
    const bodies = outcome.deliveries.map((d) => d.body as { paymentId: string; duplicate: boolean });
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.paymentId))).toEqual(new Set([payment.id]));

    const stored = await resolve(container, TOKENS.PaymentRepository).get(payment.id);
    expect(stored).toMatchObject({
      status: 'paid',
      receipt: { receiptId: outcome.notification.receipt.receiptId, amountCents: 3516 },
    });
    expect(stored?.appliedAt).not.toBeNull();
    expect(paid.length).toBeGreaterThanOrEqual(1);
    expect(paid.every((p) => p.id === payment.id)).toBe(true);
    expect(await resolve(container, TOKENS.PaymentGateway).positionStatus(payment.iupd)).toBe('PAID');

    // A second payment attempt of the same notice finds nothing to pay.
    expect(await simulator.pay(payment.noticeNumber)).toBeNull();
  });
});
