// The MongoDB CNS adapters run the contract suites the in-memory ones run (a fresh database each),
// and the agenda's one-slot rules are checked under load across several adapter instances, as
// several processes of the service would share one database.
import { describe, expect, it } from 'vitest';
import { LOCK_COLLECTION } from '../../src/adapters/mongo/document-lock.js';
import { MongoCnsAgenda } from '../../src/adapters/mongo/mongo-cns-agenda.js';
import { MongoCnsApplications } from '../../src/adapters/mongo/mongo-cns-applications.js';
import type { BookResult, Slot } from '../../src/application/cns/ports/appointment-agenda.js';
import { cnsApplicationRepositoryContract } from '../contracts/cns-application-repository.contract.js';
import { appointmentAgendaContract } from '../contracts/cns-appointment-agenda.contract.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

const NOW = new Date('2025-06-16T08:00:00Z');

/** `count` slots from tomorrow, two desks per half hour. */
const slots = (count: number): Slot[] =>
  Array.from({ length: count }, (_, i) => {
    const start = Date.parse('2025-06-17T07:00:00Z') + Math.floor(i / 2) * 1_800_000;
    return {
      id: `s${i}`,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 1_800_000).toISOString(),
      desk: String((i % 2) + 1),
      state: 'free',
      bookedBy: null,
      bookedAt: null,
    };
  });

const bookedSlots = (results: BookResult[]) =>
  results.flatMap((r) => (r.outcome === 'booked' ? [r.slot] : []));

describeMongo('CNS adapters', () => {
  cnsApplicationRepositoryContract(
    'MongoCnsApplications',
    async () => new MongoCnsApplications(await freshDatabase()),
  );
  appointmentAgendaContract('MongoCnsAgenda', async () => new MongoCnsAgenda(await freshDatabase()));

  describe('MongoCnsAgenda under load', () => {
    it('gives 50 slots to exactly 50 of 200 parallel bookings, no slot twice', async () => {
      const db = await freshDatabase();
      const agendas = Array.from({ length: 4 }, () => new MongoCnsAgenda(db));
      await agendas[0]?.add(slots(50));
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          agendas[i % agendas.length]?.book({ applicationId: `app${i}`, after: NOW, at: NOW }),
        ),
      );
      const booked = bookedSlots(results.flatMap((r) => (r ? [r] : [])));
      expect(booked).toHaveLength(50);
      expect(new Set(booked.map((s) => s.id)).size).toBe(50);
      expect(new Set(booked.map((s) => s.bookedBy)).size).toBe(50);
      expect(results.filter((r) => r?.outcome === 'none-free')).toHaveLength(150);
      const agenda = new MongoCnsAgenda(db);
      expect(await agenda.countFree(NOW)).toBe(0);
      for (const slot of booked) expect(await agenda.get(slot.id)).toEqual(slot);
    }, 60_000);

    for (const named of [true, false])
      it(`books once for two parallel bookings by the same application (${named ? 'slots named' : 'earliest'})`, async () => {
        const db = await freshDatabase();
        const [one, two] = [new MongoCnsAgenda(db), new MongoCnsAgenda(db)];
        await one.add(slots(4));
        const results = await Promise.all([
          one.book({ applicationId: 'app', ...(named ? { slotId: 's1' } : {}), after: NOW, at: NOW }),
          two.book({ applicationId: 'app', ...(named ? { slotId: 's2' } : {}), after: NOW, at: NOW }),
        ]);
        const booked = bookedSlots(results);
        expect(booked).toHaveLength(1);
        expect(results).toContainEqual({ outcome: 'already-holding', slot: booked[0] });
        expect(await one.bookedBy('app')).toEqual(booked[0]);
        expect(await one.countFree(NOW)).toBe(3);
      });

    it('stores no derived field in what it answers, and breaks a lock a dead holder left', async () => {
      const db = await freshDatabase();
      const agenda = new MongoCnsAgenda(db);
      await agenda.add(slots(1));
      await db
        .collection(LOCK_COLLECTION)
        .insertOne({ _id: 'cns_slots/s0' as never, token: 'dead', until: new Date(Date.now() - 1_000) });
      const booked = await agenda.book({ applicationId: 'app', slotId: 's0', after: NOW, at: NOW });
      expect(booked).toEqual({
        outcome: 'booked',
        slot: { ...slots(1)[0], state: 'booked', bookedBy: 'app', bookedAt: NOW.toISOString() },
      });
      expect(await db.collection(LOCK_COLLECTION).countDocuments()).toBe(0);
    });
  });
});
