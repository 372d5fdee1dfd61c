// [§5][P-QUOTA][P-DEADLINE][P-RECEIPT-ALBO] The annual fee through the Hono app: fleet, fee, pagoPA
// payment, 10 duplicate receipt notifications through POST /v1/pagopa/receipts (one payment, one
// receipt e-mail), and the receipt as JSON and as a printable page.
import { describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { json } from '../http/support.js';
import { FLEET, FLEET_COMPONENTS, FLEET_FEE_CENTS } from './fleet.js';
import { activeAccount, BIANCHI, NEW_PASSWORD, ROSSI, startAlbo } from './support.js';

type Problem = { code: string; violations?: Array<{ code?: string; field: string }> };

async function loggedIn(at?: string) {
  const service = await startAlbo(at);
  const rossi = await activeAccount(service, ROSSI);
  const session = await service.call('POST', '/v1/albo/sessions', 'service', {
    matricola: rossi.matricola,
    password: NEW_PASSWORD,
  });
  const { token } = await json<{ token: string }>(session);
  return { service, rossi, as: { token } };
}

describe('fleet routes', () => {
  it('let an operator or the company put the fleet, and refuse an invalid one naming the field', async () => {
    const { service, rossi, as } = await loggedIn();
    const path = `/v1/albo/companies/${rossi.matricola}/fleet`;
    expect((await service.call('PUT', path, 'operator', { vehicles: FLEET })).status).toBe(200);
    expect((await service.call('PUT', path, as, { vehicles: FLEET })).status).toBe(200);
    expect(await json(await service.call('GET', path, as))).toMatchObject({ vehicles: FLEET });

    const missingMass = await service.call('PUT', path, as, {
      vehicles: [{ plate: 'AB101CD', kind: 'vehicle', inFleetFrom: '2016-01-01' }],
    });
    expect(missingMass.status).toBe(422);
    expect(await json<Problem>(missingMass)).toMatchObject({
      code: 'INVALID_FLEET',
      violations: [{ field: '/vehicles/0/massKg' }],
    });
    const badDate = await service.call('PUT', path, as, {
      vehicles: [{ plate: 'AB101CD', kind: 'vehicle', massKg: 1, inFleetFrom: '2016-02-30' }],
    });
    expect(await json<Problem>(badDate)).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: [{ field: '/vehicles/0/inFleetFrom' }],
    });
    expect((await service.call('PUT', path, 'service', { vehicles: [] })).status).toBe(403);

    // [P-QUOTA] One plate twice on overlapping days would be charged twice.
    const lorry = { kind: 'vehicle', massKg: 18000 } as const;
    const left = { ...lorry, plate: 'ab 001 cd', inFleetFrom: '2015-03-01', inFleetTo: '2016-11-18' };
    const back = { ...lorry, plate: 'AB001CD', inFleetFrom: '2016-11-19' };
    const twice = await service.call('PUT', path, as, {
      vehicles: [{ ...left, inFleetTo: '2016-12-31' }, back],
    });
    expect(twice.status).toBe(422);
    expect(await json<Problem>(twice)).toMatchObject({
      code: 'INVALID_FLEET',
      violations: [{ field: '/vehicles/1/plate' }],
    });
    // [P-QUOTA] albo.plate: an Italian plate of the vehicle's kind, normalised before it is checked.
    const tractor = { plate: 'B-XY1234', kind: 'tractor', towableMassKg: 30000, inFleetFrom: '2016-01-01' };
    const foreign = await service.call('PUT', path, as, { vehicles: [left, back, tractor] });
    expect(foreign.status).toBe(422);
    expect(await json<Problem>(foreign)).toMatchObject({
      code: 'INVALID_FLEET',
      violations: [{ field: '/vehicles/2/plate', code: 'PLATE_FORMAT_INVALID', policy: 'albo.plate' }],
    });
    // A plate that left and came back is in the fleet twice, on days apart; stored normalised.
    const returned = await service.call('PUT', path, as, { vehicles: [left, back] });
    expect(returned.status).toBe(200);
    expect(await json(returned)).toMatchObject({ vehicles: [{ plate: 'AB001CD' }, { plate: 'AB001CD' }] });
    const quota = await json(await service.call('GET', '/v1/albo/quotas/2017', as));
    expect(quota).toMatchObject({ vehiclesCounted: 1 });
    const other = await activeAccount(service, BIANCHI);
    expect((await service.call('GET', `/v1/albo/companies/${other.matricola}/fleet`, as)).status).toBe(403);
  });
});

describe('GET /v1/albo/quotas/{year}', () => {
  it('returns albo.quota with its components, and refuses a bad or unscheduled year', async () => {
    const { service, rossi, as } = await loggedIn();
    await service.call('PUT', `/v1/albo/companies/${rossi.matricola}/fleet`, 'operator', { vehicles: FLEET });
    const quota = await service.call('GET', '/v1/albo/quotas/2017', as);
    expect(quota.status).toBe(200);
    expect(await json(quota)).toMatchObject({
      year: 2017,
      amountCents: FLEET_FEE_CENTS,
      fleetReferenceDate: '2016-11-19',
      vehiclesCounted: 3,
      components: FLEET_COMPONENTS,
      paid: null,
    });
    const bad = await service.call('GET', '/v1/albo/quotas/17', as);
    expect(bad.status).toBe(400);
    expect(await json<Problem>(bad)).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: [{ field: 'year' }],
    });
    const unscheduled = await service.call('GET', '/v1/albo/quotas/2019', as);
    expect(unscheduled.status).toBe(422);
    expect(await json<Problem>(unscheduled)).toMatchObject({
      code: 'POLICY_DENIED',
      violations: [{ code: 'NO_FEE_SCHEDULE' }],
    });
    expect((await service.call('GET', '/v1/albo/quotas/2017', 'operator')).status).toBe(403);
  });
});

describe('POST /v1/albo/payments and the receipt', () => {
  it('opens one notice, pays once for 10 duplicate notifications, mails one receipt, re-prints it', async () => {
    const { service, rossi, as } = await loggedIn();
    await service.call('PUT', `/v1/albo/companies/${rossi.matricola}/fleet`, 'operator', { vehicles: FLEET });
    const opened = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(opened.status).toBe(201);
    const payment = await json<{
      paymentId: string;
      noticeNumber: string;
      iupd: string;
      amountCents: number;
    }>(opened);
    expect(payment).toMatchObject({ amountCents: FLEET_FEE_CENTS, dueDate: '2017-02-28', status: 'open' });
    const again = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ paymentId: payment.paymentId, created: false });

    const receiptPath = `/v1/albo/payments/${payment.paymentId}/receipt`;
    expect(await json<Problem>(await service.call('GET', receiptPath, as))).toMatchObject({
      code: 'PAYMENT_NOT_PAID',
    });
    // [P-RECEIPT-ALBO] The payments page: open, no receipt yet.
    expect(await json(await service.call('GET', '/v1/albo/payments', as))).toEqual({
      payments: [
        expect.objectContaining({
          paymentId: payment.paymentId,
          year: 2017,
          status: 'open',
          amountCents: FLEET_FEE_CENTS,
          noticeNumber: payment.noticeNumber,
          receiptUrl: null,
        }),
      ],
    });

    const notification = resolve(service.container, TOKENS.GpdSimulator).pay(
      payment.noticeNumber,
      service.clock.now(),
    );
    if (!notification) throw new Error('the simulator did not pay');
    const body = {
      iupd: notification.iupd,
      organizationFiscalCode: notification.organizationFiscalCode,
      receiptId: notification.receipt.receiptId,
      paymentDateTime: notification.receipt.paidAt,
      amountCents: notification.receipt.amountCents,
      pspName: notification.receipt.pspName,
      pspCommissionCents: notification.receipt.pspCommissionCents,
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => service.call('POST', '/v1/pagopa/receipts', 'payment-provider', body)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const recorded = await Promise.all(
      answers.map((a) => json<{ paymentId: string; duplicate: boolean }>(a)),
    );
    expect(new Set(recorded.map((r) => r.paymentId))).toEqual(new Set([payment.paymentId]));
    expect(recorded.filter((r) => !r.duplicate)).toHaveLength(1);

    const mailbox = await json<{ messages: Array<{ subject: string; text: string }> }>(
      await service.call('GET', `/v1/dev/mailbox?to=${encodeURIComponent(rossi.email)}`, 'operator'),
    );
    const receipts = mailbox.messages.filter((m) => m.subject.startsWith('Ricevuta di pagamento'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain(payment.noticeNumber);

    const receipt = await service.call('GET', receiptPath, as);
    expect(receipt.status).toBe(200);
    expect(await json(receipt)).toMatchObject({
      paymentId: payment.paymentId,
      year: 2017,
      amountCents: FLEET_FEE_CENTS,
      company: { name: ROSSI.name, matricola: rossi.matricola },
      receipt: { receiptId: notification.receipt.receiptId },
    });
    const printable = await service.request(receiptPath, {
      headers: { authorization: `Bearer ${as.token}`, accept: 'text/html' },
    });
    expect(printable.headers.get('content-type')).toContain('text/html');
    const html = await printable.text();
    expect(html).toContain('Autotrasporti Rossi Giuseppe &amp; C. s.n.c.');
    expect(html).toContain(payment.noticeNumber);
    expect(html).toContain('60,99 €');
    expect(html).toMatch(/<th>Data e ora del pagamento<\/th><td>\d\d\/\d\d\/\d{4} \d\d:\d\d<\/td>/);
    expect((await service.call('GET', receiptPath, 'operator')).status).toBe(200);
    // …and once paid, the page links the receipt to re-print.
    const page = await json<{ payments: Array<{ status: string; paidAt: string; receiptUrl: string }> }>(
      await service.call('GET', '/v1/albo/payments', as),
    );
    expect(page.payments).toEqual([
      expect.objectContaining({
        status: 'paid',
        paidAt: notification.receipt.paidAt,
        receiptUrl: receiptPath,
      }),
    ]);

    const quota = await json<{ paid: { paymentId: string } | null }>(
      await service.call('GET', '/v1/albo/quotas/2017', as),
    );
    expect(quota.paid?.paymentId).toBe(payment.paymentId);
  });

  it('answers 404 for another company’s payment and an unknown one', async () => {
    const { service, as } = await loggedIn();
    const bianchi = await activeAccount(service, BIANCHI);
    const session = await json<{ token: string }>(
      await service.call('POST', '/v1/albo/sessions', 'service', {
        matricola: bianchi.matricola,
        password: NEW_PASSWORD,
      }),
    );
    const { paymentId } = await json<{ paymentId: string }>(
      await service.call('POST', '/v1/albo/payments', { token: session.token }, { year: 2017 }),
    );
    // The payments page shows a company its own payments only, and is for companies only.
    expect(await json(await service.call('GET', '/v1/albo/payments', as))).toEqual({ payments: [] });
    expect(
      await json(await service.call('GET', '/v1/albo/payments', { token: session.token })),
    ).toMatchObject({ payments: [{ paymentId }] });
    for (const role of ['operator', 'service'] as const)
      expect((await service.call('GET', '/v1/albo/payments', role)).status).toBe(403);
    for (const path of [`/v1/albo/payments/${paymentId}/receipt`, '/v1/albo/payments/nope/receipt'])
      expect(await json<Problem>(await service.call('GET', path, as))).toMatchObject({
        code: 'UNKNOWN_PAYMENT',
      });
  });

  it('is refused after the deadline with DEADLINE_PASSED, and a bad year as a bad body', async () => {
    const { service, as } = await loggedIn('2017-03-01T08:00:00+01:00');
    const late = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(late.status).toBe(422);
    expect(await json<Problem>(late)).toMatchObject({
      code: 'POLICY_DENIED',
      violations: [{ code: 'DEADLINE_PASSED' }],
    });
    const bad = await service.call('POST', '/v1/albo/payments', as, { year: '2017' });
    expect(await json<Problem>(bad)).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: [{ field: '/year' }],
    });
  });
});

describe('a fleet corrected upwards after the fee was paid [P-QUOTA]', () => {
  it('shows the balance due and opens one position for the difference, once', async () => {
    const { service, rossi, as } = await loggedIn();
    const fleetPath = `/v1/albo/companies/${rossi.matricola}/fleet`;
    await service.call('PUT', fleetPath, 'operator', { vehicles: FLEET });
    const pay = async (noticeNumber: string) =>
      expect(
        (await service.call('POST', '/v1/dev/pagopa/payments', 'operator', { noticeNumber })).status,
      ).toBe(200);
    const fee = await json<{ paymentId: string; noticeNumber: string }>(
      await service.call('POST', '/v1/albo/payments', as, { year: 2017 }),
    );
    await pay(fee.noticeNumber);
    const quota = async () => json(await service.call('GET', '/v1/albo/quotas/2017', as));
    expect(await quota()).toMatchObject({ paidCents: FLEET_FEE_CENTS, balanceDueCents: 0 });
    const settled = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(await json(settled)).toMatchObject({ paymentId: fee.paymentId, created: false });

    // Lorries the register had missed: 10 counted vehicles now (6–10 band), one more over 26000 kg.
    const added = ['AB011CD', 'AB012CD', 'AB013CD', 'AB014CD', 'AB015CD', 'AB016CD'].map((plate) => ({
      plate,
      kind: 'vehicle',
      massKg: 3500,
      inFleetFrom: '2016-01-01',
    }));
    const heavy = { plate: 'AB018CD', kind: 'vehicle', massKg: 30000, inFleetFrom: '2016-01-01' };
    await service.call('PUT', fleetPath, 'operator', { vehicles: [...FLEET, ...added, heavy] });
    // 30.00 + 10.33 (6–10) + 2 × 7.75 + 2 × 10.33 = 76.49; 60.99 paid.
    expect(await quota()).toMatchObject({
      amountCents: 7649,
      paidCents: FLEET_FEE_CENTS,
      balanceDueCents: 1550,
    });
    const opened = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(opened.status).toBe(201);
    const balance = await json<{ paymentId: string; noticeNumber: string }>(opened);
    expect(balance).toMatchObject({ amountCents: 1550, status: 'open', created: true });
    expect(balance.paymentId).not.toBe(fee.paymentId);
    const again = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ paymentId: balance.paymentId, created: false });

    await pay(balance.noticeNumber);
    await pay(balance.noticeNumber).catch(() => undefined);
    expect(await quota()).toMatchObject({ paidCents: 7649, balanceDueCents: 0 });
    // One receipt e-mail per payment: the fee's and the balance's (a second notification adds none).
    const receipts = (await service.mailbox(rossi.email)).filter((m) =>
      m.subject.startsWith('Ricevuta di pagamento'),
    );
    expect(receipts).toHaveLength(2);
    expect(receipts.some((m) => m.text.includes(balance.noticeNumber))).toBe(true);
    const page = await json<{ payments: Array<{ paymentId: string; status: string }> }>(
      await service.call('GET', '/v1/albo/payments', as),
    );
    expect(page.payments.map((p) => [p.paymentId, p.status])).toEqual([
      [fee.paymentId, 'paid'],
      [balance.paymentId, 'paid'],
    ]);
  });
});
