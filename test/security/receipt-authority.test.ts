// [§4][§5] issue #16 item 2: only the payment provider's own credential may post a pagoPA receipt,
// and a receipt must match the open position (creditor, amount, due date) and GPD's own record.
// A forged receipt from a portal's `service` key once marked a fee paid.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildContainer } from '../../src/adapters/composition-root.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { Payment } from '../../src/application/payments/payment.js';
import { startAlbo } from '../albo/support.js';
import { apiKeys, json, KEYS } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';
import { TestClock } from '../support/test-clock.js';

const CREDITOR = '97000000000';

async function openFee(companyId = 'forged-co') {
  const service = await startAlbo();
  // The procedure's side is not under test: a handler that accepts what it is given.
  Object.assign(resolve(service.container, TOKENS.PaymentPaidHandlers), {
    'albo-fee': { onPaid: async () => {} },
  });
  const payment = await resolve(service.container, TOKENS.OpenPayment).execute({
    purpose: { kind: 'albo-fee', companyId, year: 2017 },
    items: [{ description: 'Quota 2017', amountCents: 3516 }],
    dueDate: '2017-02-28',
    description: 'Quota associativa Albo autotrasportatori 2017',
    payer: { fiscalCode: '07845120018', name: 'Autotrasporti Rossi', email: 'a@pec.it', type: 'G' },
    creditor: {
      organizationFiscalCode: CREDITOR,
      iban: 'IT60X0542811101000000123456',
      segregationCode: '47',
      category: '9/0101108TS/',
    },
  });
  const stored = async () =>
    (await resolve(service.container, TOKENS.PaymentRepository).get(payment.id)) as Payment;
  return { service, payment, stored };
}

const receiptFor = (payment: Payment, overrides: Record<string, unknown> = {}) => ({
  iupd: payment.iupd,
  organizationFiscalCode: CREDITOR,
  receiptId: 'FORGED-1',
  paymentDateTime: '2017-01-20T09:00:00Z',
  amountCents: payment.amountCents,
  pspName: 'PSP',
  pspCommissionCents: 0,
  ...overrides,
});

describe('POST /v1/pagopa/receipts', () => {
  it('refuses a forged receipt from a service key (the portals’ role) with 403, and nothing is paid', async () => {
    const { service, payment, stored } = await openFee();
    // The body of the attack as it was sent (before receipts named their creditor).
    const { organizationFiscalCode: _, ...forged } = receiptFor(payment);
    const answer = await service.call('POST', '/v1/pagopa/receipts', 'service', forged);
    expect((await stored()).status).toBe('open');
    expect(answer.status).toBe(403);
    for (const role of ['operator', 'admin', 'auditor'] as const) {
      const other = await service.call('POST', '/v1/pagopa/receipts', role, receiptFor(payment));
      expect(other.status).toBe(403);
    }
    expect((await stored()).status).toBe('open');
  });

  it('refuses a receipt from the payment provider for a notice GPD does not show as paid', async () => {
    const { service, payment, stored } = await openFee();
    const answer = await service.call('POST', '/v1/pagopa/receipts', 'payment-provider', receiptFor(payment));
    expect(answer.status).toBe(422);
    expect(await json(answer)).toMatchObject({ code: 'RECEIPT_NOT_CONFIRMED' });
    expect((await stored()).status).toBe('open');
  });

  it('refuses a wrong amount, another creditor, an unknown position and a payment after the due date', async () => {
    const { service, payment, stored } = await openFee();
    const paid = resolve(service.container, TOKENS.GpdSimulator).pay(
      payment.noticeNumber,
      service.clock.now(),
    );
    if (!paid) throw new Error('the simulator did not pay');
    const post = (body: unknown) => service.call('POST', '/v1/pagopa/receipts', 'payment-provider', body);
    const genuine = { receiptId: paid.receipt.receiptId };

    const wrongAmount = await post(receiptFor(payment, { ...genuine, amountCents: 1 }));
    expect(wrongAmount.status).toBe(422);
    expect(await json(wrongAmount)).toMatchObject({ code: 'AMOUNT_MISMATCH' });
    const otherCreditor = await post(
      receiptFor(payment, { ...genuine, organizationFiscalCode: '80000000000' }),
    );
    expect(otherCreditor.status).toBe(422);
    expect(await json(otherCreditor)).toMatchObject({ code: 'CREDITOR_MISMATCH' });
    const unknown = await post(receiptFor(payment, { ...genuine, iupd: `${CREDITOR}-unknown` }));
    expect(unknown.status).toBe(404);
    const late = await post(receiptFor(payment, { ...genuine, paymentDateTime: '2017-03-01T10:00:00Z' }));
    expect(late.status).toBe(422);
    expect(await json(late)).toMatchObject({ code: 'PAYMENT_EXPIRED' });
    const notTheReceipt = await post(receiptFor(payment, { receiptId: 'FORGED-2' }));
    expect(notTheReceipt.status).toBe(422);
    expect(await json(notTheReceipt)).toMatchObject({ code: 'RECEIPT_NOT_CONFIRMED' });
    expect((await stored()).status).toBe('open');

    // The genuine receipt, then nine duplicates: one payment.
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(receiptFor(payment, genuine))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(answers.map((a) => json<{ duplicate: boolean }>(a)));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(await stored()).toMatchObject({ status: 'paid', receipt: { receiptId: paid.receipt.receiptId } });
  });

  it('logs every refusal at warn with the payment id and the key label, never a key', async () => {
    const lines: string[] = [];
    const container = buildContainer({ port: 0, rulesDir: RULES_DIR, apiKeys, logLevel: 'warn' });
    container
      .rebindSync(TOKENS.Logger)
      .toConstantValue(pino({ level: 'warn' }, { write: (l) => lines.push(l) }));
    container.rebindSync(TOKENS.Clock).toConstantValue(new TestClock());
    await loadRules(container);
    const app = resolve(container, TOKENS.HttpApp);
    const payment = await resolve(container, TOKENS.OpenPayment).execute({
      purpose: { kind: 'albo-fee', companyId: 'logged-co', year: 2017 },
      items: [{ description: 'Quota 2017', amountCents: 3516 }],
      dueDate: '2017-02-28',
      description: 'Quota 2017',
      payer: { fiscalCode: '07845120018', name: 'Autotrasporti Rossi', email: 'a@pec.it', type: 'G' },
      creditor: {
        organizationFiscalCode: CREDITOR,
        iban: 'IT60X0542811101000000123456',
        segregationCode: '47',
        category: '9/0101108TS/',
      },
    });
    const post = (role: keyof typeof KEYS, body: unknown) =>
      app.request('/v1/pagopa/receipts', {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS[role]}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('service', receiptFor(payment))).status).toBe(403);
    expect((await post('payment-provider', receiptFor(payment, { amountCents: 1 }))).status).toBe(422);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ level: 40, caller: { label: 'service-1', role: 'service' } }),
      expect.objectContaining({
        level: 40,
        code: 'AMOUNT_MISMATCH',
        paymentId: payment.id,
        iupd: payment.iupd,
        caller: { label: 'payment-provider-1', role: 'payment-provider' },
      }),
    ]);
    for (const key of Object.values(KEYS)) expect(lines.join('\n')).not.toContain(key);
  });
});
