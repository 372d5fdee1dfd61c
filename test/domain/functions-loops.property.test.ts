// The list functions are plain loops (they run per vehicle of every fleet); each answers exactly as
// the filter/map/reduce one-liner it replaced, kept here as the oracle: holes, non-objects, a band
// object listed twice, long sorted band tables (binary search) and unsorted ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/domain/dates.js';
import { type Band, FUNCTIONS } from '../../src/domain/functions.js';
import { FC_RUNS } from '../support/load-rules.js';

type Args = Record<string, unknown>;

function findBand(value: number, bands: unknown[]): Band | null {
  for (const candidate of bands as Band[])
    if (value >= candidate.min && (candidate.max === null || value <= candidate.max)) return candidate;
  return null;
}

const ORACLES: Record<string, (a: Args) => unknown> = {
  sumField: (a) =>
    (a.list as unknown[]).reduce<number>((total, item) => {
      const v = item !== null && typeof item === 'object' ? (item as Args)[a.field as string] : undefined;
      return total + (typeof v === 'number' ? v : 0);
    }, 0),
  activeOn: (a) =>
    (a.list as unknown[]).filter((item) => {
      if (item === null || typeof item !== 'object') return false;
      const { from, to } = item as Args;
      return (
        typeof from === 'string' &&
        from <= (a.date as string) &&
        (to == null || (to as string) >= (a.date as string))
      );
    }),
  pluckBy: (a) =>
    (a.list as unknown[]).map((item) => {
      const object = item !== null && typeof item === 'object' ? (item as Args) : null;
      const name = (a.fields as Record<string, string>)[String(object === null ? undefined : object.kind)];
      return name === undefined ? null : ((object === null ? undefined : object[name]) ?? null);
    }),
  band: (a) => (a.value == null ? null : findBand(a.value as number, a.bands as unknown[])),
  tallyByBand: (a) => {
    const bands = a.bands as Band[];
    const counts = new Map<Band, number>();
    for (const value of a.values as unknown[]) {
      if (typeof value !== 'number') continue;
      const b = findBand(value, bands);
      if (b) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    return bands
      .filter((b) => counts.has(b))
      .map((b) => ({
        band: b.band,
        count: counts.get(b),
        amountCents: (counts.get(b) ?? 0) * b.amountCents,
      }));
  },
  renameFields: (a) =>
    (a.list as unknown[]).map((item) =>
      Object.fromEntries(Object.entries(item as object).map(([k, v]) => [(a.renames as Args)[k] ?? k, v])),
    ),
  concat: (a) => (a.lists as unknown[]).flatMap((l) => (Array.isArray(l) ? l : [])),
  compact: (a) => (a.list as unknown[]).filter((v) => v !== null && v !== undefined),
  latestDate: (a) =>
    (a.values as unknown[])
      .filter(isIsoDate)
      .reduce<string | null>((latest, d) => (latest === null || d > latest ? d : latest), null),
};

const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (e) {
    return { error: String(e) };
  }
};

/** Arrays with holes sometimes, and now and then an entry that is there but undefined. */
const holey = <T>(item: fc.Arbitrary<T>) =>
  fc
    .array(
      fc.oneof({ weight: 8, arbitrary: fc.option(item, { nil: undefined }) }, fc.constant('undefined')),
      {
        maxLength: 12,
      },
    )
    .map((items) => {
      const out = new Array<T>(items.length);
      items.forEach((v, i) => {
        if (v === 'undefined') out[i] = undefined as T;
        else if (v !== undefined) out[i] = v as T;
      });
      return out;
    });

const date = fc.constantFrom('2016-01-01', '2016-06-30', '2016-11-19', '2017-01-01');
const vehicle = fc.oneof(
  fc.record(
    {
      kind: fc.constantFrom('vehicle', 'tractor', 'other'),
      massKg: fc.integer({ min: 0, max: 40_000 }),
      towableMassKg: fc.integer({ min: 0, max: 40_000 }),
      from: date,
      to: fc.option(date),
    },
    { requiredKeys: ['kind', 'from'] },
  ),
  fc.constantFrom(null, 5, 'x'),
);

/** Bands sorted and disjoint (long ones take the binary search), or any order. */
const bands = fc
  .tuple(fc.integer({ min: 0, max: 14 }), fc.boolean(), fc.boolean())
  .map(([n, openEnded, shuffle]) => {
    const list: Band[] = Array.from({ length: n }, (_, i) => ({
      band: `b${i}`,
      min: i * 3000 + 1,
      max: i * 3000 + 2500,
      amountCents: 100 + i,
    }));
    const last = list.at(-1);
    if (openEnded && last) last.max = null;
    if (shuffle) list.reverse();
    // The same band object listed twice.
    if (n > 2 && shuffle) list.push(list[0] as Band);
    return list;
  });

/** A copy of `list` without its entry at `index` (a hole there). */
function withHole<T>(list: T[], index: number): T[] {
  const copy = [...list];
  delete copy[index];
  return copy;
}

describe('the list functions, as loops', () => {
  it('answer as the one-liners on fleets, band tables and values with holes', () => {
    fc.assert(
      fc.property(
        holey(vehicle),
        bands,
        holey(fc.oneof(fc.integer({ min: -10, max: 50_000 }), fc.constant(null))),
        date,
        (list, table, values, at) => {
          const cases: Array<[string, Args]> = [
            ['activeOn', { list, date: at, fromField: 'from', toField: 'to' }],
            ['pluckBy', { list, by: 'kind', fields: { vehicle: 'massKg', tractor: 'towableMassKg' } }],
            ['tallyByBand', { values, bands: table }],
            // A hole in the table: reported nowhere, and a value that reaches it fails as the scan fails.
            ['tallyByBand', { values, bands: table.length > 1 ? withHole(table, 1) : table }],
            [
              'concat',
              // The outer list has a hole too (where a second copy of list was).
              { lists: withHole([list, values, null, 'x', [], list], 5) },
            ],
            ['compact', { list: [...list, ...values] }],
            ['compact', { list }],
            ['band', { value: values.find((v) => typeof v === 'number') ?? null, bands: table }],
            ['sumField', { list, field: 'massKg' }],
            [
              'renameFields',
              { list: list.filter((v) => v !== null && typeof v === 'object'), renames: { kind: 'type' } },
            ],
            [
              'latestDate',
              {
                values: [
                  ...list.map((v) => (v !== null && typeof v === 'object' ? v.from : v)),
                  '2017-02-30',
                ],
              },
            ],
          ];
          for (const [name, args] of cases) {
            const actual = outcome(() => (FUNCTIONS[name] as (a: Args) => unknown)(args));
            expect(actual, name).toStrictEqual(outcome(() => (ORACLES[name] as (a: Args) => unknown)(args)));
          }
        },
      ),
      { numRuns: FC_RUNS * 5 },
    );
  });
});
