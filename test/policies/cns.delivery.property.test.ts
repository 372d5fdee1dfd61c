// [P-DELIVERY] No shipping abroad: any country but Italy is refused, on any date, confirmed or not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_RUNS } from '../support/load-rules.js';
import { codes, decide, isoDateBetween } from './cns-decide.js';

const POLICY = 'cns.delivery';
const at = isoDateBetween('2016-01-01', '2030-12-31');
const confirmed = fc.option(fc.boolean(), { nil: undefined });
const withConfirmation = <T extends object>(facts: T, c: boolean | undefined) =>
  c === undefined ? facts : { ...facts, attendedAddressConfirmed: c };

describe('cns.delivery', () => {
  it('refuses shipping to any country other than Italy', async () => {
    const foreign = fc.stringMatching(/^[A-Z]{2}$/).filter((c) => c !== 'IT');
    await fc.assert(
      fc.asyncProperty(foreign, confirmed, at, async (country, c, date) => {
        const d = await decide(POLICY, withConfirmation({ mode: 'shipping', address: { country } }, c), date);
        expect(d.outcome).toBe('deny');
        expect(codes(d)).toContain('FOREIGN_SHIPPING');
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('never refuses shipping within Italy as foreign', async () => {
    await fc.assert(
      fc.asyncProperty(confirmed, at, async (c, date) => {
        const d = await decide(
          POLICY,
          withConfirmation({ mode: 'shipping', address: { country: 'IT', province: 'TO' } }, c),
          date,
        );
        expect(codes(d)).not.toContain('FOREIGN_SHIPPING');
      }),
      { numRuns: FC_RUNS },
    );
  });
});
