import type { Fleet, FleetVehicle } from '../../application/albo/fleet.js';
import type { FleetRepository } from '../../application/albo/ports/fleet-repository.js';
import { MemoryCollection } from './memory-collection.js';

/** Fleets for the embedded default and tests: one document per company, replaced whole. */
export class MemoryAlboFleets implements FleetRepository {
  private readonly fleets = new MemoryCollection<Fleet>();

  async get(companyId: string): Promise<Fleet | null> {
    return this.fleets.get(companyId);
  }

  async replace(companyId: string, vehicles: FleetVehicle[], at: string): Promise<Fleet> {
    const updated = this.fleets.update(companyId, (f) => ({
      ...f,
      vehicles,
      updatedAt: at,
      version: f.version + 1,
    }));
    if (updated?.after) return updated.after;
    return this.fleets.insert({ id: companyId, vehicles, updatedAt: at, version: 1 });
  }
}
