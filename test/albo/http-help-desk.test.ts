// [§5] Help-desk routes: assistance tickets and the outreach list, for operators; the OpenAPI
// document carries the register's routes and schemas.
import { describe, expect, it } from 'vitest';
import { json } from '../http/support.js';
import { activeAccount, NEW_PASSWORD, PNG_BASE64, ROSSI, startAlbo } from './support.js';

const ticket = {
  description: 'Errore durante la registrazione: PEC non riconosciuta.',
  registerNumber: ROSSI.registerNumber,
  phone: '011 5678901',
};

describe('assistance tickets', () => {
  it('are recorded by the help-desk service and read by operators, the screenshot only one by one', async () => {
    const service = await startAlbo();
    const created = await service.call('POST', '/v1/albo/assistance-tickets', 'service', {
      ...ticket,
      screenshot: { contentType: 'image/png', dataBase64: PNG_BASE64 },
    });
    expect(created.status).toBe(201);
    const { id, screenshot } = await json<{ id: string; screenshot: Record<string, unknown> }>(created);
    expect(screenshot).toEqual({ contentType: 'image/png', sizeBytes: 12 });

    const list = await json<{ tickets: Array<{ id: string; screenshot: Record<string, unknown> }> }>(
      await service.call('GET', '/v1/albo/assistance-tickets?status=open', 'operator'),
    );
    expect(list.tickets.map((t) => t.id)).toEqual([id]);
    expect(list.tickets[0]?.screenshot).not.toHaveProperty('dataBase64');
    const one = await json<{ screenshot: { dataBase64: string } }>(
      await service.call('GET', `/v1/albo/assistance-tickets/${id}`, 'operator'),
    );
    expect(one.screenshot.dataBase64).toBe(PNG_BASE64);
    expect((await service.call('GET', '/v1/albo/assistance-tickets/nope', 'operator')).status).toBe(404);
    expect((await service.call('GET', '/v1/albo/assistance-tickets', 'service')).status).toBe(403);
  });

  it('refuses missing fields, a too large screenshot and a fake image', async () => {
    const service = await startAlbo();
    const post = (body: unknown) => service.call('POST', '/v1/albo/assistance-tickets', 'service', body);
    const missing = await post({ description: 'Non riesco a pagare la quota.' });
    expect(missing.status).toBe(400);
    const fields = (await json<{ violations: Array<{ field: string }> }>(missing)).violations.map(
      (v) => v.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['/registerNumber', '/phone']));
    const big = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(520 * 1024),
    ]);
    const tooLarge = await post({
      ...ticket,
      screenshot: { contentType: 'image/png', dataBase64: big.toString('base64') },
    });
    expect(tooLarge.status).toBe(422);
    expect(await json(tooLarge)).toMatchObject({ code: 'INVALID_SCREENSHOT' });
    const fake = await post({
      ...ticket,
      screenshot: { contentType: 'image/png', dataBase64: Buffer.from('<html>').toString('base64') },
    });
    expect(await json(fake)).toMatchObject({ code: 'INVALID_SCREENSHOT' });
  });
});

describe('GET /v1/albo/outreach/{year}', () => {
  it('lists the companies to call, for operators only', async () => {
    const service = await startAlbo();
    const rossi = await activeAccount(service, ROSSI);
    const response = await service.call('GET', '/v1/albo/outreach/2017', 'operator');
    expect(response.status).toBe(200);
    const list = await json<{
      notPaid: number;
      companies: Array<{ matricola: string | null; reason: string }>;
    }>(response);
    expect(list.notPaid).toBe(1);
    expect(list.companies.find((c) => c.matricola === rossi.matricola)?.reason).toBe('not-paid');
    expect((await service.call('GET', '/v1/albo/outreach/20x7', 'operator')).status).toBe(400);
    // [P-QUOTA] No schedule for 2018: a refusal, not "not-paid" for everyone.
    const unscheduled = await service.call('GET', '/v1/albo/outreach/2018', 'operator');
    expect(unscheduled.status).toBe(422);
    expect(await json(unscheduled)).toMatchObject({
      code: 'POLICY_DENIED',
      violations: [{ code: 'NO_FEE_SCHEDULE' }],
    });
    expect((await service.call('GET', '/v1/albo/outreach/2017', 'service')).status).toBe(403);
    const { token } = await json<{ token: string }>(
      await service.call('POST', '/v1/albo/sessions', 'service', {
        matricola: rossi.matricola,
        password: NEW_PASSWORD,
      }),
    );
    expect((await service.call('GET', '/v1/albo/outreach/2017', { token })).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('publishes the register routes and their schemas', async () => {
    const service = await startAlbo();
    const doc = await json<{
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>(await service.request('/openapi.json'));
    for (const path of [
      '/v1/albo/registrations',
      '/v1/albo/sessions',
      '/v1/albo/accounts/{matricola}/password',
      '/v1/albo/password-resets',
      '/v1/albo/quotas/{year}',
      '/v1/albo/payments',
      '/v1/albo/payments/{id}/receipt',
    ])
      expect(doc.paths).toHaveProperty([path]);
    expect(doc.components.schemas).toHaveProperty(['Albo.RegistrationBody']);
    expect(doc.components.schemas).toHaveProperty(['Albo.FeeReceipt']);
  });
});
