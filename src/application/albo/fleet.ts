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
}

/**
 * Shape checks the request schema cannot express: each kind carries its own mass, and a vehicle
 * leaves the fleet on or after the day it entered.
 */
export function fleetIssues(vehicles: readonly FleetVehicle[]): FleetIssue[] {
  const issues: FleetIssue[] = [];
  vehicles.forEach((v, i) => {
    const needed = v.kind === 'vehicle' ? 'massKg' : 'towableMassKg';
    if (v[needed] === undefined)
      issues.push({ field: `/vehicles/${i}/${needed}`, reason: `is required for a ${v.kind}` });
    if (v.inFleetTo !== undefined && v.inFleetTo < v.inFleetFrom)
      issues.push({ field: `/vehicles/${i}/inFleetTo`, reason: 'must not be before inFleetFrom' });
  });
  return issues;
}
