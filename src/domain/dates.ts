// ISO calendar dates in Europe/Rome. Dates travel as `YYYY-MM-DD` strings so that they compare
// lexicographically and serialise without a time zone surprise.
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Rome';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value, { zone: ZONE }).isValid;
}

/** -1, 0 or 1; both arguments must be ISO dates. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate() as string;
}

/** The calendar date in Rome of an instant: how the caller's clock becomes the default `at`. */
export function romeDateOf(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate() as string;
}

/** Whether [from, to] (inclusive, `to` null = open) contains `date`. */
export function withinWindow(date: string, from: string, to: string | null): boolean {
  return from <= date && (to === null || date <= to);
}
