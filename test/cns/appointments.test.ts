// [P-APPOINTMENT] The weekly agenda: loaded by operators, free slots listed, one slot per
// applicant and one applicant per slot under concurrent bookings, NO_SLOTS_AVAILABLE from the
// policy when none is left.
import { describe, expect, it } from 'vitest';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import { resolve } from '../../src/adapters/tokens.js';
import type { CnsApplication } from '../../src/application/cns/application.js';
import type { ApplicationInput } from '../../src/application/cns/application-input.js';
import { aFreshServiceForEachTest } from './fresh-service.js';
import {
  anApplication,
  aRegisteredApplication,
  deniedCodes,
  errorOf,
  slotsFrom,
  successValue,
} from './support.js';

const service = aFreshServiceForEachTest();

const register = (input?: ApplicationInput) => aRegisteredApplication(service, input);

/** Stored directly, without a key pair, so that many applicants can be made quickly. */
async function storedApplicants(template: CnsApplication, count: number): Promise<string[]> {
  const repo = resolve(service.container, CNS_TOKENS.Applications);
  const ids = Array.from({ length: count }, (_, i) => `applicant-${i}`);
  for (const id of ids) await repo.insert({ ...structuredClone(template), id, outbox: [] });
  return ids;
}

describe('the appointment agenda', () => {
  it('lists only free future slots, earliest first, and skips a slot loaded twice', async () => {
    const loaded = successValue(await service.cns.loadAgenda.execute(slotsFrom(4)));
    expect(loaded.added).toHaveLength(4);
    const again = successValue(await service.cns.loadAgenda.execute(slotsFrom(1)));
    expect(again).toMatchObject({ added: [], skipped: 1 });
    service.clock.set('2025-06-17T09:10:00Z');
    const free = await service.cns.listFreeSlots.execute();
    expect(free.map((s) => s.startsAt)).toEqual(
      slotsFrom(4)
        .slice(1)
        .map((s) => s.startsAt),
    );
    expect(free[0]?.endsAt).toBe('2025-06-17T10:00:00.000Z');
  });

  it('refuses a slot that ends before it starts', async () => {
    const result = await service.cns.loadAgenda.execute([
      { startsAt: '2025-06-17T09:00:00Z', endsAt: '2025-06-17T08:00:00Z' },
    ]);
    expect(errorOf(result)).toMatchObject({ code: 'INVALID_INPUT', violations: [{ field: '/slots/0' }] });
  });

  it('books the slot asked for, then refuses it to another applicant and a second one to the first', async () => {
    await service.cns.loadAgenda.execute(slotsFrom(2));
    const [first, second] = await service.cns.listFreeSlots.execute();
    const mario = await register();
    const booked = successValue(await service.cns.book.execute(mario.id, first?.id));
    expect(booked.appointment).toMatchObject({ slotId: first?.id, startsAt: first?.startsAt });
    const anna = await register(anApplication().withEmail('anna@example.it').build());
    expect(errorOf(await service.cns.book.execute(anna.id, first?.id))).toMatchObject({ code: 'SLOT_TAKEN' });
    expect(errorOf(await service.cns.book.execute(mario.id, second?.id))).toMatchObject({
      code: 'APPOINTMENT_ALREADY_BOOKED',
    });
    expect(errorOf(await service.cns.book.execute(anna.id, 'no-such-slot'))).toMatchObject({
      code: 'UNKNOWN_SLOT',
    });
    expect((await service.mail('mario.rossi@example.it')).map((m) => m.subject)).toContainEqual(
      expect.stringContaining('Appuntamento'),
    );
  });

  it('stops with NO_SLOTS_AVAILABLE, from cns.appointment, when the agenda is empty', async () => {
    const mario = await register();
    expect(deniedCodes(await service.cns.book.execute(mario.id))).toEqual(['NO_SLOTS_AVAILABLE']);
  });

  it('needs no appointment for recognition by CNS', async () => {
    await service.cns.loadAgenda.execute(slotsFrom(1));
    const holder = await register(anApplication().recognisedBy('cns').build());
    expect(errorOf(await service.cns.book.execute(holder.id))).toMatchObject({ code: 'STATE_CONFLICT' });
  });

  it('gives 50 slots to exactly 50 of 200 applicants booking at once, no slot twice', async () => {
    await service.cns.loadAgenda.execute(slotsFrom(50));
    const ids = await storedApplicants(await register(), 200);
    const results = await Promise.all(ids.map((id) => service.cns.book.execute(id)));
    const booked = results.flatMap((r) => (r.ok && r.value.appointment ? [r.value.appointment.slotId] : []));
    expect(booked).toHaveLength(50);
    expect(new Set(booked).size).toBe(50);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(150);
    for (const r of refused) expect(deniedCodes(r)).toEqual(['NO_SLOTS_AVAILABLE']);
    expect(await service.cns.listFreeSlots.execute()).toEqual([]);
  });

  it('gives one applicant booking 20 times at once a single slot', async () => {
    await service.cns.loadAgenda.execute(slotsFrom(30));
    const mario = await register();
    const results = await Promise.all(Array.from({ length: 20 }, () => service.cns.book.execute(mario.id)));
    const slots = new Set(results.flatMap((r) => (r.ok ? [r.value.appointment?.slotId] : [])));
    expect(slots.size).toBe(1);
    expect(await service.cns.listFreeSlots.execute()).toHaveLength(29);
    expect((await service.cns.get(mario.id))?.appointment?.slotId).toBe([...slots][0]);
  });
});
