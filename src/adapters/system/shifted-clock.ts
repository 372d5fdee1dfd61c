// The embedded default's clock when CLOCK_AT is set: it starts at 10:00 (Europe/Rome) of that day
// and runs at the normal pace, so the 2017 procedures (simplified registration from 13 February,
// payments until 28 February) can be tried today. Never used unless CLOCK_AT is given.
import { DateTime } from 'luxon';
import type { Clock } from '../../application/ports/clock.js';
import { ZONE } from '../../domain/dates.js';

export function shiftedClock(startDate: string, realNow: () => number = Date.now): Clock {
  const start = DateTime.fromISO(`${startDate}T10:00:00`, { zone: ZONE }).toMillis();
  const startedAt = realNow();
  return { now: () => new Date(start + (realNow() - startedAt)) };
}
