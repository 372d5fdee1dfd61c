// The appointment agenda in memory: each booking is one atomic conditional update of a slot, and a
// unique index on the booking application keeps one booked slot per application — what a MongoDB
// findOneAndUpdate on {state: 'free'} and a partial unique index give.
import type { AppointmentAgenda, BookResult, Slot } from '../../application/cns/ports/appointment-agenda.js';
import { DuplicateKeyError, MemoryCollection } from './memory-collection.js';

const byStart = (a: Slot, b: Slot) =>
  a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.desk < b.desk ? -1 : a.desk > b.desk ? 1 : 0;

export class MemoryCnsAgenda implements AppointmentAgenda {
  private readonly slots = new MemoryCollection<Slot>({
    startAndDesk: (s) => `${s.startsAt}|${s.desk}`,
    bookedBy: (s) => (s.state === 'booked' && s.bookedBy ? s.bookedBy : undefined),
  });

  async add(slots: Slot[]): Promise<{ added: Slot[]; skipped: number }> {
    const added: Slot[] = [];
    let skipped = 0;
    for (const slot of slots) {
      try {
        added.push(this.slots.insert({ ...slot, state: 'free', bookedBy: null, bookedAt: null }));
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        skipped++;
      }
    }
    return { added, skipped };
  }

  async get(id: string): Promise<Slot | null> {
    return this.slots.get(id);
  }

  async listFree(after: Date, limit: number): Promise<Slot[]> {
    return this.free(after).slice(0, limit);
  }

  async countFree(after: Date): Promise<number> {
    return this.free(after).length;
  }

  async book(request: {
    applicationId: string;
    slotId?: string;
    after: Date;
    at: Date;
  }): Promise<BookResult> {
    const held = await this.bookedBy(request.applicationId);
    if (held) return { outcome: 'already-holding', slot: held };
    if (request.slotId) {
      if (!this.slots.get(request.slotId)) return { outcome: 'unknown-slot' };
      return this.take(request.slotId, request) ?? { outcome: 'taken' };
    }
    for (const slot of this.free(request.after)) {
      const booked = this.take(slot.id, request);
      if (booked) return booked;
    }
    return { outcome: 'none-free' };
  }

  async release(slotId: string, applicationId: string): Promise<boolean> {
    const result = this.slots.update(slotId, (s) =>
      s.state === 'booked' && s.bookedBy === applicationId
        ? { ...s, state: 'free', bookedBy: null, bookedAt: null }
        : null,
    );
    return Boolean(result?.after);
  }

  async markUsed(slotId: string, applicationId: string): Promise<boolean> {
    const result = this.slots.update(slotId, (s) =>
      s.state === 'booked' && s.bookedBy === applicationId ? { ...s, state: 'used' } : null,
    );
    return Boolean(result?.after);
  }

  async bookedBy(applicationId: string): Promise<Slot | null> {
    return this.slots.findOne((s) => s.state === 'booked' && s.bookedBy === applicationId);
  }

  private free(after: Date): Slot[] {
    const from = after.toISOString();
    return this.slots.find((s) => s.state === 'free' && s.startsAt > from).sort(byStart);
  }

  /** The conditional update: free and not yet started → booked; null when it lost the race. */
  private take(slotId: string, request: { applicationId: string; after: Date; at: Date }): BookResult | null {
    const from = request.after.toISOString();
    try {
      const result = this.slots.update(slotId, (s) =>
        s.state === 'free' && s.startsAt > from
          ? { ...s, state: 'booked', bookedBy: request.applicationId, bookedAt: request.at.toISOString() }
          : null,
      );
      return result?.after ? { outcome: 'booked', slot: result.after } : null;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const held = this.slots.findOne((s) => s.state === 'booked' && s.bookedBy === request.applicationId);
      return held ? { outcome: 'already-holding', slot: held } : null;
    }
  }
}
