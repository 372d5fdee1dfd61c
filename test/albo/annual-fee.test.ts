// [P-QUOTA][P-DEADLINE][P-RECEIPT-ALBO] The annual fee over the in-memory adapters: the fleet, the
// fee with its components, the pagoPA position within the window, and the receipt applied once.
import { describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { isValidNoticeNumber } from '../../src/domain/pagopa/notice-number.js';
import { FLEET, FLEET_COMPONENTS, FLEET_FEE_CENTS } from './fleet.js';
import { activeAccount, BIANCHI, ROSSI, startAlbo } from './support.js';

async function withFleet(at?: string) {
  const service = await startAlbo(at);
  const rossi = await activeAccount(service, ROSSI);
  const put = await service.albo.fleet.replace(rossi.matricola, FLEET);
  if (!put.ok) throw new Error(put.error.code);
  return { service, rossi };
}

async function payThroughSimulator(service: Awaited<ReturnType<typeof startAlbo>>, noticeNumber: string) {
  const notification = resolve(service.container, TOKENS.GpdSimulator).pay(noticeNumber, service.clock.now());
  if (!notification) throw new Error('the simulator did not pay');
  return notification;
}

describe('fleet', () => {
  it('is stored whole and read back', async () => {
    const { service, rossi } = await withFleet();
    expect(await service.albo.fleet.get(rossi.matricola)).toMatchObject({
      ok: true,
      value: { matricola: rossi.matricola, vehicles: FLEET },
    });
  });

  it('refuses a vehicle without its mass and a window that ends before it starts, naming each field', async () => {
    const { service, rossi } = await withFleet();
    const result = await service.albo.fleet.replace(rossi.matricola, [
      { plate: 'AB101CD', kind: 'vehicle', inFleetFrom: '2016-01-01' },
      { plate: 'AB102CD', kind: 'tractor', massKg: 9000, inFleetFrom: '2016-01-01', inFleetTo: '2015-01-01' },
    ]);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_FLEET',
        issues: [
          { field: '/vehicles/0/massKg', reason: 'is required for a vehicle' },
          { field: '/vehicles/1/towableMassKg', reason: 'is required for a tractor' },
          { field: '/vehicles/1/inFleetTo', reason: 'must not be before inFleetFrom' },
        ],
      },
    });
  });
});

describe('annual fee', () => {
  it('is albo.quota on the fleet of 19 November 2016, with its components', async () => {
    const { service, rossi } = await withFleet();
    expect(await service.albo.quota.execute(rossi.matricola, 2017)).toMatchObject({
      ok: true,
      value: {
        year: 2017,
        amountCents: FLEET_FEE_CENTS,
        fleetReferenceDate: '2016-11-19',
        vehiclesCounted: 3,
        components: FLEET_COMPONENTS,
        paid: null,
      },
    });
  });

  it('is the fixed fee for a company with no fleet recorded', async () => {
    const service = await startAlbo();
    const bianchi = await activeAccount(service, BIANCHI);
    expect(await service.albo.quota.execute(bianchi.matricola, 2017)).toMatchObject({
      ok: true,
      value: { amountCents: 3000, vehiclesCounted: 0 },
    });
  });

  it('is refused for a year without a schedule', async () => {
    const { service, rossi } = await withFleet();
    const result = await service.albo.quota.execute(rossi.matricola, 2018);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', violations: [{ code: 'NO_FEE_SCHEDULE' }] },
    });
  });
});

describe('paying the annual fee', () => {
  it('opens one pagoPA position for the fee, due on the deadline, with a valid notice number', async () => {
    const { service, rossi } = await withFleet();
    const opened = await service.albo.payFee.execute(rossi.matricola, 2017);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value).toMatchObject({
      year: 2017,
      status: 'open',
      amountCents: FLEET_FEE_CENTS,
      dueDate: '2017-02-28',
      created: true,
    });
    expect(opened.value.items.map((i) => i.amountCents)).toEqual(FLEET_COMPONENTS.map((c) => c.amountCents));
    expect(isValidNoticeNumber(opened.value.noticeNumber)).toBe(true);
    expect(opened.value.noticeNumber.slice(1, 3)).toBe('47');
    expect(await resolve(service.container, TOKENS.PaymentGateway).positionStatus(opened.value.iupd)).toBe(
      'VALID',
    );
    const again = await service.albo.payFee.execute(rossi.matricola, 2017);
    expect(again).toMatchObject({ ok: true, value: { paymentId: opened.value.paymentId, created: false } });
  });

  it('is refused before the window opens and after the deadline, with the reason', async () => {
    const early = await withFleet('2016-11-21T12:00:00+01:00');
    expect(await early.service.albo.payFee.execute(early.rossi.matricola, 2017)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', violations: [{ code: 'PAYMENT_WINDOW_NOT_OPEN' }] },
    });
    const late = await withFleet('2017-03-01T09:00:00+01:00');
    expect(await late.service.albo.payFee.execute(late.rossi.matricola, 2017)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', violations: [{ code: 'DEADLINE_PASSED' }] },
    });
  });

  it('accepts the last day, 28 February 2017', async () => {
    const { service, rossi } = await withFleet('2017-02-28T23:30:00+01:00');
    expect((await service.albo.payFee.execute(rossi.matricola, 2017)).ok).toBe(true);
  });

  it('marks the year paid and mails one receipt when pagoPA notifies it, however often', async () => {
    const { service, rossi } = await withFleet();
    const opened = await service.albo.payFee.execute(rossi.matricola, 2017);
    if (!opened.ok) throw new Error(opened.error.code);
    expect(
      await service.albo.receipt.execute(opened.value.paymentId, { matricola: rossi.matricola }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT_NOT_PAID' },
    });
    const notification = await payThroughSimulator(service, opened.value.noticeNumber);
    const record = resolve(service.container, TOKENS.RecordReceipt);
    await Promise.all(Array.from({ length: 10 }, () => record.execute(notification)));

    const account = await resolve(service.container, ALBO_TOKENS.Accounts).findByMatricola(rossi.matricola);
    expect(account?.fees['2017']).toMatchObject({
      paymentId: opened.value.paymentId,
      amountCents: FLEET_FEE_CENTS,
      receiptId: notification.receipt.receiptId,
    });
    expect(account?.events.filter((e) => e.type === 'fee-paid')).toHaveLength(1);
    const receipts = (await service.mailbox(rossi.email)).filter((m) => m.subject.startsWith('Ricevuta'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('Importo pagato: 60,99 €');
    expect(receipts[0]?.text).toMatch(/Pagato il \d\d\/\d\d\/\d{4} \d\d:\d\d tramite /);
    expect(receipts[0]?.text).toContain(opened.value.noticeNumber);

    const receipt = await service.albo.receipt.execute(opened.value.paymentId, {
      matricola: rossi.matricola,
    });
    expect(receipt).toMatchObject({
      ok: true,
      value: {
        year: 2017,
        amountCents: FLEET_FEE_CENTS,
        company: { name: ROSSI.name, matricola: rossi.matricola, registerNumber: ROSSI.registerNumber },
        receipt: { receiptId: notification.receipt.receiptId },
      },
    });
    expect(await service.albo.quota.execute(rossi.matricola, 2017)).toMatchObject({
      ok: true,
      value: { paid: { paymentId: opened.value.paymentId } },
    });
  });

  it('shows a receipt only to the company that paid (and to operators)', async () => {
    const { service, rossi } = await withFleet();
    const bianchi = await activeAccount(service, BIANCHI);
    const opened = await service.albo.payFee.execute(rossi.matricola, 2017);
    if (!opened.ok) throw new Error(opened.error.code);
    await resolve(service.container, TOKENS.RecordReceipt).execute(
      await payThroughSimulator(service, opened.value.noticeNumber),
    );
    expect(
      await service.albo.receipt.execute(opened.value.paymentId, { matricola: bianchi.matricola }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_PAYMENT' },
    });
    expect((await service.albo.receipt.execute(opened.value.paymentId, { operator: true })).ok).toBe(true);
  });
});
