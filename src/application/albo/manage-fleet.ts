// The fleet of a company [P-QUOTA]: put as a whole (by an operator, or by the company with the full
// profile), read back, and sent to albo.quota as recorded.

import { err, ok } from '../../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { AlboResult } from './errors.js';
import { type Fleet, type FleetVehicle, fleetIssues } from './fleet.js';
import type { AlboAccountRepository } from './ports/account-repository.js';
import type { FleetRepository } from './ports/fleet-repository.js';

export interface FleetView {
  matricola: string;
  vehicles: FleetVehicle[];
  updatedAt: string | null;
}

export class ManageFleet {
  constructor(
    private readonly deps: { accounts: AlboAccountRepository; fleets: FleetRepository; clock: Clock },
  ) {}

  async get(matricola: string): Promise<AlboResult<FleetView>> {
    const account = await this.deps.accounts.findByMatricola(matricola);
    if (!account) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    return ok(view(matricola, await this.deps.fleets.get(account.id)));
  }

  async replace(matricola: string, vehicles: FleetVehicle[]): Promise<AlboResult<FleetView>> {
    const issues = fleetIssues(vehicles);
    if (issues.length > 0) return err({ code: 'INVALID_FLEET', issues });
    const account = await this.deps.accounts.findByMatricola(matricola);
    if (!account) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    const fleet = await this.deps.fleets.replace(
      account.id,
      vehicles.map(cleanVehicle),
      this.deps.clock.now().toISOString(),
    );
    return ok(view(matricola, fleet));
  }
}

const view = (matricola: string, fleet: Fleet | null): FleetView => ({
  matricola,
  vehicles: fleet?.vehicles ?? [],
  updatedAt: fleet?.updatedAt ?? null,
});

/** Only the fields albo.quota knows, without undefined ones (its schema refuses unknown fields). */
export function cleanVehicle(v: FleetVehicle): FleetVehicle {
  return {
    plate: v.plate,
    kind: v.kind,
    ...(v.massKg !== undefined ? { massKg: v.massKg } : {}),
    ...(v.towableMassKg !== undefined ? { towableMassKg: v.towableMassKg } : {}),
    inFleetFrom: v.inFleetFrom,
    ...(v.inFleetTo !== undefined ? { inFleetTo: v.inFleetTo } : {}),
  };
}
