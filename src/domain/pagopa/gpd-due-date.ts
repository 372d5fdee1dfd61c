// GPD's PaymentOptionModel.dueDate is `"format": "date-time"` in pagoPA's published document
// (PagoPA API Debt Position v1.1.37, src/adapters/pagopa/published/), and a JSON Schema date-time
// is RFC 3339's, whose offset is required. A due date here is a day in Europe/Rome, payable to its
// end, so GPD gets the last second of that day with Rome's offset on that day.
import { DateTime } from 'luxon';
import { ZONE } from '../dates.js';

/** `2017-02-28` → `2017-02-28T23:59:59+01:00` (`+02:00` in summer time). */
export function gpdDueDateTime(date: string): string {
  const end = DateTime.fromISO(date, { zone: ZONE }).endOf('day').startOf('second');
  if (!end.isValid) throw new Error(`not a date: ${date}`);
  return end.toISO({ suppressMilliseconds: true }) as string;
}
