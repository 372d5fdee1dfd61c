// [P-QUOTA] Properties of the annual fee on random fleets, against the real rules/ and the 2017 schedule
// as loaded from rules/albo/quota.parameters.json (never restated here).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOn } from '../../src/application/decisions/decide.js';
import { valueInForce } from '../../src/domain/parameters.js';
import type { Decision } from '../../src/domain/types.js';
import { FC_RUNS, loadRealRules } from '../support/load-rules.js';

interface Band {
  band: string;
  min: number;
  max: number | null;
  amountCents: number;
}
interface Schedule {
  fleetReferenceDate: string;
  fixedCents: number;
  fleetSizeBands: Band[];
  massBands: Band[];
}
interface FleetEntry {
  plate: string;
  kind: 'vehicle' | 'tractor';
  massKg?: number;
  towableMassKg?: number;
  inFleetFrom: string;
  inFleetTo?: string;
}
interface Component {
  code: string;
  band?: string;
  vehicles?: number;
  amountCents: number;
}

const loaded = await loadRealRules();
const AT = '2017-01-15';
const YEAR = 2017;

function scheduleFor(year: number): Schedule | undefined {
  const parameter = loaded.ruleset.parameters.get('albo.quota.schedules');
  if (!parameter) throw new Error('albo.quota.schedules is not loaded');
  return (valueInForce(parameter, AT) as Record<string, Schedule> | null)?.[String(year)];
}
const schedule = scheduleFor(YEAR);
if (!schedule) throw new Error(`no ${YEAR} schedule in rules/`);
const REF = schedule.fleetReferenceDate;

// Calendar arithmetic in UTC: enough for whole days, and much faster than luxon for big fleets.
const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function quota(fleet: FleetEntry[], year = YEAR): Promise<Decision> {
  const result = await decideOn(loaded, { policy: 'albo.quota', facts: { year, fleet }, at: AT }, new Date());
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
const componentsOf = (d: Decision) => d.outputs.components as Component[];
const amountOf = (d: Decision) => d.outputs.amountCents as number;

// Masses around every band edge, and anywhere up to 60 t.
const massKg = fc.oneof(
  fc.integer({ min: 0, max: 60_000 }),
  fc.constantFrom(6000, 6001, 11_500, 11_501, 26_000, 26_001),
);
const plate = fc.integer({ min: 0, max: 999 }).map((n) => `EA${String(n).padStart(3, '0')}AA`);
const withMass = (kind: FleetEntry['kind'], kg: number, ownKg: number | null) =>
  kind === 'vehicle'
    ? { kind, massKg: kg }
    : { kind, towableMassKg: kg, ...(ownKg === null ? {} : { massKg: ownKg }) };
const entry = (window: fc.Arbitrary<{ inFleetFrom: string; inFleetTo?: string }>) =>
  fc
    .record({
      plate,
      kind: fc.constantFrom<FleetEntry['kind']>('vehicle', 'tractor'),
      kg: massKg,
      ownKg: fc.option(massKg),
      window,
    })
    .map(
      ({ plate, kind, kg, ownKg, window }): FleetEntry => ({
        plate,
        ...withMass(kind, kg, ownKg),
        ...window,
      }),
    );

// A window containing the reference date, both ends inclusive.
const countedWindow = fc
  .record({ before: fc.integer({ min: 0, max: 800 }), after: fc.option(fc.integer({ min: 0, max: 400 })) })
  .map(({ before, after }) => ({
    inFleetFrom: addDays(REF, -before),
    ...(after === null ? {} : { inFleetTo: addDays(REF, after) }),
  }));
// A window entirely after, or entirely before, the reference date.
const excludedWindow = fc.oneof(
  fc
    .record({ start: fc.integer({ min: 1, max: 400 }), length: fc.option(fc.integer({ min: 0, max: 400 })) })
    .map(({ start, length }) => ({
      inFleetFrom: addDays(REF, start),
      ...(length === null ? {} : { inFleetTo: addDays(REF, start + length) }),
    })),
  fc
    .record({ end: fc.integer({ min: 1, max: 400 }), length: fc.integer({ min: 0, max: 800 }) })
    .map(({ end, length }) => ({ inFleetFrom: addDays(REF, -end - length), inFleetTo: addDays(REF, -end) })),
);
const counted = entry(countedWindow);
const excluded = entry(excludedWindow);
// Mostly small fleets, sometimes fleets around the 200-vehicle band edge.
const fleet = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(counted, excluded), { maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof({ weight: 9, arbitrary: counted }, { weight: 1, arbitrary: excluded }), {
      minLength: 195,
      maxLength: 240,
    }),
  },
);

/** The fee as the delibera states it, computed independently of the rule file. */
function referenceFee(entries: FleetEntry[], s: Schedule): { amount: number; vehicles: number } {
  const inBand = (value: number, b: Band) => value >= b.min && (b.max === null || value <= b.max);
  const countedEntries = entries.filter(
    (e) =>
      e.inFleetFrom <= s.fleetReferenceDate &&
      (e.inFleetTo === undefined || e.inFleetTo >= s.fleetReferenceDate),
  );
  const size = s.fleetSizeBands.find((b) => inBand(countedEntries.length, b))?.amountCents ?? 0;
  const mass = countedEntries
    .map((e) => (e.kind === 'vehicle' ? e.massKg : e.towableMassKg) ?? 0)
    .map((kg) => s.massBands.find((b) => inBand(kg, b))?.amountCents ?? 0)
    .reduce((a, b) => a + b, 0);
  return { amount: s.fixedCents + size + mass, vehicles: countedEntries.length };
}

describe('albo.quota properties', () => {
  it('the fee is the sum of its components, starts with the fixed fee and is a non-negative integer', async () => {
    await fc.assert(
      fc.asyncProperty(fleet, async (entries) => {
        const d = await quota(entries);
        const components = componentsOf(d);
        const amount = amountOf(d);
        expect(d.outcome).toBe('allow');
        expect(amount).toBe(components.reduce((total, c) => total + c.amountCents, 0));
        expect(Number.isInteger(amount) && amount >= schedule.fixedCents).toBe(true);
        expect(components[0]).toEqual({ code: 'FIXED', amountCents: schedule.fixedCents });
        for (const c of components) expect(Number.isInteger(c.amountCents) && c.amountCents > 0).toBe(true);
        expect(d.outputs.fleetReferenceDate).toBe(REF);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('equals the fee computed directly from the schedule', async () => {
    await fc.assert(
      fc.asyncProperty(fleet, async (entries) => {
        const d = await quota(entries);
        const expected = referenceFee(entries, schedule);
        expect(amountOf(d)).toBe(expected.amount);
        expect(d.outputs.vehiclesCounted).toBe(expected.vehicles);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('has at most one MASS component per band, whose vehicles add up to the heavy counted ones', async () => {
    await fc.assert(
      fc.asyncProperty(fleet, async (entries) => {
        const mass = componentsOf(await quota(entries)).filter((c) => c.code === 'MASS');
        expect(new Set(mass.map((c) => c.band)).size).toBe(mass.length);
        const heavy = entries.filter((e) => {
          const windowHolds = e.inFleetFrom <= REF && (e.inFleetTo === undefined || e.inFleetTo >= REF);
          const kg = (e.kind === 'vehicle' ? e.massKg : e.towableMassKg) ?? 0;
          return windowHolds && kg >= (schedule.massBands[0]?.min ?? Number.POSITIVE_INFINITY);
        });
        expect(mass.reduce((n, c) => n + (c.vehicles ?? 0), 0)).toBe(heavy.length);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('never decreases when a counted vehicle is added, and counts it', async () => {
    await fc.assert(
      fc.asyncProperty(fleet, counted, fc.nat(), async (entries, extra, position) => {
        const before = await quota(entries);
        const grown = [...entries];
        grown.splice(position % (entries.length + 1), 0, extra);
        const after = await quota(grown);
        expect(amountOf(after)).toBeGreaterThanOrEqual(amountOf(before));
        expect(after.outputs.vehiclesCounted).toBe((before.outputs.vehiclesCounted as number) + 1);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('is not changed by vehicles whose window excludes the reference date', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleet,
        fc.array(excluded, { minLength: 1, maxLength: 20 }),
        async (entries, outside) => {
          const before = await quota(entries);
          const after = await quota([...outside, ...entries]);
          expect(after.outputs).toEqual(before.outputs);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('does not depend on the order of the fleet', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleet.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })),
        ),
        async ([entries, shuffled]) => {
          expect((await quota(shuffled)).outputs).toEqual((await quota(entries)).outputs);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('refuses a year without a schedule with no amount, whatever the fleet', async () => {
    const unscheduled = fc.integer({ min: 2000, max: 2100 }).filter((y) => scheduleFor(y) === undefined);
    await fc.assert(
      fc.asyncProperty(unscheduled, fleet, async (year, entries) => {
        const d = await quota(entries, year);
        expect(d.outcome).toBe('deny');
        expect(d.violations.map((v) => v.code)).toEqual(['NO_FEE_SCHEDULE']);
        expect(d.outputs).toEqual({
          amountCents: null,
          fleetReferenceDate: null,
          vehiclesCounted: null,
          components: [],
        });
      }),
      { numRuns: FC_RUNS },
    );
  });
});
