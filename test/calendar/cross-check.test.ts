// [P-TIMELINE] Cross-check of our working days against an independent source, the `date-holidays`
// library (Italy, Piemonte, Torino: it knows 24 June for Torino itself), for every day of 2016–2030.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { isWorkingDay } from '../../src/domain/calendar/working-days.js';
import { torino } from './torino-calendar.js';

const FIRST_YEAR = 2016;
const LAST_YEAR = 2030;

/**
 * Days on which we knowingly disagree with date-holidays, date → reason. Each must be a real
 * difference, so the table cannot rot. Empty today: date-holidays 3.37 has Torino's 24 June
 * (state 21, region TO) and 4 October from 2026 (L. 8 ottobre 2025 n. 151); its only other
 * one-off, 17 March 2011, lies outside the years checked.
 */
const expectedDifferences: Record<string, string> = {};

function libraryPublicHolidays(): Set<string> {
  // Piemonte is state "21" in date-holidays; region "TO" adds San Giovanni on 24 June.
  const library = new Holidays('IT', '21', 'TO');
  const dates = new Set<string>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const holiday of library.getHolidays(year)) {
      // Observances (Mother's Day) and the like are not days off.
      if (holiday.type === 'public') dates.add(holiday.date.slice(0, 10));
    }
  }
  return dates;
}

it(`agrees with date-holidays on every day ${FIRST_YEAR}–${LAST_YEAR}, but for the listed differences`, () => {
  const holidays = libraryPublicHolidays();
  const found: Record<string, string> = {};
  const last = DateTime.fromISO(`${LAST_YEAR}-12-31`, { zone: 'Europe/Rome' });
  for (
    let day = DateTime.fromISO(`${FIRST_YEAR}-01-01`, { zone: 'Europe/Rome' });
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    const iso = day.toFormat('yyyy-MM-dd');
    const ours = isWorkingDay(iso, torino);
    const theirs = day.weekday <= 5 && !holidays.has(iso);
    if (ours !== theirs) found[iso] = ours ? 'working day for us only' : 'working day for date-holidays only';
  }
  const unexpected = Object.keys(found).filter((date) => !(date in expectedDifferences));
  const stale = Object.keys(expectedDifferences).filter((date) => !(date in found));
  expect({ unexpected: unexpected.map((date) => `${date}: ${found[date]}`), stale }).toEqual({
    unexpected: [],
    stale: [],
  });
});
