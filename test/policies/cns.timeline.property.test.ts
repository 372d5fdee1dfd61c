// [P-TIMELINE] cns.timeline on random dates 2016–2030 against the real Torino calendar parameter.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type HolidayCalendar, isWorkingDay } from '../../src/domain/calendar/working-days.js';
import { FC_RUNS } from '../support/load-rules.js';
import { decide, isoDateBetween, loaded } from './cns-decide.js';

const calendar = loaded.ruleset.parameters.get('calendar.torino.holidays')?.history as HolidayCalendar;
const date = isoDateBetween('2016-01-01', '2030-12-31');
const shift = (iso: string, days: number): string =>
  DateTime.fromISO(iso, { zone: 'Europe/Rome' }).plus({ days }).toFormat('yyyy-MM-dd');

/** A recognition date and, sometimes, a payment up to three weeks before or after it. */
const application = fc
  .tuple(date, fc.option(fc.integer({ min: -21, max: 21 }), { nil: undefined }))
  .map(([recognitionDate, offset]) =>
    offset === undefined
      ? { recognitionDate }
      : { recognitionDate, paymentDate: shift(recognitionDate, offset) },
  );

describe('cns.timeline', () => {
  it('gives working days in order, after both recognition and payment', async () => {
    await fc.assert(
      fc.asyncProperty(application, async (facts) => {
        const clockStart =
          facts.paymentDate !== undefined && facts.paymentDate > facts.recognitionDate
            ? facts.paymentDate
            : facts.recognitionDate;
        const d = await decide('cns.timeline', facts, clockStart);
        const { productionStartBy, deliveryFrom, deliveryTo } = d.outputs as Record<
          'productionStartBy' | 'deliveryFrom' | 'deliveryTo',
          string
        >;
        expect(d.outcome).toBe('allow');
        expect(d.outputs.clockStart).toBe(clockStart);
        for (const day of [productionStartBy, deliveryFrom, deliveryTo])
          expect(isWorkingDay(day, calendar), `${day} is a working day`).toBe(true);
        expect(productionStartBy > clockStart).toBe(true);
        expect(productionStartBy < deliveryFrom).toBe(true);
        expect(deliveryFrom <= deliveryTo).toBe(true);
        expect(productionStartBy > facts.recognitionDate).toBe(true);
      }),
      { numRuns: FC_RUNS },
    );
  });
});
