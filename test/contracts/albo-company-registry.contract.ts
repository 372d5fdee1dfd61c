// The contract every CompanyRegistry keeps (the fixture today, InfoCamere's client later), given one
// company the registry is known to hold.
import { describe, expect, it } from 'vitest';
import type { CompanyRegistry, RegistryCompany } from '../../src/application/albo/ports/company-registry.js';

export function companyRegistryContract(
  adapter: string,
  make: () => CompanyRegistry | Promise<CompanyRegistry>,
  known: RegistryCompany,
) {
  describe(`CompanyRegistry contract: ${adapter}`, () => {
    it('finds a company by fiscal code, online and in the roll', async () => {
      const registry = await make();
      expect(await registry.lookup(known.fiscalCode)).toEqual({ status: 'found', company: known });
      expect(await registry.inRoll(known.fiscalCode)).toEqual(known);
      expect(await registry.roll()).toContainEqual(known);
    });

    it('answers not-found for a company it does not hold', async () => {
      const registry = await make();
      expect(await registry.lookup('00000000000')).toEqual({ status: 'not-found' });
      expect(await registry.inRoll('00000000000')).toBeNull();
    });
  });
}
