// Synthetic companies for bench/fee-batch.ts, repeatable (seeded PRNG). Fleet sizes follow a
// power law cut at 300: about 82 % of companies have 1–5 vehicles, a few hundred have 300; with
// the default exponent, 100,000 companies hold about 700,000 vehicles.

/** The register's skew: P(size > x) ≈ x^-0.95, cut at 300 vehicles. */
export const REGISTER_FLEET_ALPHA = 0.95;
export const MAX_FLEET = 300;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FleetEntry {
  plate: string;
  kind: 'vehicle' | 'tractor';
  massKg?: number;
  towableMassKg?: number;
  inFleetFrom: string;
  inFleetTo?: string;
}

const DAY_MS = 86_400_000;
const FROM = Date.UTC(2008, 0, 1);
const dateAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const LETTERS = 'ABCDEFGHJKLMNPRSTVWXYZ';

/** floor(U^(-1/alpha)) cut at `max`: P(size > x) ≈ x^-alpha. */
export function fleetSize(random: () => number, alpha: number, max: number): number {
  return Math.min(max, Math.floor((1 - random()) ** (-1 / alpha)));
}

export function fleet(random: () => number, size: number): FleetEntry[] {
  const vehicles: FleetEntry[] = [];
  for (let i = 0; i < size; i++) {
    const letter = () => LETTERS[Math.floor(random() * LETTERS.length)] as string;
    const from = FROM + Math.floor(random() * 10 * 365) * DAY_MS;
    const entry: FleetEntry =
      random() < 0.15
        ? {
            plate: '',
            kind: 'tractor',
            towableMassKg: 18_000 + Math.floor(random() * 26_000),
            inFleetFrom: dateAt(from),
          }
        : {
            plate: '',
            kind: 'vehicle',
            massKg: 1_500 + Math.floor(random() * 42_500),
            inFleetFrom: dateAt(from),
          };
    entry.plate = `${letter()}${letter()}${String(Math.floor(random() * 1000)).padStart(3, '0')}${letter()}${letter()}`;
    // One vehicle in five has left the fleet, some before the reference date, some after.
    if (random() < 0.2) entry.inFleetTo = dateAt(from + Math.floor(random() * 6 * 365) * DAY_MS);
    vehicles.push(entry);
  }
  return vehicles;
}
