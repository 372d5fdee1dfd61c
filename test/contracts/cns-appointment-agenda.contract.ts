// The contract every AppointmentAgenda keeps (in memory today, MongoDB later) [P-APPOINTMENT]:
// one applicant per slot and one booked slot per applicant, under concurrency too.
import { describe, expect, it } from 'vitest';
import type { AppointmentAgenda, Slot } from '../../src/application/cns/ports/appointment-agenda.js';

const NOW = new Date('2025-06-16T08:00:00Z');

function slot(id: string, startsAt: string, desk = '1'): Slot {
  const end = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
  return { id, startsAt, endsAt: end, desk, state: 'free', bookedBy: null, bookedAt: null };
}

const week = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    slot(`s${i}`, new Date(Date.parse('2025-06-17T07:00:00Z') + i * 1_800_000).toISOString()),
  );

export function appointmentAgendaContract(
  name: string,
  make: () => AppointmentAgenda | Promise<AppointmentAgenda>,
): void {
  describe(`${name} keeps the AppointmentAgenda contract`, () => {
    it('adds slots and skips one with the same start and desk', async () => {
      const agenda = await make();
      const first = await agenda.add([
        slot('a', '2025-06-17T07:00:00.000Z'),
        slot('b', '2025-06-17T07:00:00.000Z', '2'),
      ]);
      expect(first.added.map((s) => s.id)).toEqual(['a', 'b']);
      const again = await agenda.add([slot('c', '2025-06-17T07:00:00.000Z')]);
      expect(again).toEqual({ added: [], skipped: 1 });
      expect(await agenda.get('c')).toBeNull();
    });

    it('lists and counts the free slots that start after a time, earliest first', async () => {
      const agenda = await make();
      await agenda.add([
        slot('late', '2025-06-18T07:00:00.000Z'),
        slot('past', '2025-06-10T07:00:00.000Z'),
        slot('early', '2025-06-17T07:00:00.000Z'),
      ]);
      expect((await agenda.listFree(NOW, 10)).map((s) => s.id)).toEqual(['early', 'late']);
      expect((await agenda.listFree(NOW, 1)).map((s) => s.id)).toEqual(['early']);
      expect(await agenda.countFree(NOW)).toBe(2);
    });

    it('books a given slot once, and reports unknown and started slots', async () => {
      const agenda = await make();
      await agenda.add([...week(2), slot('past', '2025-06-10T07:00:00.000Z')]);
      const booked = await agenda.book({ applicationId: 'app1', slotId: 's0', after: NOW, at: NOW });
      expect(booked).toMatchObject({
        outcome: 'booked',
        slot: { id: 's0', state: 'booked', bookedBy: 'app1' },
      });
      expect(await agenda.book({ applicationId: 'app2', slotId: 's0', after: NOW, at: NOW })).toEqual({
        outcome: 'taken',
      });
      expect(await agenda.book({ applicationId: 'app2', slotId: 'past', after: NOW, at: NOW })).toEqual({
        outcome: 'taken',
      });
      expect(await agenda.book({ applicationId: 'app2', slotId: 'nope', after: NOW, at: NOW })).toEqual({
        outcome: 'unknown-slot',
      });
      expect((await agenda.bookedBy('app1'))?.id).toBe('s0');
    });

    it('books the earliest free slot when none is named, until none is left', async () => {
      const agenda = await make();
      await agenda.add(week(2));
      expect(await agenda.book({ applicationId: 'a', after: NOW, at: NOW })).toMatchObject({
        slot: { id: 's0' },
      });
      expect(await agenda.book({ applicationId: 'b', after: NOW, at: NOW })).toMatchObject({
        slot: { id: 's1' },
      });
      expect(await agenda.book({ applicationId: 'c', after: NOW, at: NOW })).toEqual({
        outcome: 'none-free',
      });
    });

    it('keeps one booked slot per application', async () => {
      const agenda = await make();
      await agenda.add(week(3));
      await agenda.book({ applicationId: 'a', slotId: 's1', after: NOW, at: NOW });
      expect(await agenda.book({ applicationId: 'a', slotId: 's2', after: NOW, at: NOW })).toMatchObject({
        outcome: 'already-holding',
        slot: { id: 's1' },
      });
      expect(await agenda.countFree(NOW)).toBe(2);
    });

    it('gives 10 slots to exactly 10 of 100 concurrent applicants, no slot twice, one slot each', async () => {
      const agenda = await make();
      await agenda.add(week(10));
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          agenda.book({ applicationId: `app${i % 50}`, after: NOW, at: NOW }),
        ),
      );
      const booked = results.flatMap((r) => (r.outcome === 'booked' ? [r.slot] : []));
      expect(booked).toHaveLength(10);
      expect(new Set(booked.map((s) => s.id)).size).toBe(10);
      expect(new Set(booked.map((s) => s.bookedBy)).size).toBe(10);
      expect(await agenda.countFree(NOW)).toBe(0);
    });

    it('frees a slot for its holder only; a used slot is never free again and its holder may book another', async () => {
      const agenda = await make();
      await agenda.add(week(2));
      await agenda.book({ applicationId: 'a', slotId: 's0', after: NOW, at: NOW });
      expect(await agenda.release('s0', 'b')).toBe(false);
      expect(await agenda.release('s0', 'a')).toBe(true);
      expect(await agenda.countFree(NOW)).toBe(2);
      await agenda.book({ applicationId: 'a', slotId: 's0', after: NOW, at: NOW });
      expect(await agenda.markUsed('s0', 'a')).toBe(true);
      expect((await agenda.get('s0'))?.state).toBe('used');
      expect(await agenda.release('s0', 'a')).toBe(false);
      expect(await agenda.bookedBy('a')).toBeNull();
      expect(await agenda.book({ applicationId: 'a', after: NOW, at: NOW })).toMatchObject({
        slot: { id: 's1' },
      });
    });
  });
}
