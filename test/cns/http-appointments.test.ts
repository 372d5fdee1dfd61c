// [P-APPOINTMENT] 200 applicants book at once over HTTP, each with their own token, for 50 slots:
// exactly 50 succeed, no slot twice; the others hear NO_SLOTS_AVAILABLE from cns.appointment.
import { describe, expect, it } from 'vitest';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { aStoredApplication } from '../contracts/cns-application-repository.contract.js';
import { json } from '../http/support.js';
import { slotsFrom, startCnsService } from './support.js';

describe('POST /v1/cns/applications/{id}/appointment under concurrency', () => {
  it('gives 50 slots to exactly 50 of 200 parallel bookings, no slot twice', async () => {
    const service = await startCnsService();
    const created = await service.http('POST', '/v1/cns/appointment-slots', 'operator', {
      slots: slotsFrom(50),
    });
    expect(created.status).toBe(201);
    const repo = resolve(service.container, CNS_TOKENS.Applications);
    const tokens = resolve(service.container, TOKENS.TokenIssuer);
    const applicants = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const id = `applicant-${i}`;
        await repo.insert(aStoredApplication(id));
        return { id, token: await tokens.issue({ kind: 'applicant', applicationId: id, epoch: 0 }, 3600) };
      }),
    );
    const responses = await Promise.all(
      applicants.map((a) =>
        service.http('POST', `/v1/cns/applications/${a.id}/appointment`, { token: a.token }, {}),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => json<Record<string, unknown>>(r)));
    const ok = bodies.filter((_, i) => responses[i]?.status === 200);
    const slots = ok.map((b) => (b.appointment as { slotId: string }).slotId);
    expect(ok).toHaveLength(50);
    expect(new Set(slots).size).toBe(50);
    const refused = bodies.filter((_, i) => responses[i]?.status === 422);
    expect(refused).toHaveLength(150);
    for (const body of refused)
      expect(body).toMatchObject({ code: 'POLICY_DENIED', violations: [{ code: 'NO_SLOTS_AVAILABLE' }] });
    const free = await json<{ slots: unknown[] }>(
      await service.http('GET', '/v1/cns/appointment-slots', 'service'),
    );
    expect(free.slots).toEqual([]);
  });
});

describe('when a slot may be [P-APPOINTMENT]', () => {
  it('refuses slots in the past, on Torino holidays and weekends, or outside office hours, storing none', async () => {
    const service = await startCnsService(); // Monday 16 June 2025, 10:00 in Torino
    const load = (slots: Array<{ startsAt: string; endsAt?: string }>) =>
      service.http('POST', '/v1/cns/appointment-slots', 'operator', { slots });
    const past = await load([{ startsAt: '2025-06-16T07:00:00Z' }, ...slotsFrom(1)]);
    expect(past.status).toBe(422);
    expect(await json(past)).toMatchObject({ violations: [{ field: '/slots/0/startsAt' }] });
    const refused = await load([
      ...slotsFrom(1),
      { startsAt: '2025-06-24T09:00:00Z' }, // San Giovanni, Torino's patron
      { startsAt: '2025-06-21T09:00:00Z' }, // a Saturday
      { startsAt: '2025-06-18T06:00:00Z' }, // 08:00 in Torino
      { startsAt: '2025-06-18T14:45:00Z', endsAt: '2025-06-18T15:15:00Z' }, // until 17:15
    ]);
    expect(refused.status).toBe(422);
    const body = await json<{
      code: string;
      violations: Array<{ field: string; code: string; policy: string }>;
    }>(refused);
    expect(body.code).toBe('POLICY_DENIED');
    expect(body.violations.map((v) => [v.field, v.code])).toEqual([
      ['/slots/1', 'SLOT_NOT_WORKING_DAY'],
      ['/slots/2', 'SLOT_NOT_WORKING_DAY'],
      ['/slots/3', 'SLOT_OUTSIDE_OFFICE_HOURS'],
      ['/slots/4', 'SLOT_OUTSIDE_OFFICE_HOURS'],
    ]);
    expect(body.violations[0]?.policy).toBe('cns.appointment-slot');
    const free = await json<{ slots: unknown[] }>(
      await service.http('GET', '/v1/cns/appointment-slots', 'service'),
    );
    expect(free.slots).toEqual([]);
  });

  it('refuses to book a slot the rules no longer allow, and a recognition before the booked time', async () => {
    const service = await startCnsService();
    // A holiday slot stored before the rules refused it (straight into the agenda).
    const agenda = resolve(service.container, CNS_TOKENS.Agenda);
    const holiday = {
      id: 'slot-san-giovanni',
      startsAt: '2025-06-24T09:00:00.000Z',
      endsAt: '2025-06-24T09:30:00.000Z',
      desk: '1',
      state: 'free' as const,
      bookedBy: null,
      bookedAt: null,
    };
    await agenda.add([holiday]);
    const repo = resolve(service.container, CNS_TOKENS.Applications);
    const tokens = resolve(service.container, TOKENS.TokenIssuer);
    await repo.insert(aStoredApplication('applicant-1'));
    const me = {
      token: await tokens.issue({ kind: 'applicant', applicationId: 'applicant-1', epoch: 0 }, 3600),
    };
    const path = '/v1/cns/applications/applicant-1';
    const onHoliday = await service.http('POST', `${path}/appointment`, me, { slotId: holiday.id });
    expect(onHoliday.status).toBe(422);
    expect(await json(onHoliday)).toMatchObject({ violations: [{ code: 'SLOT_NOT_WORKING_DAY' }] });
    expect((await agenda.get(holiday.id))?.state).toBe('free');

    await service.http('POST', '/v1/cns/appointment-slots', 'operator', {
      slots: slotsFrom(1, '2025-06-20'),
    });
    expect((await service.http('POST', `${path}/appointment`, me, {})).status).toBe(200);
    const paid = await repo.get('applicant-1');
    if (!paid) throw new Error('lost the application');
    await repo.replace(
      { ...paid, status: 'paid', contact: { ...paid.contact, mobile: '+39 333 1234567' } },
      paid.version,
      [],
    );
    const session = { method: 'webcam', outcome: 'completed', signedDocuments: ['richiesta'] };
    service.clock.set('2025-06-20T08:59:00Z');
    const early = await service.http('POST', `${path}/recognition`, 'operator', session);
    expect(early.status).toBe(409);
    expect(await json(early)).toMatchObject({ detail: expect.stringContaining('2025-06-20T09:00') });
    service.clock.set('2025-06-20T09:00:00Z');
    expect((await service.http('POST', `${path}/recognition`, 'operator', session)).status).toBe(200);
  });
});

describe('cancelling and moving an appointment [P-APPOINTMENT]', () => {
  async function withApplicants(count: number) {
    const service = await startCnsService(); // Monday 16 June 2025
    const repo = resolve(service.container, CNS_TOKENS.Applications);
    const tokens = resolve(service.container, TOKENS.TokenIssuer);
    const applicants = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const id = `applicant-${i}`;
        await repo.insert(aStoredApplication(id));
        const token = await tokens.issue({ kind: 'applicant', applicationId: id, epoch: 0 }, 90 * 86_400);
        return { path: `/v1/cns/applications/${id}`, as: { token } };
      }),
    );
    const freeSlots = async () =>
      (
        await json<{ slots: Array<{ id: string }> }>(
          await service.http('GET', '/v1/cns/appointment-slots', 'service'),
        )
      ).slots;
    return { service, applicants, freeSlots };
  }

  it('cancels until 24 hours before, freeing the slot; moves to another slot, freeing the old one', async () => {
    const { service, applicants, freeSlots } = await withApplicants(1);
    const [mario] = applicants;
    if (!mario) throw new Error('no applicant');
    await service.http('POST', '/v1/cns/appointment-slots', 'operator', {
      slots: slotsFrom(2, '2025-06-20'),
    });
    const [first, second] = await freeSlots();
    await service.http('POST', `${mario.path}/appointment`, mario.as, { slotId: first?.id });
    const moved = await service.http('PUT', `${mario.path}/appointment`, mario.as, { slotId: second?.id });
    expect(moved.status).toBe(200);
    expect(await json(moved)).toMatchObject({ appointment: { slotId: second?.id } });
    expect((await freeSlots()).map((s) => s.id)).toEqual([first?.id]);

    const cancelled = await service.http('DELETE', `${mario.path}/appointment`, mario.as);
    expect(cancelled.status).toBe(200);
    expect(await json(cancelled)).toMatchObject({ appointment: null });
    expect(await freeSlots()).toHaveLength(2);
    expect((await service.http('DELETE', `${mario.path}/appointment`, mario.as)).status).toBe(409);

    // Less than 24 hours before (assumed deadline, rules/cns/appointment-change.parameters.json).
    await service.http('POST', `${mario.path}/appointment`, mario.as, { slotId: first?.id });
    service.clock.set('2025-06-19T10:00:00Z');
    const late = await service.http('DELETE', `${mario.path}/appointment`, mario.as);
    expect(late.status).toBe(422);
    expect(await json(late)).toMatchObject({
      code: 'POLICY_DENIED',
      violations: [{ code: 'APPOINTMENT_CHANGE_TOO_LATE', policy: 'cns.appointment-change' }],
    });
    expect(
      (await service.http('PUT', `${mario.path}/appointment`, mario.as, { slotId: second?.id })).status,
    ).toBe(422);
    expect(await freeSlots()).toEqual([expect.objectContaining({ id: second?.id })]);
  });

  it('gives a freed slot to exactly one of 40 applicants booking at once', async () => {
    const { service, applicants, freeSlots } = await withApplicants(41);
    const [holder, ...others] = applicants;
    if (!holder) throw new Error('no applicant');
    await service.http('POST', '/v1/cns/appointment-slots', 'operator', {
      slots: slotsFrom(1, '2025-06-20'),
    });
    expect((await service.http('POST', `${holder.path}/appointment`, holder.as, {})).status).toBe(200);
    expect((await service.http('DELETE', `${holder.path}/appointment`, holder.as)).status).toBe(200);
    const [slot] = await freeSlots();
    const responses = await Promise.all(
      others.map((a) => service.http('POST', `${a.path}/appointment`, a.as, { slotId: slot?.id })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 || r.status === 422)).toHaveLength(39);
    expect(await freeSlots()).toEqual([]);
  });
});
