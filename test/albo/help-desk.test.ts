// Help desk (seed 000): assistance tickets with the fields the seed asks for, and the list of
// companies to call for a year: not registered, or registered and not paid.
import { describe, expect, it } from 'vitest';
import { FIXTURE_COMPANIES } from '../../src/adapters/registry/fixture-companies.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { activeAccount, BIANCHI, LO_PRESTI_NO_PHONE, PNG_BASE64, ROSSI, startAlbo } from './support.js';

const ticket = {
  description: 'Il sistema non riconosce la PEC indicata, ancorché esatta.',
  registerNumber: ROSSI.registerNumber,
  phone: '011 5678901',
};

describe('assistance tickets', () => {
  it('records description, screenshot, register number, matricola when known and telephone', async () => {
    const service = await startAlbo();
    const opened = await service.albo.assistance.open({
      ...ticket,
      matricola: 'IT12345678',
      screenshot: { contentType: 'image/png', dataBase64: PNG_BASE64 },
    });
    expect(opened).toMatchObject({
      ok: true,
      value: {
        registerNumber: ROSSI.registerNumber,
        matricola: 'IT12345678',
        phone: '011 5678901',
        status: 'open',
        screenshot: { contentType: 'image/png', sizeBytes: 12 },
      },
    });
    const withoutMatricola = await service.albo.assistance.open(ticket);
    expect(withoutMatricola).toMatchObject({ ok: true, value: { matricola: null, screenshot: null } });
    expect(await service.albo.assistance.list('open')).toHaveLength(2);
  });

  it('refuses a screenshot that is too large, not base64, or not the image it claims to be', async () => {
    const service = await startAlbo();
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(512 * 1024)]).toString('base64');
    for (const [dataBase64, reason] of [
      [big, /at most 524288/],
      ['not base64!', /not base64/],
      [Buffer.from('GIF89a......').toString('base64'), /not an image of type image\/jpeg/],
    ] as const) {
      const result = await service.albo.assistance.open({
        ...ticket,
        screenshot: { contentType: 'image/jpeg', dataBase64 },
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_SCREENSHOT', reason: expect.stringMatching(reason) },
      });
    }
  });
});

describe('outreach list', () => {
  it('lists companies not registered and those registered but not paid, with their telephones', async () => {
    const service = await startAlbo();
    const rossi = await activeAccount(service, ROSSI, { phone: '333 1234567' });
    const bianchi = await activeAccount(service, BIANCHI);
    const opened = await service.albo.payFee.execute(bianchi.matricola, 2017);
    if (!opened.ok) throw new Error(opened.error.code);
    const notification = resolve(service.container, TOKENS.GpdSimulator).pay(
      opened.value.noticeNumber,
      service.clock.now(),
    );
    if (!notification) throw new Error('not paid');
    await resolve(service.container, TOKENS.RecordReceipt).execute(notification);

    const listed = await service.albo.outreach.execute(2017);
    if (!listed.ok) throw new Error(listed.error.code);
    const list = listed.value;
    expect(list.notPaid).toBe(1);
    expect(list.notRegistered).toBe(FIXTURE_COMPANIES.length - 2);
    expect(list.companies.find((c) => c.fiscalCode === BIANCHI.fiscalCode)).toBeUndefined();
    expect(list.companies.find((c) => c.fiscalCode === ROSSI.fiscalCode)).toEqual({
      reason: 'not-paid',
      fiscalCode: ROSSI.fiscalCode,
      registerNumber: ROSSI.registerNumber,
      name: ROSSI.name,
      province: 'TO',
      phones: ['333 1234567', ROSSI.phone],
      matricola: rossi.matricola,
    });
    expect(list.companies.find((c) => c.fiscalCode === LO_PRESTI_NO_PHONE.fiscalCode)).toMatchObject({
      reason: 'not-registered',
      phones: [],
      matricola: null,
    });
    // A year without a fee schedule: no fee is due, so nobody is "not paid" [P-QUOTA].
    expect(await service.albo.outreach.execute(2018)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', violations: [{ code: 'NO_FEE_SCHEDULE' }] },
    });
  });
});
