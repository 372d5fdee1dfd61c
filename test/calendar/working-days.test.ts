// [P-TIMELINE] Working days in Torino, on the real calendar data in rules/calendars.
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarCovers,
  easterSunday,
  type HolidayCalendar,
  holidayName,
  holidaysInForce,
  isWorkingDay,
} from '../../src/domain/calendar/working-days.js';
import { torino } from './torino-calendar.js';

describe('easterSunday', () => {
  it.each([
    [2011, '2011-04-24'],
    [2016, '2016-03-27'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i falls on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('the calendar in force', () => {
  it('starts on 2001-01-01: earlier dates are not covered', () => {
    expect(calendarCovers(torino, '2000-12-31')).toBe(false);
    expect(calendarCovers(torino, '2001-01-01')).toBe(true);
    expect(holidaysInForce(torino, '2000-12-31')).toBeNull();
  });

  it('reports the entry in force with its source', () => {
    const inForce = holidaysInForce(torino, '2027-10-04');
    expect(inForce?.from).toBe('2026-01-01');
    expect(inForce?.source).toContain('L. 8 ottobre 2025 n. 151');
  });

  it('an uncovered date makes isWorkingDay and addWorkingDays throw, and has no holiday name', () => {
    expect(() => isWorkingDay('2000-06-01', torino)).toThrow(/No holiday calendar in force/);
    expect(() => isWorkingDay('2000-06-03', torino)).toThrow(/No holiday calendar in force/);
    expect(() => addWorkingDays('2000-12-29', 1, torino)).toThrow(/No holiday calendar in force/);
    expect(holidayName('2000-12-25', torino)).toBeNull();
  });

  it('a null value unsets the calendar from its date', () => {
    const ending: HolidayCalendar = [...torino, { from: '2040-01-01', value: null, source: 'test' }];
    expect(calendarCovers(ending, '2039-12-31')).toBe(true);
    expect(calendarCovers(ending, '2040-01-01')).toBe(false);
  });
});

describe('holidays in Torino', () => {
  it.each([
    ['2016-03-28', "Lunedì dell'Angelo"],
    ['2024-04-01', "Lunedì dell'Angelo"],
    ['2025-04-21', "Lunedì dell'Angelo"],
    ['2024-06-24', 'San Giovanni Battista, patrono di Torino'],
    ['2025-04-25', 'Anniversario della Liberazione'],
    ['2024-06-03', null],
    ['2025-06-02', 'Festa della Repubblica'],
    ['2025-01-06', 'Epifania'],
    ['2024-12-26', 'Santo Stefano'],
  ])('%s: %s', (date, name) => {
    expect(holidayName(date, torino)).toBe(name);
    expect(isWorkingDay(date, torino)).toBe(name === null);
  });

  it('Easter Monday on 25 April 2011 keeps both names', () => {
    expect(holidayName('2011-04-25', torino)).toBe("Lunedì dell'Angelo / Anniversario della Liberazione");
  });

  it('17 March was a holiday in 2011 only (D.L. 5/2011)', () => {
    expect(isWorkingDay('2011-03-17', torino)).toBe(false);
    expect(isWorkingDay('2011-03-18', torino)).toBe(true);
    expect(isWorkingDay('2016-03-17', torino)).toBe(true);
  });

  it('4 October is a holiday from 2026 only (L. 151/2025)', () => {
    expect(isWorkingDay('2024-10-04', torino)).toBe(true); // Friday
    expect(holidayName('2026-10-04', torino)).toMatch(/San Francesco/); // a Sunday anyway
    expect(isWorkingDay('2027-10-04', torino)).toBe(false); // Monday
  });

  it('2 June is a holiday again from 2001 (L. 336/2000)', () => {
    expect(holidayName('2003-06-02', torino)).toBe('Festa della Repubblica'); // Monday
  });

  it('Saturdays and Sundays are never working days', () => {
    expect(isWorkingDay('2024-06-22', torino)).toBe(false);
    expect(isWorkingDay('2024-06-23', torino)).toBe(false);
    expect(holidayName('2024-06-22', torino)).toBeNull();
    expect(isWorkingDay('2024-06-21', torino)).toBe(true);
  });

  it('rejects dates that are not ISO calendar dates', () => {
    expect(() => isWorkingDay('2024-02-30', torino)).toThrow(/Not an ISO date/);
    expect(() => isWorkingDay('2024-06-21T10:00', torino)).toThrow(/Not an ISO date/);
  });
});

describe('addWorkingDays (the start day is not counted)', () => {
  it.each([
    ['0 days: the date itself', '2024-06-22', 0, '2024-06-22'],
    ['over a weekend', '2024-05-31', 1, '2024-06-03'],
    ['over a weekend and 24 June', '2024-06-21', 1, '2024-06-25'],
    ['over Easter Monday', '2024-03-28', 2, '2024-04-02'],
    ['over Easter Monday 2025 and 25 April', '2025-04-18', 4, '2025-04-28'],
    ['over Christmas and St Stephen', '2024-12-23', 3, '2024-12-30'],
    ['over Christmas, St Stephen and New Year into 2025', '2024-12-23', 5, '2025-01-02'],
    ['the 10 working days of delivery over 24 June', '2024-06-14', 10, '2024-07-01'],
  ])('%s', (_label, from, days, expected) => {
    expect(addWorkingDays(from, days, torino)).toBe(expected);
  });

  it('rejects negative or fractional days', () => {
    expect(() => addWorkingDays('2024-06-21', -1, torino)).toThrow();
    expect(() => addWorkingDays('2024-06-21', 1.5, torino)).toThrow();
  });
});
