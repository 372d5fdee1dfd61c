// A fleet as it stood around the 2017 reference date (19 November 2016), and what albo.quota makes of it.
import type { FleetVehicle } from '../../src/application/albo/fleet.js';

export const FLEET: FleetVehicle[] = [
  { plate: 'AB001CD', kind: 'vehicle', massKg: 18000, inFleetFrom: '2015-03-01' },
  // Entered on the reference date itself: counted (inclusive).
  { plate: 'AB002CD', kind: 'vehicle', massKg: 18000, inFleetFrom: '2016-11-19' },
  // Left on the reference date itself: counted; weighed by its towable mass.
  {
    plate: 'TR003EF',
    kind: 'tractor',
    towableMassKg: 32000,
    inFleetFrom: '2014-01-01',
    inFleetTo: '2016-11-19',
  },
  { plate: 'AB004CD', kind: 'vehicle', massKg: 3500, inFleetFrom: '2016-11-20' },
  { plate: 'AB005CD', kind: 'vehicle', massKg: 7500, inFleetFrom: '2012-05-01', inFleetTo: '2016-11-18' },
];

/** 30.00 fixed + 5.16 (2–5 vehicles) + 2 × 7.75 (11501–26000 kg) + 10.33 (over 26000 kg). */
export const FLEET_FEE_CENTS = 6099;

export const FLEET_COMPONENTS = [
  { code: 'FIXED', amountCents: 3000 },
  { code: 'FLEET_SIZE', band: '2-5', vehicles: 3, amountCents: 516 },
  { code: 'MASS', band: '11501-26000', vehicles: 2, amountCents: 1550 },
  { code: 'MASS', band: 'over-26000', vehicles: 1, amountCents: 1033 },
];
