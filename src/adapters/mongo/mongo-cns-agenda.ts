// The appointment agenda in MongoDB [P-APPOINTMENT]: one document per slot, start and desk unique,
// and one booked slot per application through a derived `holdKey` with a plain unique index (the
// application's id while the slot is booked, the slot's own key otherwise: partial indexes are
// not portable). A booking is one conditional write of a free slot that also sets `holdKey`, so a
// second booked slot for the same application is refused by the index in that same write.
// FerretDB 1.x does not make a conditional write atomic (see document-lock.ts): every write of a
// slot is made holding the slot's lock, which on MongoDB only costs two round trips.
import { type Collection, type Document, type Filter, MongoServerError, type Sort } from 'mongodb';
import type { AppointmentAgenda, BookResult, Slot } from '../../application/cns/ports/appointment-agenda.js';
import {
  type BookRequest,
  booked,
  bookSlot,
  released,
  used,
} from '../../application/cns/slot-transitions.js';
import { DocumentLocks } from './document-lock.js';
import { fromDocument, type IndexSpec, isDuplicateKey, toDocument } from './mongo-documents.js';

const COLLECTION = 'cns_slots';

/** Fields stored for the indexes only, never part of the slot. */
const DERIVED = ['holdKey'] as const;
const unheld = (slotId: string) => `slot:${slotId}`;

export const CNS_SLOT_INDEXES: IndexSpec[] = [
  { collection: COLLECTION, keys: { startsAt: 1, desk: 1 }, name: 'startAndDesk', unique: true },
  { collection: COLLECTION, keys: { holdKey: 1 }, name: 'holdKey', unique: true },
  { collection: COLLECTION, keys: { state: 1, startsAt: 1 }, name: 'freeByStart' },
];

const BY_START: Sort = { startsAt: 1, desk: 1 };

/** Slots tried, or found being written by another booking, before giving up as broken, not busy. */
const MAX_ATTEMPTS = 10_000;

const freeAfter = (after: Date): Filter<Document> => ({
  state: 'free',
  startsAt: { $gt: after.toISOString() },
});

/**
 * A unique index refused the write. MongoDB answers E11000; FerretDB 1.x does so for inserts only,
 * and refuses an update with code 1 and SQLite's "UNIQUE constraint failed".
 */
const refusedByUniqueIndex = (error: unknown): boolean =>
  isDuplicateKey(error) ||
  (error instanceof MongoServerError && /UNIQUE constraint failed/.test(error.message));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class MongoCnsAgenda implements AppointmentAgenda {
  private readonly slots: Collection<Document>;
  private readonly locks: DocumentLocks;
  /** The bookings of the earliest free slot made through this adapter, one after the other (see book). */
  private earliestQueue: Promise<unknown> = Promise.resolve();

  constructor(db: { collection(name: string): Collection<Document> }) {
    this.slots = db.collection(COLLECTION);
    this.locks = new DocumentLocks(db, COLLECTION);
  }

  async add(slots: Slot[]): Promise<{ added: Slot[]; skipped: number }> {
    const added: Slot[] = [];
    let skipped = 0;
    for (const slot of slots) {
      const stored: Slot = { ...slot, state: 'free', bookedBy: null, bookedAt: null };
      try {
        await this.slots.insertOne(toDocument(stored, { holdKey: unheld(slot.id) }));
        added.push(structuredClone(stored));
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        skipped++;
      }
    }
    return { added, skipped };
  }

  async get(id: string): Promise<Slot | null> {
    return this.one({ _id: id });
  }

  async listFree(after: Date, limit: number): Promise<Slot[]> {
    if (limit <= 0) return []; // a limit of 0 would mean none to the server
    const docs = await this.slots.find(freeAfter(after)).sort(BY_START).limit(limit).toArray();
    return docs.map((d) => fromDocument<Slot>(d, DERIVED) as Slot);
  }

  async countFree(after: Date): Promise<number> {
    return this.slots.countDocuments(freeAfter(after));
  }

  async book(request: BookRequest): Promise<BookResult> {
    return bookSlot(request, {
      bookedBy: (applicationId) => this.bookedBy(applicationId),
      exists: async (slotId) =>
        (await this.slots.findOne({ _id: slotId as never }, { projection: { _id: 1 } })) !== null,
      take: (slotId) => this.locks.withLock(slotId, () => this.take(slotId, request)),
      takeEarliest: () => {
        // Parallel bookings all want the same earliest slot: racing for it would multiply failed
        // lock writes (a few thousand for 200 bookings of 50 slots), so this process sends them one
        // at a time; other processes' are kept apart by the slots' locks.
        const booking = this.earliestQueue.then(() => this.bookEarliest(request));
        this.earliestQueue = booking.catch(() => undefined);
        return booking;
      },
    });
  }

  async release(slotId: string, applicationId: string): Promise<boolean> {
    return this.changeBooked(slotId, (s) => released(s, applicationId));
  }

  async markUsed(slotId: string, applicationId: string): Promise<boolean> {
    return this.changeBooked(slotId, (s) => used(s, applicationId));
  }

  async bookedBy(applicationId: string): Promise<Slot | null> {
    return this.one({ holdKey: applicationId, state: 'booked' });
  }

  /**
   * The earliest free slot, trying the next ones when it is taken meanwhile. A slot another
   * booking is writing is passed over, and looked at again before answering that none is free.
   */
  private async bookEarliest(request: BookRequest): Promise<BookResult> {
    const busy = new Set<string>();
    let rounds = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const filter =
        busy.size > 0 ? { ...freeAfter(request.after), _id: { $nin: [...busy] } } : freeAfter(request.after);
      const next = fromDocument<Slot>(
        await this.slots.findOne(filter as Filter<Document>, { sort: BY_START }),
        DERIVED,
      );
      if (next === null) {
        if (busy.size === 0) return { outcome: 'none-free' };
        // Only slots being written are left: once they are, they are booked or free again.
        busy.clear();
        rounds++;
        await pause(Math.min(5 * rounds, 50) * (0.5 + Math.random()));
        continue;
      }
      const slotId = next.id;
      // A lock left by a dead holder is broken when the slot is come back to, not when passed over.
      const tried = await this.locks.tryWithLock(slotId, () => this.take(slotId, request, next), {
        breakStale: rounds > 0,
      });
      if (!tried.locked) busy.add(slotId);
      else if (tried.value) return tried.value;
    }
    throw new Error(`${COLLECTION}: no booking for ${request.applicationId} after ${MAX_ATTEMPTS} attempts`);
  }

  /**
   * The slot's `booked` transition, under its lock: applied to the slot as `seen` (read now when not
   * given), written only while the slot is still free; null when it does not apply or lost the race.
   */
  private async take(slotId: string, request: BookRequest, seen?: Slot): Promise<BookResult | null> {
    const current = seen ?? (await this.get(slotId));
    const next = current && booked(current, request);
    if (!next) return null;
    try {
      const doc = await this.slots.findOneAndUpdate(
        { _id: slotId as never, state: 'free' },
        {
          $set: {
            state: next.state,
            bookedBy: next.bookedBy,
            bookedAt: next.bookedAt,
            holdKey: request.applicationId,
          },
        },
        { returnDocument: 'after' },
      );
      const slot = fromDocument<Slot>(doc, DERIVED);
      return slot ? { outcome: 'booked', slot } : null;
    } catch (e) {
      // `holdKey` taken: a parallel booking by the same application got another slot first.
      if (!refusedByUniqueIndex(e)) throw e;
      const held = await this.bookedBy(request.applicationId);
      return held ? { outcome: 'already-holding', slot: held } : null;
    }
  }

  /**
   * One of the slot's transitions (application/cns/slot-transitions.ts) under the slot's lock, the
   * write guarded by the state it was read in; false when it does not apply.
   */
  private async changeBooked(slotId: string, transition: (slot: Slot) => Slot | null): Promise<boolean> {
    return this.locks.withLock(slotId, async () => {
      const slot = await this.get(slotId);
      const next = slot && transition(slot);
      if (!slot || !next) return false;
      const { id: _id, ...fields } = next;
      const result = await this.slots.updateOne(
        { _id: slotId as never, state: slot.state, bookedBy: slot.bookedBy },
        { $set: { ...fields, holdKey: next.state === 'booked' ? next.bookedBy : unheld(slotId) } },
      );
      return result.matchedCount === 1;
    });
  }

  private async one(filter: Document): Promise<Slot | null> {
    return fromDocument<Slot>(await this.slots.findOne(filter), DERIVED);
  }
}
