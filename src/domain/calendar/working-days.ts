// Working days for the Torino Chamber of Commerce [P-TIMELINE]: Monday–Friday that are not public
// holidays per the dated holiday calendar (a parameter maintainers edit). Pure: no I/O, no clock.
import { DateTime } from 'luxon';
import { digitsAt, isIsoDate } from '../dates.js';
import type { DatedValue } from '../types.js';
import { dayNumber, dayNumberOf, dayOfYear, isLeapYear, isoOf, weekdayOf } from './day-numbers.js';

/** `date` is `MM-DD` (same day every year) or `easter-monday`. */
export type HolidayEntry = { date: string; name: string };
export type HolidayCalendar = DatedValue<HolidayEntry[] | null>[];

// Dates are calendar dates in Europe/Rome (see types.ts). Stepping through calendar dates gives the
// same days in every zone; in UTC every day is exactly 24 h and luxon needs no Intl offset lookup,
// which in 'Europe/Rome' would dominate this hot path.
const UTC = { zone: 'utc' } as const;
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^\d{2}-\d{2}$/;
const EASTER_MONDAY = 'easter-monday';

function parse(date: string): DateTime {
  const dt = ISO_DATE.test(date) ? DateTime.fromISO(date, UTC) : null;
  if (!dt?.isValid) throw new Error(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return dt;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const easterCache = new Map<number, string>();

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const cached = easterCache.get(year);
  if (cached !== undefined) return cached;
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  easterCache.set(year, iso);
  return iso;
}

/** The calendar entry in force on `date`: the last one with `from <= date`; null if none or unset. */
export function holidaysInForce(
  calendar: HolidayCalendar,
  date: string,
): { entries: HolidayEntry[]; from: string; source: string } | null {
  // History is sorted by `from` (a parameter invariant) and short: scan from the newest.
  for (let i = calendar.length - 1; i >= 0; i--) {
    const entry = calendar[i];
    if (entry !== undefined && entry.from <= date) {
      return entry.value === null ? null : { entries: entry.value, from: entry.from, source: entry.source };
    }
  }
  return null;
}

export function calendarCovers(calendar: HolidayCalendar, date: string): boolean {
  // holidaysInForce(calendar, date) !== null, without building its answer (this runs per decision).
  for (let i = calendar.length - 1; i >= 0; i--) {
    const entry = calendar[i];
    if (entry !== undefined && entry.from <= date) return entry.value !== null;
  }
  return false;
}

// Per holiday list (by identity, so a reloaded calendar never sees stale data) and per year:
// `MM-DD` → name. Built lazily because the same few years are asked for over and over.
const yearTables = new WeakMap<HolidayEntry[], Map<number, Map<string, string>>>();

function holidaysOfYear(entries: HolidayEntry[], year: number): Map<string, string> {
  let byYear = yearTables.get(entries);
  if (byYear === undefined) {
    byYear = new Map();
    yearTables.set(entries, byYear);
  }
  let table = byYear.get(year);
  if (table !== undefined) return table;
  table = new Map();
  for (const { date, name } of entries) {
    const monthDay = date === EASTER_MONDAY ? easterMondayOf(year) : date;
    if (!MONTH_DAY.test(monthDay)) throw new Error(`Unknown holiday date rule: ${JSON.stringify(date)}`);
    const other = table.get(monthDay);
    // Two holidays can share a day (Easter Monday was 25 April in 2011): keep both names.
    table.set(monthDay, other === undefined ? name : `${other} / ${name}`);
  }
  byYear.set(year, table);
  return table;
}

function easterMondayOf(year: number): string {
  return parse(easterSunday(year)).plus({ days: 1 }).toFormat('MM-dd');
}

function lookup(entries: HolidayEntry[], dt: DateTime, iso: string): string | null {
  return holidaysOfYear(entries, dt.year).get(iso.slice(5)) ?? null;
}

/**
 * The holiday's name if `date` is a public holiday per the calendar in force on that date; null
 * otherwise, including when no calendar is in force (no holiday is known then).
 */
export function holidayName(date: string, calendar: HolidayCalendar): string | null {
  const dt = parse(date);
  const inForce = holidaysInForce(calendar, date);
  return inForce === null ? null : lookup(inForce.entries, dt, date);
}

function workingDay(dt: DateTime, iso: string, calendar: HolidayCalendar): boolean {
  const inForce = holidaysInForce(calendar, iso);
  // Checked before the weekday so that an uncovered date throws even on a weekend.
  if (inForce === null) throw new Error(`No holiday calendar in force on ${iso}`);
  return dt.weekday <= 5 && lookup(inForce.entries, dt, iso) === null;
}

/** Monday–Friday and not a holiday. Throws when no calendar is in force: check `calendarCovers`. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  return workingDay(parse(date), date, calendar);
}

/**
 * The date on which the `days`-th working day after `date` falls; the start day is not counted
 * [P-TIMELINE], so `days = 0` returns `date` itself.
 *
 * Looks the answer up instead of walking day by day: the span after `date` is cut into pieces that
 * lie in one year and under one calendar entry (the calendar in force changes only on some entry's
 * `from`), and each piece is answered from that (holiday list, year)'s table of working days
 * (`WorkingYear`, built once): a piece's count of working days is a difference of two ranks, and
 * the n-th working day in it is an array read. Same answers and same errors as
 * `addWorkingDaysStepwise` (test/compile/working-days-fast.property.test.ts), which still handles
 * what this does not model: a calendar whose `from` dates are not all ISO dates, and years past 9999.
 */
export function addWorkingDays(date: string, days: number, calendar: HolidayCalendar): string {
  return new WorkingDayCount(date, calendar).after(days);
}

/** A span of days in one year under one calendar entry, and its working days (see addWorkingDays). */
interface Piece {
  year: number;
  yearStart: number;
  nextYearStart: number;
  /** The piece's last day. */
  end: number;
  /** null for a piece that is only a weekend (never read: it has no working day). */
  table: WorkingYear | null;
  /** Working days of the year before the piece, and through its end. */
  before: number;
  through: number;
}

/** The piece after `last`, or null past 9999-12-31 (the stepwise walk handles that). */
function pieceAfter(
  bounds: Boundaries,
  last: number,
  year: number,
  yearStart: number,
  nextYearStart: number,
): Piece | null {
  const first = last + 1;
  if (first > LAST_DAY) return null;
  if (first >= nextYearStart) {
    year++;
    yearStart = nextYearStart;
    nextYearStart = yearStart + (isLeapYear(year) ? 366 : 365);
  }
  // The piece [first, end]: up to the year's end or the next change of calendar, whichever is first.
  const entries = inForceOn(bounds, first);
  const end = Math.min(nextYearStart, nextBoundaryAfter(bounds, first)) - 1;
  // The day-by-day walk fails on the first day no calendar covers, weekend or not…
  if (entries === null) throw new Error(`No holiday calendar in force on ${isoOf(first)}`);
  // …and reads the holidays only on weekdays: a piece of one weekend, which has none, is skipped
  // without building its table (which throws on an unknown date rule).
  if (end - first < 2 && weekdayOf(first) > 5 && weekdayOf(end) > 5)
    return { year, yearStart, nextYearStart, end, table: null, before: 0, through: 0 };
  const table = workingYear(entries, year, yearStart, nextYearStart - yearStart);
  const before = table.rank[first - yearStart] as number;
  const through = table.rank[end - yearStart + 1] as number;
  return { year, yearStart, nextYearStart, end, table, before, through };
}

/**
 * Counts of working days from one start date under one calendar. What depends on the start alone
 * (checking the date, its day number, the first piece of the span after it) is worked out once, so
 * several counts from the same day (a policy's production date and delivery window) share it.
 */
export class WorkingDayCount {
  /** null: the start date or the calendar is outside what the lookup models (the stepwise walk answers). */
  private readonly bounds: Boundaries | null;
  private readonly startDay: number = 0;
  private readonly startYear: number = 0;
  private readonly startYearStart: number = 0;
  private first: Piece | null | undefined;

  /** `dateChecked`: the caller has just checked that `date` is an ISO date (this runs per count). */
  constructor(
    readonly date: string,
    readonly calendar: HolidayCalendar,
    dateChecked = false,
  ) {
    const bounds = Array.isArray(calendar) ? boundariesOf(calendar) : null;
    this.bounds = bounds !== null && (dateChecked || isIsoDate(date)) ? bounds : null;
    if (this.bounds === null) return;
    const year = digitsAt(date, 0, 4);
    this.startYear = year;
    this.startYearStart = dayNumber(year, 1, 1);
    this.startDay = this.startYearStart + dayOfYear(year, digitsAt(date, 5, 2), digitsAt(date, 8, 2));
  }

  /** The date of the `days`-th working day after the start (the start day not counted). */
  after(days: number): string {
    if (!Number.isInteger(days) || days < 0) throw new Error(`days must be a non-negative integer: ${days}`);
    const bounds = this.bounds;
    if (bounds === null) return addWorkingDaysStepwise(this.date, days, this.calendar);
    if (days === 0) return this.date;
    // Kept only once found: a piece that throws (an uncovered day) throws on every count.
    if (this.first === undefined) {
      const year = this.startYear;
      const yearStart = this.startYearStart;
      this.first = pieceAfter(
        bounds,
        this.startDay,
        year,
        yearStart,
        yearStart + (isLeapYear(year) ? 366 : 365),
      );
    }
    let piece = this.first;
    let remaining = days;
    for (;;) {
      if (piece === null) return addWorkingDaysStepwise(this.date, days, this.calendar);
      const table = piece.table;
      if (table !== null) {
        const target = piece.before + remaining - 1;
        if (target < piece.through) return isoDateOf(table, table.workdays[target] as number);
        remaining -= piece.through - piece.before;
      }
      piece = pieceAfter(bounds, piece.end, piece.year, piece.yearStart, piece.nextYearStart);
    }
  }
}

/** The day-by-day algorithm on luxon dates: the fast loop's oracle and fallback. */
export function addWorkingDaysStepwise(date: string, days: number, calendar: HolidayCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new Error(`days must be a non-negative integer: ${days}`);
  let cursor = parse(date);
  let iso = date;
  for (let counted = 0; counted < days; ) {
    cursor = DateTime.fromMillis(cursor.toMillis() + DAY_MS, UTC);
    iso = cursor.toISODate() as string; // valid: built from a valid date
    if (workingDay(cursor, iso, calendar)) counted++;
  }
  return iso;
}

const LAST_DAY = dayNumber(9999, 12, 31);

interface Boundaries {
  from: number[];
  entries: Array<HolidayEntry[] | null>;
}

// Per calendar (by identity): each entry's start as a day number. Day numbers order like the ISO
// strings holidaysInForce compares only when every `from` is a real date; otherwise null.
const boundaries = new WeakMap<HolidayCalendar, Boundaries | null>();

let lastCalendar: HolidayCalendar | null = null;
let lastBoundaries: Boundaries | null = null;

function boundariesOf(calendar: HolidayCalendar): Boundaries | null {
  if (calendar === lastCalendar) return lastBoundaries;
  let found = boundaries.get(calendar);
  if (found === undefined) found = buildBoundaries(calendar);
  lastCalendar = calendar;
  lastBoundaries = found;
  return found;
}

function buildBoundaries(calendar: HolidayCalendar): Boundaries | null {
  let found: Boundaries | null;
  found = { from: [], entries: [] };
  for (let i = 0; i < calendar.length; i++) {
    const entry = calendar[i];
    if (
      entry === undefined ||
      !isIsoDate(entry.from) ||
      !(entry.value === null || Array.isArray(entry.value))
    ) {
      found = null;
      break;
    }
    found.from.push(dayNumberOf(entry.from));
    found.entries.push(entry.value);
  }
  boundaries.set(calendar, found);
  return found;
}

/** holidaysInForce on day numbers: from the newest entry back, the first starting on or before `day`. */
function inForceOn(bounds: Boundaries, day: number): HolidayEntry[] | null {
  for (let i = bounds.from.length - 1; i >= 0; i--)
    if ((bounds.from[i] as number) <= day) return bounds.entries[i] ?? null;
  return null;
}

function nextBoundaryAfter(bounds: Boundaries, day: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const from of bounds.from) if (from > day && from < next) next = from;
  return next;
}

/**
 * One year under one holiday list: `rank[i]` is the number of working days among the year's first
 * `i` days (index 0 = 1 January; `rank` has one more entry than the year has days), and `workdays`
 * lists the indexes of its working days in order, so the k-th working day of the year (from 0) is
 * `workdays[k]`. `prefix` + `monthDays[i]` is the ISO date of index i.
 */
interface WorkingYear {
  rank: Uint16Array;
  workdays: Uint16Array;
  prefix: string;
  monthDays: readonly string[];
  /** The ISO date of each day answered so far, by index: an answer is then not a new string each time. */
  dates: Array<string | undefined>;
}

function isoDateOf(table: WorkingYear, index: number): string {
  let date = table.dates[index];
  if (date === undefined) {
    date = table.prefix + (table.monthDays[index] as string);
    table.dates[index] = date;
  }
  return date;
}

// Per holiday list (by identity, so a reloaded calendar never sees stale data) and per year; built
// lazily, since the same few years are asked for over and over. The last table found is kept at
// hand: consecutive counts almost always read the same one.
const workingYears = new WeakMap<HolidayEntry[], Map<number, WorkingYear>>();
let lastEntries: HolidayEntry[] | null = null;
let lastYear = Number.NaN;
let lastTable: WorkingYear | null = null;

function workingYear(entries: HolidayEntry[], year: number, yearStart: number, length: number): WorkingYear {
  if (entries === lastEntries && year === lastYear && lastTable !== null) return lastTable;
  let byYear = workingYears.get(entries);
  if (byYear === undefined) {
    byYear = new Map();
    workingYears.set(entries, byYear);
  }
  let table = byYear.get(year);
  if (table === undefined) {
    table = buildWorkingYear(entries, year, yearStart, length);
    byYear.set(year, table);
  }
  lastEntries = entries;
  lastYear = year;
  lastTable = table;
  return table;
}

/** Built from holidaysOfYear, so it throws where that does (an unknown date rule). */
function buildWorkingYear(
  entries: HolidayEntry[],
  year: number,
  yearStart: number,
  length: number,
): WorkingYear {
  const yyyy = String(year).padStart(4, '0');
  const holiday = new Uint8Array(length);
  for (const monthDay of holidaysOfYear(entries, year).keys()) {
    // A key no date of this year has (29 February of a common year) never matches: skip it.
    if (!isIsoDate(`${yyyy}-${monthDay}`)) continue;
    holiday[dayNumber(year, Number(monthDay.slice(0, 2)), Number(monthDay.slice(3, 5))) - yearStart] = 1;
  }
  const rank = new Uint16Array(length + 1);
  const workdays = new Uint16Array(length);
  let count = 0;
  let weekday = weekdayOf(yearStart);
  for (let i = 0; i < length; i++) {
    rank[i] = count;
    if (weekday <= 5 && holiday[i] === 0) workdays[count++] = i;
    weekday = weekday === 7 ? 1 : weekday + 1;
  }
  rank[length] = count;
  return {
    rank,
    workdays: workdays.slice(0, count),
    prefix: `${yyyy}-`,
    monthDays: monthDaysOf(length),
    dates: new Array<string | undefined>(length).fill(undefined),
  };
}

/** `MM-DD` of each day of a year of `length` days (365 or 366), index 0 = 1 January. */
const monthDaysOf = (length: number): readonly string[] => (length === 366 ? LEAP_MONTH_DAYS : MONTH_DAYS);
const monthDaysIn = (leapYear: number): string[] =>
  Array.from({ length: leapYear === 2000 ? 366 : 365 }, (_, i) =>
    isoOf(dayNumber(leapYear, 1, 1) + i).slice(5),
  );
const MONTH_DAYS = monthDaysIn(2001);
const LEAP_MONTH_DAYS = monthDaysIn(2000);
