/** A webcam-recognition slot of the weekly agenda [P-APPOINTMENT]. */
export interface Slot {
  id: string;
  startsAt: string;
  endsAt: string;
  /** The operator's desk: two desks may offer the same hour. */
  desk: string;
  /** `used` once the session took place (completed or suspended): it is never free again. */
  state: 'free' | 'booked' | 'used';
  bookedBy: string | null;
  bookedAt: string | null;
}

export type BookResult =
  | { outcome: 'booked'; slot: Slot }
  /** The slot asked for is not free (or already started). */
  | { outcome: 'taken' }
  /** No slot asked for, and none is free. */
  | { outcome: 'none-free' }
  | { outcome: 'unknown-slot' }
  /** The application already holds a booked slot: one slot per application. */
  | { outcome: 'already-holding'; slot: Slot };

/**
 * The agenda of appointment slots. Booking is one atomic conditional write per slot, and an
 * application holds at most one booked slot, even under concurrent bookings.
 */
export interface AppointmentAgenda {
  /** Adds slots; one with the same start and desk as a stored one is skipped. */
  add(slots: Slot[]): Promise<{ added: Slot[]; skipped: number }>;
  get(id: string): Promise<Slot | null>;
  /** Free slots starting after `after`, earliest first. */
  listFree(after: Date, limit: number): Promise<Slot[]>;
  countFree(after: Date): Promise<number>;
  /** Books the given slot, or with none given the earliest free one, starting after `after`. */
  book(request: { applicationId: string; slotId?: string; after: Date; at: Date }): Promise<BookResult>;
  /** Frees the application's booked slot (false when it holds none). */
  release(slotId: string, applicationId: string): Promise<boolean>;
  /** The session took place: the slot is used and the application may book another. */
  markUsed(slotId: string, applicationId: string): Promise<boolean>;
  bookedBy(applicationId: string): Promise<Slot | null>;
}
