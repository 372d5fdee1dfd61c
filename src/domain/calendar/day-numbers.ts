// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), for loops that step
// through days without building a date object or a string per day. Algorithms: H. Hinnant,
// "chrono-Compatible Low-Level Date Algorithms" (days_from_civil / civil_from_days).
import { digitsAt } from '../dates.js';

export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  // `| 0`: day numbers fit in 32 bits, and int arithmetic keeps `%` off the floating-point path.
  return (era * 146097 + doe - 719468) | 0;
}

/** [year, month, day] of a day number. */
export function civilDate(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(days: number): number {
  const w = ((days | 0) + 3) % 7;
  return (w < 0 ? w + 7 : w) + 1;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** `YYYY-MM-DD` for years 0000–9999. */
export function isoOf(days: number): string {
  const [y, m, d] = civilDate(days);
  return `${TWO_DIGITS[Math.floor(y / 100)]}${TWO_DIGITS[y % 100]}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

/** The day number of a valid `YYYY-MM-DD` date (validity is the caller's concern). */
export function dayNumberOf(iso: string): number {
  return dayNumber(digitsAt(iso, 0, 4), digitsAt(iso, 5, 2), digitsAt(iso, 8, 2));
}

/** Whether `year` is a Gregorian leap year. */
export const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days from 1 January to a valid date of `year` (0 on 1 January). */
export function dayOfYear(year: number, month: number, day: number): number {
  return (DAYS_BEFORE_MONTH[month - 1] as number) + (month > 2 && isLeapYear(year) ? 1 : 0) + day - 1;
}
