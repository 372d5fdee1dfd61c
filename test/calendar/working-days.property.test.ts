// [P-TIMELINE] Properties of addWorkingDays on the real Torino calendar, random dates 2016–2030.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../../src/domain/calendar/working-days.js';
import { torino } from './torino-calendar.js';

const numRuns = Number(process.env.FC_RUNS ?? 200);

const start = DateTime.fromISO('2016-01-01', { zone: 'Europe/Rome' });
const daysInRange = DateTime.fromISO('2030-12-31', { zone: 'Europe/Rome' }).diff(start, 'days').days;
const isoDate = fc
  .integer({ min: 0, max: daysInRange })
  .map((n) => start.plus({ days: n }).toFormat('yyyy-MM-dd'));
const count = fc.integer({ min: 1, max: 30 });

const nextDay = (iso: string): string =>
  DateTime.fromISO(iso, { zone: 'Europe/Rome' }).plus({ days: 1 }).toFormat('yyyy-MM-dd');

describe('addWorkingDays', () => {
  it('lands on a working day strictly after the start', () => {
    fc.assert(
      fc.property(isoDate, count, (date, n) => {
        const result = addWorkingDays(date, n, torino);
        return result > date && isWorkingDay(result, torino);
      }),
      { numRuns },
    );
  });

  it('is monotonic in the number of days', () => {
    fc.assert(
      fc.property(isoDate, count, count, (date, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return addWorkingDays(date, low, torino) <= addWorkingDays(date, high, torino);
      }),
      { numRuns },
    );
  });

  it('leaves exactly n working days in (date, result]', () => {
    fc.assert(
      fc.property(isoDate, count, (date, n) => {
        const result = addWorkingDays(date, n, torino);
        let working = 0;
        for (let day = nextDay(date); day <= result; day = nextDay(day)) {
          if (isWorkingDay(day, torino)) working++;
        }
        return working === n;
      }),
      { numRuns },
    );
  });
});
