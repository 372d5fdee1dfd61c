// addWorkingDays (made fast for the compiled evaluator's hot path: per holiday list and year, a
// table of working days it looks the answer up in) answers and fails exactly as the day-by-day
// luxon algorithm it replaced, kept as addWorkingDaysStepwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingDaysStepwise,
  type HolidayCalendar,
  type HolidayEntry,
} from '../../src/domain/calendar/working-days.js';
import { FC_RUNS, loadRealRules } from '../support/load-rules.js';
import { shiftDate } from './mutate-facts.js';

const torino = (await loadRealRules()).ruleset.parameters.get('calendar.torino.holidays')
  ?.history as HolidayCalendar;

const outcome = (run: () => string): { value: string } | { error: string } => {
  try {
    return { value: run() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

const dayIn = (from: string, to: string) =>
  fc
    .integer({ min: 0, max: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) })
    .map((n) => shiftDate(from, n));

const anyDate = fc.oneof(
  dayIn('2000-01-01', '2035-12-31'),
  dayIn('0000-01-01', '0200-12-31'),
  dayIn('9999-10-01', '9999-12-31'),
  fc.constantFrom('2011-03-16', '2025-12-31', '2017-02-30', 'not a date'),
);

const entry = fc.constantFrom<HolidayEntry>(
  { date: '01-01', name: 'a' },
  { date: '02-29', name: 'leap' },
  { date: 'easter-monday', name: 'e' },
  { date: '04-25', name: 'b' },
  { date: '12-31', name: 'c' },
  { date: '13-45', name: 'never' },
);
const calendar: fc.Arbitrary<HolidayCalendar> = fc.array(
  fc.record({
    from: fc.oneof(dayIn('0000-01-01', '9999-12-31'), dayIn('2010-01-01', '2030-12-31')),
    value: fc.option(fc.array(entry, { maxLength: 6 }), { freq: 4 }),
    source: fc.constant('test'),
  }),
  { maxLength: 4 },
);

describe('addWorkingDays, day-number loop', () => {
  it('matches the day-by-day algorithm on the real Torino calendar', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 400 }), (date, days) => {
        expect(outcome(() => addWorkingDays(date, days, torino))).toEqual(
          outcome(() => addWorkingDaysStepwise(date, days, torino)),
        );
      }),
      { numRuns: FC_RUNS * 5 },
    );
  });

  it('matches it on random calendars, unsorted, with gaps, unset years and rules that never match', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 60 }), calendar, (date, days, cal) => {
        expect(outcome(() => addWorkingDays(date, days, cal))).toEqual(
          outcome(() => addWorkingDaysStepwise(date, days, cal)),
        );
      }),
      { numRuns: FC_RUNS * 5 },
    );
  });

  it('matches it where the calendar changes within the counted span: short entries, weekend-only ones, bad rules', () => {
    // Entries starting a few days apart around the start date, so that the count crosses several,
    // some of them only a weekend long, some unset, some with a rule that never parses.
    const near = fc.tuple(
      dayIn('2015-12-01', '2016-01-31'),
      fc.array(fc.integer({ min: -5, max: 40 }), { maxLength: 5 }),
    );
    const list = fc.option(
      fc.array(
        fc.constantFrom<HolidayEntry>(
          { date: '01-01', name: 'a' },
          { date: '01-06', name: 'b' },
          { date: '12-25', name: 'c' },
          { date: '13-45', name: 'never' },
          { date: 'pentecost', name: 'bad' },
        ),
        { maxLength: 3 },
      ),
      { freq: 4 },
    );
    fc.assert(
      fc.property(
        near,
        fc.array(list, { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 30 }),
        ([date, offsets], lists, days) => {
          const cal: HolidayCalendar = offsets.map((offset, i) => ({
            from: shiftDate(date, offset),
            value: lists[i] ?? null,
            source: 't',
          }));
          expect(outcome(() => addWorkingDays(date, days, cal))).toEqual(
            outcome(() => addWorkingDaysStepwise(date, days, cal)),
          );
        },
      ),
      { numRuns: FC_RUNS * 5 },
    );
  });

  it('fails alike on a bad day count, an unknown holiday rule and a calendar that is not a list', () => {
    const bad: HolidayCalendar = [
      { from: '2000-01-01', value: [{ date: 'pentecost', name: 'x' }], source: 't' },
    ];
    for (const [date, days, cal] of [
      ['2020-01-01', -1, torino],
      ['2020-01-01', 1.5, torino],
      ['2020-01-01', 3, bad],
      ['2020-01-01', 3, null as unknown as HolidayCalendar],
    ] as const)
      expect(outcome(() => addWorkingDays(date, days, cal))).toEqual(
        outcome(() => addWorkingDaysStepwise(date, days, cal)),
      );
  });
});
