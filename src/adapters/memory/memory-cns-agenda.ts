// The appointment agenda in memory: each booking is one atomic conditional update of a slot, and a
// unique index on the booking application keeps one booked slot per application — what a MongoDB
// findOneAndUpdate on {state: 'free'} and a partial unique index give.
import type { AppointmentAgenda, BookResult, Slot } from '../../application/cns/ports/appointment-agenda.js';
import {
  type BookRequest,
  booked,
  bookSlot,
  released,
  used,
} from '../../application/cns/slot-transitions.js';
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

  async book(request: BookRequest): Promise<BookResult> {
    return bookSlot(request, {
      bookedBy: (applicationId) => this.bookedBy(applicationId),
      exists: async (slotId) => this.slots.get(slotId) !== null,
      take: async (slotId) => this.take(slotId, request),
      takeEarliest: async () => {
        for (const slot of this.free(request.after)) {
          const taken = this.take(slot.id, request);
          if (taken) return taken;
        }
        return { outcome: 'none-free' };
      },
    });
  }

  async release(slotId: string, applicationId: string): Promise<boolean> {
    return Boolean(this.slots.update(slotId, (s) => released(s, applicationId))?.after);
  }

  async markUsed(slotId: string, applicationId: string): Promise<boolean> {
    return Boolean(this.slots.update(slotId, (s) => used(s, applicationId))?.after);
  }

  async bookedBy(applicationId: string): Promise<Slot | null> {
    return this.slots.findOne((s) => s.state === 'booked' && s.bookedBy === applicationId);
  }

  private free(after: Date): Slot[] {
    const from = after.toISOString();
    return this.slots.find((s) => s.state === 'free' && s.startsAt > from).sort(byStart);
  }

  /** The conditional update `booked`; null when it lost the race. */
  private take(slotId: string, request: BookRequest): BookResult | null {
    try {
      const result = this.slots.update(slotId, (s) => booked(s, request));
      return result?.after ? { outcome: 'booked', slot: result.after } : null;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const held = this.slots.findOne((s) => s.state === 'booked' && s.bookedBy === request.applicationId);
      return held ? { outcome: 'already-holding', slot: held } : null;
    }
  }
}
