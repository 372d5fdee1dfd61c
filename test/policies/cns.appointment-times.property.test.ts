// [P-APPOINTMENT] When appointments may be and until when they may change: a slot on a Saturday or
// a Sunday is always refused, a working-day slot inside the hours always allowed; a change is allowed
// exactly when the appointment starts at least the deadline's hours from now.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { FC_RUNS } from '../support/load-rules.js';
import { codes, decide, isoDateBetween } from './cns-decide.js';

const AT = '2025-06-16';
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const halfHourSlot = (date: string, startMinute: number) =>
  decide(
    'cns.appointment-slot',
    { date, dayBefore: addDays(date, -1), startMinute, endMinute: startMinute + 30 },
    AT,
  );

describe('cns.appointment-slot', () => {
  it('refuses every weekend slot, whatever its hours', async () => {
    await fc.assert(
      fc.asyncProperty(
        isoDateBetween('2025-01-01', '2026-12-31').filter((d) => [0, 6].includes(weekday(d))),
        fc.integer({ min: 0, max: 1409 }),
        async (date, startMinute) => {
          const d = await halfHourSlot(date, startMinute);
          expect(codes(d)).toContain('SLOT_NOT_WORKING_DAY');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('allows a half-hour slot from 09:00 to 16:30 on a weekday in June 2025 that is not 24 June', async () => {
    await fc.assert(
      fc.asyncProperty(
        isoDateBetween('2025-06-03', '2025-06-30').filter(
          (d) => ![0, 6].includes(weekday(d)) && d !== '2025-06-24',
        ),
        fc.integer({ min: 540, max: 990 }),
        async (date, startMinute) => {
          const d = await halfHourSlot(date, startMinute);
          expect(d.outcome).toBe('allow');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});

describe('cns.appointment-change', () => {
  it('allows a change exactly when the appointment is at least 24 hours away', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: -48, max: 200, noNaN: true }), async (hoursBefore) => {
        const d = await decide('cns.appointment-change', { hoursBefore }, AT);
        expect(d.outcome).toBe(hoursBefore >= 24 ? 'allow' : 'deny');
      }),
      { numRuns: FC_RUNS },
    );
  });
});
