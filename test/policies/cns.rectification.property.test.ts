// [P-RECTIFICATION] No correction from in-production on; before it, non-identity fields are correctable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_RUNS } from '../support/load-rules.js';
import { codes, decide, loaded } from './cns-decide.js';

const POLICY = 'cns.rectification';
// The statuses and identity fields as SPEC [P-RECTIFICATION] lists them, independent of the rule files.
const BEFORE_PRODUCTION = ['registered', 'paid', 'recognized'];
const FROM_PRODUCTION = ['in-production', 'shipped', 'delivered', 'revoked'];
const IDENTITY = ['firstName', 'lastName', 'fiscalCode', 'birthDate', 'birthPlace', 'certificateEmail'];
// Every correctable field the policy accepts, so a field added later is covered too.
const schema = loaded.ruleset.policies.get(POLICY)?.facts as {
  properties: { field: { enum: string[] } };
};
const FIELDS = schema.properties.field.enum;
const method = fc.constantFrom('webcam', 'cns');

describe('cns.rectification', () => {
  it('refuses every field from in-production on, with revoke-and-reissue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FROM_PRODUCTION),
        fc.constantFrom(...FIELDS),
        method,
        async (status, field, recognitionMethod) => {
          const d = await decide(POLICY, { status, field, recognitionMethod });
          expect(d.outcome).toBe('deny');
          expect(codes(d)).toContain('NO_RECTIFICATION_AFTER_PRODUCTION');
          expect(d.outputs.remedy).toBe('revoke-and-reissue');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('allows non-identity fields before production, whatever the recognition method', async () => {
    const nonIdentity = FIELDS.filter((f) => !IDENTITY.includes(f));
    expect(nonIdentity.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BEFORE_PRODUCTION),
        fc.constantFrom(...nonIdentity),
        method,
        async (status, field, recognitionMethod) => {
          const d = await decide(POLICY, { status, field, recognitionMethod });
          expect(d.outcome).toBe('allow');
          expect(d.outputs.remedy).toBeNull();
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('allows identity fields before production only under webcam recognition', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BEFORE_PRODUCTION),
        fc.constantFrom(...IDENTITY),
        method,
        async (status, field, recognitionMethod) => {
          const d = await decide(POLICY, { status, field, recognitionMethod });
          expect(codes(d)).toEqual(recognitionMethod === 'cns' ? ['IDENTITY_FROM_CERTIFICATE'] : []);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});
