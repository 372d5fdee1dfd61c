// [P-QUOTA] Plates of a fleet: albo.plate accepts every plate of the national series (two letters,
// three digits, two letters, never I, O, Q or U) for either kind and refuses one with a letter the
// series leaves out; the fleet check flags a plate listed twice exactly when its windows share a day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fleetIssues, normalisedPlate } from '../../src/application/albo/fleet.js';
import { FC_RUNS } from '../support/load-rules.js';
import { codes, decide, isoDateBetween } from './cns-decide.js';

const POLICY = 'albo.plate';
const AT = '2017-01-20';
const SERIES_LETTERS = 'ABCDEFGHJKLMNPRSTVWXYZ'.split('');
const letter = fc.constantFrom(...SERIES_LETTERS);
const digits = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
const kind = fc.constantFrom('vehicle' as const, 'tractor' as const);
const seriesPlate = fc
  .tuple(letter, letter, digits, letter, letter)
  .map(([a, b, n, c, d]) => `${a}${b}${n}${c}${d}`);

describe('albo.plate', () => {
  it('accepts every plate of the national series, for a vehicle and a tractor', async () => {
    await fc.assert(
      fc.asyncProperty(seriesPlate, kind, async (plate, k) => {
        expect((await decide(POLICY, { plate, kind: k }, AT)).outcome).toBe('allow');
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('refuses a plate of that shape with a letter the series leaves out', async () => {
    await fc.assert(
      fc.asyncProperty(
        seriesPlate,
        fc.constantFrom('I', 'O', 'Q', 'U'),
        fc.constantFrom(0, 1, 5, 6),
        kind,
        async (plate, left, at, k) => {
          const wrong = `${plate.slice(0, at)}${left}${plate.slice(at + 1)}`;
          expect(codes(await decide(POLICY, { plate: wrong, kind: k }, AT))).toEqual([
            'PLATE_FORMAT_INVALID',
          ]);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});

describe('the fleet check', () => {
  const day = isoDateBetween('2016-01-01', '2016-12-31');
  const window = fc
    .tuple(day, fc.option(day, { nil: undefined }))
    .map(([a, b]) => (b === undefined || b >= a ? { from: a, to: b } : { from: b, to: a }));

  it('flags the same plate, however written, exactly when its two windows share a day', () => {
    fc.assert(
      fc.property(seriesPlate, window, window, (plate, w1, w2) => {
        const entry = (p: string, w: { from: string; to: string | undefined }) => ({
          plate: p,
          kind: 'vehicle' as const,
          massKg: 18000,
          inFleetFrom: w.from,
          ...(w.to === undefined ? {} : { inFleetTo: w.to }),
        });
        const spaced = `${plate.slice(0, 2)} ${plate.slice(2, 5)} ${plate.slice(5)}`.toLowerCase();
        const issues = fleetIssues([entry(plate, w1), entry(spaced, w2)]);
        const shareADay =
          (w1.to === undefined || w2.from <= w1.to) && (w2.to === undefined || w1.from <= w2.to);
        expect(issues.map((i) => i.field)).toEqual(shareADay ? ['/vehicles/1/plate'] : []);
        expect(normalisedPlate(spaced)).toBe(plate);
      }),
      { numRuns: FC_RUNS },
    );
  });
});
