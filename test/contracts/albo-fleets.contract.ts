// The contract every FleetRepository keeps: one fleet per company, replaced whole.
import { describe, expect, it } from 'vitest';
import type { FleetRepository } from '../../src/application/albo/ports/fleet-repository.js';

export function fleetRepositoryContract(
  adapter: string,
  make: () => FleetRepository | Promise<FleetRepository>,
) {
  describe(`FleetRepository contract: ${adapter}`, () => {
    it('has no fleet for a company until one is put, then replaces it whole', async () => {
      const repo = await make();
      expect(await repo.get('c1')).toBeNull();
      const first = [
        { plate: 'AB123CD', kind: 'vehicle' as const, massKg: 18000, inFleetFrom: '2015-03-01' },
      ];
      expect(await repo.replace('c1', first, '2017-01-01T00:00:00.000Z')).toMatchObject({
        id: 'c1',
        vehicles: first,
        version: 1,
      });
      const second = [
        { plate: 'TR001AB', kind: 'tractor' as const, towableMassKg: 30000, inFleetFrom: '2016-01-01' },
      ];
      await repo.replace('c1', second, '2017-01-02T00:00:00.000Z');
      expect(await repo.get('c1')).toEqual({
        id: 'c1',
        vehicles: second,
        updatedAt: '2017-01-02T00:00:00.000Z',
        version: 2,
      });
      expect(await repo.get('c2')).toBeNull();
    });
  });
}
