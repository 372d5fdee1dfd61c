// Where each company's fleet is kept [P-QUOTA].
import type { Fleet, FleetVehicle } from '../fleet.js';

export interface FleetRepository {
  get(companyId: string): Promise<Fleet | null>;
  /** Replaces the whole fleet in one write. */
  replace(companyId: string, vehicles: FleetVehicle[], at: string): Promise<Fleet>;
}
