// [P-APPOINTMENT] The weekly agenda: operators load slots, applicants see the free ones and book
// one. cns.appointment decides whether booking can go on; the agenda's atomic booking makes sure a
// slot goes to one application and an application holds one slot, however many book at once.
// cns.appointment-slot decides when a slot may be (Torino working days, office hours), both when
// operators load it and when it is booked (the rules may have changed since); a slot in the past is
// refused outright.

import { DateTime } from 'luxon';
import { addDays } from '../../domain/dates.js';
import { err, ok } from '../../domain/types.js';
import type { PolicyDenied } from '../decisions/check-policy.js';
import type { CnsApplication } from './application.js';
import { changeApplication } from './change-application.js';
import { type CnsError, type Result, stateConflict } from './errors.js';
import { applicationContext } from './facts.js';
import { appointmentMail } from './mails.js';
import { ask, denialOf } from './policies.js';
import type { Slot } from './ports/appointment-agenda.js';
import type { CnsPorts } from './ports/cns-ports.js';

export interface SlotInput {
  startsAt: string;
  endsAt?: string;
  desk?: string;
}

export class LoadAgenda {
  constructor(private readonly deps: CnsPorts) {}

  async execute(slots: SlotInput[]): Promise<Result<{ added: Slot[]; skipped: number }>> {
    const minutes = this.deps.options.slotMinutes;
    const violations = slots.flatMap((s, i) => {
      const start = Date.parse(s.startsAt);
      const end = s.endsAt ? Date.parse(s.endsAt) : start + minutes * 60_000;
      return Number.isNaN(start) || Number.isNaN(end) || end <= start
        ? [{ field: `/slots/${i}`, reason: 'must end after it starts' }]
        : [];
    });
    if (violations.length > 0) return err({ code: 'INVALID_INPUT', violations });
    const now = this.deps.clock.now();
    const proposed: Slot[] = slots.map((s) => {
      const startsAt = new Date(s.startsAt);
      return {
        id: this.deps.ids.next(),
        startsAt: startsAt.toISOString(),
        endsAt: new Date(s.endsAt ?? startsAt.getTime() + minutes * 60_000).toISOString(),
        desk: s.desk ?? '1',
        state: 'free',
        bookedBy: null,
        bookedAt: null,
      };
    });
    const past = proposed.flatMap((s, i) =>
      Date.parse(s.startsAt) <= now.getTime()
        ? [{ field: `/slots/${i}/startsAt`, reason: 'is in the past' }]
        : [],
    );
    if (past.length > 0) return err({ code: 'INVALID_INPUT', violations: past });
    const denials: Array<PolicyDenied & { field: string }> = [];
    for (const [i, slot] of proposed.entries()) {
      const refused = await slotDenial(this.deps, slot);
      if (!refused.ok) return refused;
      if (refused.value) denials.push({ ...refused.value, field: `/slots/${i}` });
    }
    if (denials.length > 0) return err({ code: 'POLICIES_DENIED', denials });
    return ok(await this.deps.agenda.add(proposed));
  }
}

/** cns.appointment-slot on a slot: its Torino day, the day before, start and end in minutes. */
async function slotDenial(deps: CnsPorts, slot: Slot): Promise<Result<PolicyDenied | null>> {
  const start = DateTime.fromISO(slot.startsAt, { zone: ROME });
  const midnight = start.startOf('day');
  const date = start.toISODate() ?? '';
  const minutesOf = (t: DateTime) => Math.round(t.diff(midnight, 'minutes').minutes);
  const answer = await ask(deps.decisions, 'cns.appointment-slot', {
    date,
    dayBefore: addDays(date, -1),
    startMinute: minutesOf(start),
    // A slot running past midnight reads as ending at it: outside any office hours anyway.
    endMinute: Math.min(minutesOf(DateTime.fromISO(slot.endsAt, { zone: ROME })), 1440),
  });
  return answer.ok ? ok(denialOf(answer.value)) : answer;
}

const ROME = 'Europe/Rome';

export class ListFreeSlots {
  constructor(private readonly deps: CnsPorts) {}

  execute(limit = 200): Promise<Slot[]> {
    return this.deps.agenda.listFree(this.deps.clock.now(), limit);
  }
}

const BOOKABLE: ReadonlyArray<CnsApplication['status']> = ['registered', 'paid'];

export class BookAppointment {
  constructor(private readonly deps: CnsPorts) {}

  async execute(applicationId: string, slotId?: string): Promise<Result<CnsApplication>> {
    const app = await this.deps.applications.get(applicationId);
    if (!app) return err({ code: 'UNKNOWN_APPLICATION', applicationId });
    const refused = this.refusal(app);
    if (refused) return err(refused);
    const now = this.deps.clock.now();
    const asked = await this.askPolicy(app, await this.deps.agenda.countFree(now));
    if (!asked.ok) return asked;
    const booked = await this.deps.agenda.book({
      applicationId,
      ...(slotId ? { slotId } : {}),
      after: now,
      at: now,
    });
    let slot: Slot;
    switch (booked.outcome) {
      case 'booked':
      case 'already-holding':
        slot = booked.slot;
        break;
      case 'none-free': {
        // Taken by others since the count: the policy answers again on an empty agenda.
        const again = await this.askPolicy(app, 0);
        return again.ok ? err(stateConflict(app.status, 'No free slot is left.')) : again;
      }
      case 'taken':
        return err({ code: 'SLOT_TAKEN', slotId: slotId ?? '' });
      case 'unknown-slot':
        return err({ code: 'UNKNOWN_SLOT', slotId: slotId ?? '' });
    }
    const allowed = await slotDenial(this.deps, slot);
    const refusal: CnsError | null = !allowed.ok
      ? allowed.error
      : allowed.value
        ? { code: 'POLICIES_DENIED', denials: [allowed.value] }
        : null;
    if (refusal) {
      if (booked.outcome === 'booked') await this.deps.agenda.release(slot.id, applicationId);
      return err(refusal);
    }
    const videoLink = `${this.deps.options.videoRoomBaseUrl}${this.deps.secrets.token(16)}`;
    const saved = await changeApplication(this.deps, applicationId, async (current) => {
      if (current.appointment?.slotId === slot.id) return { ok: true, next: null };
      const refusal = this.refusal(current);
      if (refusal) return { ok: false, error: refusal };
      const appointment = {
        slotId: slot.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        videoLink,
        bookedAt: now.toISOString(),
      };
      const next = { ...current, appointment };
      return { ok: true, next, mail: [appointmentMail(next, slot.startsAt)] };
    });
    // A slot held already (a concurrent request, or one that stopped before updating the
    // application) is adopted, and only a slot this request booked is given back on failure.
    if (!saved.ok && booked.outcome === 'booked') await this.deps.agenda.release(slot.id, applicationId);
    return saved;
  }

  private refusal(app: CnsApplication): CnsError | null {
    if (app.appointment) return { code: 'APPOINTMENT_ALREADY_BOOKED', slotId: app.appointment.slotId };
    if (!BOOKABLE.includes(app.status) || app.recognition)
      return stateConflict(app.status, 'An appointment can be booked only before recognition.');
    if (app.inPersonRecognition)
      return stateConflict(app.status, 'The applicant must be recognised in person at the counter.');
    return null;
  }

  /** cns.appointment: deny NO_SLOTS_AVAILABLE on an empty agenda; no appointment for CNS recognition. */
  private async askPolicy(app: CnsApplication, freeSlots: number): Promise<Result<true>> {
    const answer = await ask(this.deps.decisions, 'cns.appointment', {
      ...applicationContext(app),
      freeSlots,
    });
    if (!answer.ok) return answer;
    const denial = denialOf(answer.value);
    if (denial) return err({ code: 'POLICIES_DENIED', denials: [denial] });
    if (answer.value.outputs.appointmentRequired !== true)
      return err(stateConflict(app.status, 'This recognition method needs no appointment.'));
    return ok(true);
  }
}

/**
 * Cancelling or moving the appointment before it happens [P-APPOINTMENT]: cns.appointment-change
 * decides until when. The application drops the appointment in one versioned update, then the agenda
 * frees the slot in one conditional write (only while this application holds it), so a freed slot is
 * booked by exactly one of those asking for it, as any other.
 */
export class ChangeAppointment {
  constructor(
    private readonly deps: CnsPorts,
    private readonly book: BookAppointment,
  ) {}

  async cancel(applicationId: string): Promise<Result<CnsApplication>> {
    const now = this.deps.clock.now();
    let freed: string | null = null;
    const saved = await changeApplication(this.deps, applicationId, async (current) => {
      const refused = await this.refusal(current, now);
      if (refused) return { ok: false, error: refused };
      freed = current.appointment?.slotId ?? null;
      return { ok: true, next: { ...current, appointment: null } };
    });
    if (saved.ok && freed) await this.deps.agenda.release(freed, applicationId);
    return saved;
  }

  /**
   * Moves to the slot asked for (or the earliest free one). The agenda holds one slot per
   * application, so the old slot is freed first; when the new one cannot be had, the old one is
   * booked again if still free, and the refusal says what happened.
   */
  async move(applicationId: string, slotId?: string): Promise<Result<CnsApplication>> {
    const before = await this.deps.applications.get(applicationId);
    const old = before?.appointment?.slotId;
    if (before && old !== undefined && old === slotId) return ok(before);
    const cancelled = await this.cancel(applicationId);
    if (!cancelled.ok) return cancelled;
    const moved = await this.book.execute(applicationId, slotId);
    if (moved.ok || old === undefined) return moved;
    // The old slot back, if nobody took it meanwhile; the refusal is the new slot's either way.
    await this.book.execute(applicationId, old);
    return moved;
  }

  private async refusal(app: CnsApplication, now: Date): Promise<CnsError | null> {
    if (!app.appointment) return stateConflict(app.status, 'The application holds no appointment.');
    if (app.recognition || !BOOKABLE.includes(app.status))
      return stateConflict(app.status, 'The appointment has taken place.');
    const hoursBefore = (Date.parse(app.appointment.startsAt) - now.getTime()) / 3_600_000;
    const answer = await ask(this.deps.decisions, 'cns.appointment-change', { hoursBefore });
    if (!answer.ok) return answer.error;
    const denial = denialOf(answer.value);
    return denial ? { code: 'POLICIES_DENIED', denials: [denial] } : null;
  }
}
