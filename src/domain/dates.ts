// ISO calendar dates in Europe/Rome. Dates travel as `YYYY-MM-DD` strings so that they compare
// lexicographically and serialise without a time zone surprise.
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Rome';
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;
const DASH = 45;

/** The digit at `i`, or NaN: char codes spare the slices and number parsing of a hot path. */
function digitAt(value: string, i: number): number {
  const d = value.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/** `value.slice(from, from + width)` as a number when it is all digits, else NaN. */
export function digitsAt(value: string, from: number, width: number): number {
  let n = 0;
  for (let i = from; i < from + width; i++) n = n * 10 + digitAt(value, i);
  return n;
}

/**
 * A real calendar date written `YYYY-MM-DD` (proleptic Gregorian, years 0000–9999). Answers exactly
 * as `/^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: ZONE }).isValid` did
 * (checked for every year, months 00–13 and days 00–32; test/compile/dates.test.ts keeps a sample)
 * without luxon, which resolves the zone's offset through Intl on each call: this runs on every
 * request, every date operator and every working-day count.
 */
export function isIsoDate(value: unknown): value is string {
  // One decision checks the same date several times (a clock start, then each count from it): the
  // last date found valid answers at once. Equal strings are equally valid, so this is exact.
  if (value === lastValid) return true;
  if (typeof value !== 'string' || value.length !== 10) return false;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return false;
  // Written out rather than through digitsAt: this runs several times per decision.
  const y0 = value.charCodeAt(0) - ZERO;
  const y1 = value.charCodeAt(1) - ZERO;
  const y2 = value.charCodeAt(2) - ZERO;
  const y3 = value.charCodeAt(3) - ZERO;
  const m0 = value.charCodeAt(5) - ZERO;
  const m1 = value.charCodeAt(6) - ZERO;
  const d0 = value.charCodeAt(8) - ZERO;
  const d1 = value.charCodeAt(9) - ZERO;
  // `>>> 0` turns a negative (a char below '0') into a large number: one test per digit.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return false;
  lastValid = value;
  return true;
}

let lastValid = '0000-01-01';

/** -1, 0 or 1; both arguments must be ISO dates. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate() as string;
}

// The Rome day of the last instant asked for, as [from, to) in epoch ms: every request asks for
// "today", and luxon's zone arithmetic goes through Intl on every call.
let lastDay: { from: number; to: number; iso: string } | null = null;

/** The calendar date in Rome of an instant: how the caller's clock becomes the default `at`. */
export function romeDateOf(instant: Date): string {
  const ms = instant.getTime();
  if (lastDay !== null && ms >= lastDay.from && ms < lastDay.to) return lastDay.iso;
  const local = DateTime.fromJSDate(instant, { zone: ZONE });
  const start = local.startOf('day');
  const iso = local.toISODate() as string;
  lastDay = { from: start.toMillis(), to: start.plus({ days: 1 }).toMillis(), iso };
  return iso;
}

/** Whether [from, to] (inclusive, `to` null = open) contains `date`. */
export function withinWindow(date: string, from: string, to: string | null): boolean {
  return from <= date && (to === null || date <= to);
}
