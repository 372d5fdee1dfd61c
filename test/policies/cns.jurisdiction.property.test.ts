// [P-JURISDICTION] Torino residents are always served; competentChamber is TO exactly when allowed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_RUNS } from '../support/load-rules.js';
import { decide } from './cns-decide.js';

const POLICY = 'cns.jurisdiction';
const province = fc.constantFrom('TO', 'MI', 'RM', 'CN', 'AT', 'AO', 'NA', 'SU');
const applicantType = fc.constantFrom('private', 'legal-representative');
const company = fc.option(
  province.map((registryProvince) => ({ registryProvince })),
  { nil: undefined },
);
const residence = fc.oneof(
  province.map((p) => ({ country: 'IT', province: p })),
  fc.record(
    { country: fc.constantFrom('FR', 'CH', 'DE', 'US', 'AR'), province: province },
    { requiredKeys: ['country'] },
  ),
);
const withCompany = <T extends object>(facts: T, c: { registryProvince: string } | undefined) =>
  c === undefined ? facts : { ...facts, company: c };

describe('cns.jurisdiction', () => {
  it('always serves a resident of the province of Torino', async () => {
    await fc.assert(
      fc.asyncProperty(applicantType, company, async (type, c) => {
        const d = await decide(
          POLICY,
          withCompany({ applicantType: type, residence: { country: 'IT', province: 'TO' } }, c),
        );
        expect(d.outcome).toBe('allow');
        expect(d.outputs.competentChamber).toBe('TO');
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('names TO as competent Chamber exactly when it allows', async () => {
    await fc.assert(
      fc.asyncProperty(applicantType, residence, company, async (type, res, c) => {
        const d = await decide(POLICY, withCompany({ applicantType: type, residence: res }, c));
        expect(d.outputs.competentChamber === 'TO').toBe(d.outcome === 'allow');
        if (d.outcome === 'deny')
          expect(d.outputs.competentChamber).toBe(res.country === 'IT' ? res.province : null);
      }),
      { numRuns: FC_RUNS },
    );
  });
});
