// A company's fleet as the register records it [P-QUOTA]: each vehicle or tractor with the days it
// entered and left the fleet, so the fee of any year is computed on the fleet of its reference date.

export interface FleetVehicle {
  plate: string;
  /** A tractor (trattore) is weighed by its towable mass. */
  kind: 'vehicle' | 'tractor';
  /** Massa complessiva (kg); a vehicle's. */
  massKg?: number;
  /** Massa rimorchiabile (kg); a tractor's. */
  towableMassKg?: number;
  inFleetFrom: string;
  /** Last day in the fleet (inclusive); absent while still in it. */
  inFleetTo?: string;
}

export interface Fleet {
  /** The account's id. */
  id: string;
  vehicles: FleetVehicle[];
  updatedAt: string;
  version: number;
}

export interface FleetIssue {
  field: string;
  reason: string;
  /** A policy's refusal (albo.plate): its code, its decision. */
  code?: string;
  policy?: string;
  decisionId?: string;
}

/** A plate as registers write it: upper case, no spaces ('ab 123 cd' is AB123CD). */
export const normalisedPlate = (plate: string): string => plate.replace(/\s+/g, '').toUpperCase();

/**
 * Shape checks the request schema cannot express: each kind carries its own mass, a vehicle leaves
 * the fleet on or after the day it entered, and one plate is in the fleet once on any day (else its
 * fee would be charged twice). Plates are compared normalised.
 */
export function fleetIssues(vehicles: readonly FleetVehicle[]): FleetIssue[] {
  const issues: FleetIssue[] = [];
  vehicles.forEach((v, i) => {
    const needed = v.kind === 'vehicle' ? 'massKg' : 'towableMassKg';
    if (v[needed] === undefined)
      issues.push({ field: `/vehicles/${i}/${needed}`, reason: `is required for a ${v.kind}` });
    if (v.inFleetTo !== undefined && v.inFleetTo < v.inFleetFrom)
      issues.push({ field: `/vehicles/${i}/inFleetTo`, reason: 'must not be before inFleetFrom' });
    const plate = normalisedPlate(v.plate);
    const earlier = vehicles.findIndex(
      (o, j) => j < i && normalisedPlate(o.plate) === plate && overlap(o, v),
    );
    if (earlier >= 0)
      issues.push({
        field: `/vehicles/${i}/plate`,
        reason: `is in the fleet as /vehicles/${earlier} on overlapping days`,
      });
  });
  return issues;
}

/** Two windows share a day (both ends inclusive; no end: still in the fleet). */
const overlap = (a: FleetVehicle, b: FleetVehicle): boolean =>
  (a.inFleetTo === undefined || b.inFleetFrom <= a.inFleetTo) &&
  (b.inFleetTo === undefined || a.inFleetFrom <= b.inFleetTo);
