// An appointment slot's behaviour [P-APPOINTMENT], applied by every agenda adapter: the order in
// which a booking is answered, and each slot's change as a pure transition (null: it does not
// apply, leave the slot).
import type { BookResult, Slot } from './ports/appointment-agenda.js';

export interface BookRequest {
  applicationId: string;
  slotId?: string;
  after: Date;
  at: Date;
}

/** free and not yet started → booked by the application. */
export const booked = (s: Slot, request: BookRequest): Slot | null =>
  s.state === 'free' && s.startsAt > request.after.toISOString()
    ? { ...s, state: 'booked', bookedBy: request.applicationId, bookedAt: request.at.toISOString() }
    : null;

/** Booked by the application → free again. */
export const released = (s: Slot, applicationId: string): Slot | null =>
  s.state === 'booked' && s.bookedBy === applicationId
    ? { ...s, state: 'free', bookedBy: null, bookedAt: null }
    : null;

/** Booked by the application → used: the session took place. */
export const used = (s: Slot, applicationId: string): Slot | null =>
  s.state === 'booked' && s.bookedBy === applicationId ? { ...s, state: 'used' } : null;

/** How an adapter reads and takes slots, each take one atomic conditional write. */
export interface SlotTaking {
  bookedBy(applicationId: string): Promise<Slot | null>;
  exists(slotId: string): Promise<boolean>;
  /** Takes the named slot if `booked` applies to it; null when it does not (taken meanwhile). */
  take(slotId: string, request: BookRequest): Promise<BookResult | null>;
  /** Takes the earliest free slot, trying the next ones when one is taken meanwhile. */
  takeEarliest(request: BookRequest): Promise<BookResult>;
}

/** One slot per application: a held slot is the answer; else the named slot, or the earliest free. */
export async function bookSlot(request: BookRequest, slots: SlotTaking): Promise<BookResult> {
  const held = await slots.bookedBy(request.applicationId);
  if (held) return { outcome: 'already-holding', slot: held };
  if (request.slotId === undefined) return slots.takeEarliest(request);
  if (!(await slots.exists(request.slotId))) return { outcome: 'unknown-slot' };
  return (await slots.take(request.slotId, request)) ?? { outcome: 'taken' };
}
