// [§4][§5] The whole CNS procedure over HTTP, as the README walkthrough runs it: application,
// summary in the dev mailbox, agenda and booking, payment through the pagoPA simulator, webcam
// recognition, production with the encrypted codes, shipping, delivery, the timeline; then the
// refusals along the way.
import { describe, expect, it } from 'vitest';
import { json } from '../http/support.js';
import { aFreshServiceForEachTest } from './fresh-service.js';
import { anApplication, FISCAL_CODE, slotsFrom } from './support.js';

const service = aFreshServiceForEachTest();

type Body = Record<string, unknown>;

async function expectStatus(response: Promise<Response>, status: number): Promise<Body> {
  const r = await response;
  const body = await json(r);
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body;
}

describe('the CNS procedure over HTTP', () => {
  it('runs from registration to delivery', async () => {
    const { id, accessToken } = (await expectStatus(
      service.http('POST', '/v1/cns/applications', 'service', anApplication().build()),
      201,
    )) as { id: string; accessToken: string };
    const me = { token: accessToken };
    const app = `/v1/cns/applications/${id}`;

    const mailbox = await expectStatus(
      service.http('GET', '/v1/dev/mailbox?to=mario.rossi@example.it', 'operator'),
      200,
    );
    expect(mailbox.messages).toMatchObject([
      { subject: `Riepilogo della richiesta di rilascio CNS (${id})` },
    ]);

    await expectStatus(
      service.http('POST', '/v1/cns/appointment-slots', 'operator', { slots: slotsFrom(3, '2025-06-20') }),
      201,
    );
    const { slots } = (await expectStatus(service.http('GET', '/v1/cns/appointment-slots', me), 200)) as {
      slots: Array<{ id: string }>;
    };
    expect(slots).toHaveLength(3);
    const booked = await expectStatus(
      service.http('POST', `${app}/appointment`, me, { slotId: slots[0]?.id }),
      200,
    );
    expect(booked.appointment).toMatchObject({ slotId: slots[0]?.id, videoLink: null });

    const payment = await expectStatus(service.http('POST', `${app}/payment`, me), 201);
    expect(payment).toMatchObject({ amountCents: 3500, status: 'open' });
    await expectStatus(
      service.http('POST', '/v1/dev/pagopa/payments', 'operator', { noticeNumber: payment.noticeNumber }),
      200,
    );
    const receipt = await expectStatus(service.http('GET', `${app}/receipt`, me), 200);
    expect(receipt).toMatchObject({
      pspCommissionCents: 100,
      totalCents: 3600,
      vatApplicable: false,
      invoiceIssued: false,
    });
    const paid = await expectStatus(service.http('GET', app, me), 200);
    expect(paid).toMatchObject({
      status: 'paid',
      appointment: { videoLink: expect.stringMatching(/^https:/) },
    });

    service.clock.set('2025-06-20T09:30:00Z');
    const asApplicant = await expectStatus(
      service.http('POST', `${app}/recognition`, me, {
        method: 'webcam',
        outcome: 'completed',
        signedDocuments: ['x'],
      }),
      403,
    );
    expect(asApplicant.code).toBe('FORBIDDEN');
    await expectStatus(
      service.http('POST', `${app}/recognition`, 'operator', {
        method: 'webcam',
        outcome: 'completed',
        signedDocuments: ['richiesta di rilascio'],
      }),
      200,
    );
    const timeline = await expectStatus(service.http('GET', `${app}/timeline`, me), 200);
    expect(timeline).toMatchObject({
      status: 'recognized',
      waitingFor: [],
      clockStart: '2025-06-20',
      productionStartBy: '2025-06-25',
      deliveryFrom: '2025-07-03',
      deliveryTo: '2025-07-07',
    });

    service.clock.set('2025-06-23T08:00:00Z');
    await expectStatus(service.http('POST', `${app}/status`, 'operator', { status: 'in-production' }), 200);
    const codes = await expectStatus(
      service.http('GET', '/v1/dev/mailbox?to=mario.rossi@example.it', 'operator'),
      200,
    );
    expect((codes.messages as Body[])[0]).toMatchObject({ subject: expect.stringContaining('Codici PIN') });
    // [P-DELIVERY] An insured parcel with return receipt: shipped needs its tracking number.
    const untracked = await expectStatus(
      service.http('POST', `${app}/status`, 'operator', { status: 'shipped' }),
      422,
    );
    expect(untracked).toMatchObject({ violations: [{ field: '/trackingNumber' }] });
    const blank = service.http('POST', `${app}/status`, 'operator', {
      status: 'shipped',
      trackingNumber: ' ',
    });
    await expectStatus(blank, 422);
    expect(await expectStatus(service.http('GET', app, me), 200)).toMatchObject({ status: 'in-production' });
    await expectStatus(
      service.http('PATCH', `${app}/shipment`, 'operator', { trackingNumber: 'RR1IT' }),
      409,
    );
    await expectStatus(
      service.http('POST', `${app}/status`, 'operator', { status: 'shipped', trackingNumber: 'RR1IT' }),
      200,
    );
    // A number typed wrong is corrected while the card travels, and the applicant is told.
    const corrected = await expectStatus(
      service.http('PATCH', `${app}/shipment`, 'operator', { trackingNumber: 'RR123456789IT' }),
      200,
    );
    expect(corrected).toMatchObject({ status: 'shipped', trackingNumber: 'RR123456789IT' });
    const told = await expectStatus(
      service.http('GET', '/v1/dev/mailbox?to=mario.rossi@example.it', 'operator'),
      200,
    );
    expect((told.messages as Body[])[0]).toMatchObject({ text: expect.stringContaining('RR123456789IT') });
    await expectStatus(service.http('PATCH', `${app}/shipment`, me, { trackingNumber: 'X' }), 403);
    await expectStatus(service.http('POST', `${app}/status`, 'operator', { status: 'delivered' }), 200);
    const done = await expectStatus(service.http('GET', `${app}/timeline`, me), 200);
    expect((done.events as Array<{ status: string }>).map((e) => e.status)).toEqual([
      'registered',
      'paid',
      'recognized',
      'in-production',
      'shipped',
      'delivered',
    ]);

    // After delivery the applicant's token only reads and asks for revocation; an operator's
    // correction is refused by cns.rectification with the remedy.
    expect(
      await expectStatus(service.http('PATCH', app, me, { contact: { email: 'nuovo@example.it' } }), 403),
    ).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('revocation') });
    const late = await expectStatus(
      service.http('PATCH', app, 'operator', { contact: { email: 'nuovo@example.it' } }),
      422,
    );
    expect(late).toMatchObject({
      code: 'POLICY_DENIED',
      remedy: 'revoke-and-reissue',
      violations: [{ code: 'NO_RECTIFICATION_AFTER_PRODUCTION', field: '/contact/email' }],
    });
    const revoked = await expectStatus(
      service.http('POST', `${app}/revocation`, me, { reason: 'email errata' }),
      201,
    );
    const fresh = revoked.newApplication as { id: string; accessToken: string };
    const again = await expectStatus(
      service.http('GET', `/v1/cns/applications/${fresh.id}`, { token: fresh.accessToken }),
      200,
    );
    expect(again).toMatchObject({ status: 'registered', replaces: id, payment: null });
  });

  it('refuses what does not fit the state or the policies, in problem+json', async () => {
    const { id, accessToken } = (await expectStatus(
      service.http('POST', '/v1/cns/applications', 'service', anApplication().recognisedBy('cns').build()),
      201,
    )) as { id: string; accessToken: string };
    const me = { token: accessToken };
    const app = `/v1/cns/applications/${id}`;
    expect(
      await expectStatus(service.http('POST', `${app}/status`, 'operator', { status: 'shipped' }), 409),
    ).toMatchObject({
      code: 'APPLICATION_STATE_CONFLICT',
      applicationStatus: 'registered',
    });
    expect(
      (await expectStatus(service.http('POST', `${app}/status`, me, { status: 'shipped' }), 403)).code,
    ).toBe('FORBIDDEN');
    // A certificate described in JSON proves nothing: it must be X.509 with a signature (or come
    // from the TLS proxy), see http-recognition-cns.test.ts.
    const described = {
      method: 'cns',
      certificate: {
        subjectCN: `${FISCAL_CODE}/123`,
        keyUsage: ['digitalSignature'],
        notAfter: '2027-01-01',
      },
    };
    expect(await expectStatus(service.http('POST', `${app}/recognition`, me, described), 400)).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: expect.arrayContaining([{ field: '/certificate', reason: 'must be string' }]),
    });
    expect(
      await expectStatus(service.http('POST', `${app}/recognition`, me, { method: 'fax' }), 400),
    ).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: [{ field: '/method' }],
    });
    expect(await expectStatus(service.http('GET', `${app}/receipt`, me), 409)).toMatchObject({
      code: 'APPLICATION_STATE_CONFLICT',
    });
    expect(
      await expectStatus(service.http('POST', `${app}/revocation`, me, { reason: 'x' }), 409),
    ).toMatchObject({
      code: 'APPLICATION_STATE_CONFLICT',
    });
    const empty = await expectStatus(service.http('POST', `${app}/appointment`, me, {}), 409);
    expect(empty.code).toBe('APPLICATION_STATE_CONFLICT');
    const bad = await expectStatus(
      service.http('POST', '/v1/cns/appointment-slots', 'operator', { slots: [{ startsAt: 'soon' }] }),
      400,
    );
    expect(bad).toMatchObject({ code: 'INVALID_REQUEST', violations: [{ field: '/slots/0/startsAt' }] });
    expect(
      (
        await expectStatus(
          service.http('POST', '/v1/cns/appointment-slots', me, { slots: slotsFrom(1) }),
          403,
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('answers NO_SLOTS_AVAILABLE from cns.appointment when the agenda is empty', async () => {
    const { id, accessToken } = (await expectStatus(
      service.http('POST', '/v1/cns/applications', 'service', anApplication().build()),
      201,
    )) as { id: string; accessToken: string };
    const body = await expectStatus(
      service.http('POST', `/v1/cns/applications/${id}/appointment`, { token: accessToken }),
      422,
    );
    expect(body).toMatchObject({
      code: 'POLICY_DENIED',
      policy: 'cns.appointment',
      violations: [{ code: 'NO_SLOTS_AVAILABLE' }],
    });
  });
});
