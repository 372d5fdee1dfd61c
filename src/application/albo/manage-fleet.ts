// The fleet of a company [P-QUOTA]: put as a whole (by an operator, or by the company with the full
// profile), read back, and sent to albo.quota as recorded. Plates are stored normalised, each one
// of the Italian formats of its kind (albo.plate), and none twice on the same day.

import { err, ok } from '../../domain/types.js';
import { denialOf } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { Clock } from '../ports/clock.js';
import type { AlboResult } from './errors.js';
import { type Fleet, type FleetIssue, type FleetVehicle, fleetIssues, normalisedPlate } from './fleet.js';
import type { AlboAccountRepository } from './ports/account-repository.js';
import type { FleetRepository } from './ports/fleet-repository.js';

export interface FleetView {
  matricola: string;
  vehicles: FleetVehicle[];
  updatedAt: string | null;
}

export class ManageFleet {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      fleets: FleetRepository;
      decisions: DecisionService;
      clock: Clock;
    },
  ) {}

  async get(matricola: string): Promise<AlboResult<FleetView>> {
    const account = await this.deps.accounts.findByMatricola(matricola);
    if (!account) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    return ok(view(matricola, await this.deps.fleets.get(account.id)));
  }

  async replace(matricola: string, given: FleetVehicle[]): Promise<AlboResult<FleetView>> {
    const vehicles = given.map((v) => ({ ...cleanVehicle(v), plate: normalisedPlate(v.plate) }));
    const shape = fleetIssues(vehicles);
    const plates = await this.plateIssues(vehicles);
    if (!plates.ok) return plates;
    const issues = [...shape, ...plates.value];
    if (issues.length > 0) return err({ code: 'INVALID_FLEET', issues });
    const account = await this.deps.accounts.findByMatricola(matricola);
    if (!account) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    const fleet = await this.deps.fleets.replace(account.id, vehicles, this.deps.clock.now().toISOString());
    return ok(view(matricola, fleet));
  }

  /** albo.plate for each plate and kind (once each), its refusals named by the vehicle's field. */
  private async plateIssues(vehicles: FleetVehicle[]): Promise<AlboResult<FleetIssue[]>> {
    const asked = new Map<string, FleetIssue | null>();
    const issues: FleetIssue[] = [];
    for (const [i, { plate, kind }] of vehicles.entries()) {
      const key = `${kind} ${plate}`;
      if (!asked.has(key)) {
        const decided = await this.deps.decisions.decideInContext({
          policy: 'albo.plate',
          context: { plate, kind },
        });
        if (!decided.ok) return err(decided.error);
        const denial = denialOf(decided.value);
        const violation = denial?.violations[0];
        asked.set(
          key,
          denial && violation
            ? {
                field: '',
                reason: violation.message.en,
                code: violation.code,
                policy: denial.policy,
                decisionId: denial.decisionId,
              }
            : null,
        );
      }
      const issue = asked.get(key);
      if (issue) issues.push({ ...issue, field: `/vehicles/${i}/plate` });
    }
    return ok(issues);
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
