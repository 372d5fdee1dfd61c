// isIsoDate is plain arithmetic now (it was luxon in Europe/Rome, ~20 µs a call, on every date
// operator). It was checked against luxon for every year 0000–9999 × months 00–13 × days 00–32;
// this keeps a sample of that check: years at the edges of the Gregorian rules and random ones.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isIsoDate, romeDateOf, ZONE } from '../../src/domain/dates.js';
import { FC_RUNS } from '../support/load-rules.js';

const byLuxon = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: ZONE }).isValid;
const p = (n: number, width: number) => String(n).padStart(width, '0');

describe('isIsoDate', () => {
  it('agrees with luxon on every month and day of edge years', () => {
    for (const year of [0, 1, 4, 99, 100, 400, 1582, 1900, 1996, 2000, 2016, 2100, 2400, 9996, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const value = `${p(year, 4)}-${p(month, 2)}-${p(day, 2)}`;
          expect(isIsoDate(value), value).toBe(byLuxon(value));
        }
  });

  it('agrees with luxon on random strings of the date shape and others', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .tuple(fc.nat(9999), fc.nat(99), fc.nat(99))
            .map(([y, m, d]) => `${p(y, 4)}-${p(m, 2)}-${p(d, 2)}`),
          fc.string({ maxLength: 12 }),
        ),
        (value) => {
          // Twice, and after a valid date: the last valid date is remembered, an invalid one never.
          expect(isIsoDate(value)).toBe(byLuxon(value));
          expect(isIsoDate(value)).toBe(byLuxon(value));
          isIsoDate('2017-01-15');
          expect(isIsoDate(value)).toBe(byLuxon(value));
        },
      ),
      { numRuns: FC_RUNS * 5 },
    );
    for (const other of [null, 20170115, undefined, {}, ['2017-01-15'], ' 2017-01-15', '2017-01-15\n'])
      expect(isIsoDate(other)).toBe(typeof other === 'string' && byLuxon(other));
  });
});

describe('romeDateOf', () => {
  it('answers as luxon for instants around midnight and the DST changes, in any order', () => {
    const instants = [
      '2026-03-28T22:59:59.999Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T21:59:59.999Z',
      '2026-03-29T22:00:00Z',
      '2026-10-24T21:59:59.999Z',
      '2026-10-24T22:00:00Z',
      '2026-10-25T22:59:59.999Z',
      '2026-10-25T23:00:00Z',
      '2026-11-23T10:00:00Z',
    ];
    const dates = instants.map((i) => new Date(i));
    for (const d of [...dates, ...dates.reverse(), ...dates])
      expect(romeDateOf(d)).toBe(DateTime.fromJSDate(d, { zone: ZONE }).toISODate());
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.nat(172_800_000),
        (ms, step) => {
          for (const t of [ms, ms + step, ms - step]) {
            const d = new Date(t);
            expect(romeDateOf(d)).toBe(DateTime.fromJSDate(d, { zone: ZONE }).toISODate());
          }
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});
