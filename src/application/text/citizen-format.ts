// How values are written for citizens and companies (e-mails, receipts, printable pages): one
// formatter per kind, shared by every procedure, so the same amount or instant reads alike
// everywhere. Amounts as Italians write them; instants and dates in Europe/Rome, Italian order.
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/dates.js';

/** Euro cents: `1.234,56 €`. */
export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${units},${String(abs % 100).padStart(2, '0')} €`;
}

/** An ISO instant as Europe/Rome local time: `20/01/2017 10:00`. */
export const romeDateTime = (instant: string): string =>
  DateTime.fromISO(instant, { setZone: true }).setZone(ZONE).toFormat('dd/MM/yyyy HH:mm');

/**
 * A date: `20/01/2017`. A calendar date (`YYYY-MM-DD`, already a Europe/Rome day) is only
 * reordered; an instant is the day it falls on in Europe/Rome.
 */
export const romeDate = (date: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
    : DateTime.fromISO(date, { setZone: true }).setZone(ZONE).toFormat('dd/MM/yyyy');
