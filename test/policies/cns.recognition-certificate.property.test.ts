// [P-CERTIFICATE] The signature certificate (nonRepudiation) and a certificate without
// digitalSignature are always refused; a valid authentication certificate yields the fiscal code at
// the start of its CN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_RUNS } from '../support/load-rules.js';
import { codes, decide, isoDateBetween } from './cns-decide.js';

const POLICY = 'cns.recognition-certificate';
const OTHER_USAGES = ['digitalSignature', 'keyEncipherment', 'dataEncipherment', 'keyAgreement'];
const NEUTRAL_USAGES = OTHER_USAGES.filter((u) => u !== 'digitalSignature');
const fiscalCode = fc.stringMatching(
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/,
);
const serial = fc.stringMatching(/^[0-9]{16}\.[A-Za-z0-9+/]{8}=$/);
const date = isoDateBetween('2016-01-01', '2030-12-31');

describe('cns.recognition-certificate', () => {
  it('always refuses a certificate with nonRepudiation, whatever its CN and dates', async () => {
    const subjectCN = fc.oneof(
      fc.tuple(fiscalCode, serial).map(([cf, s]) => `${cf}/${s}`),
      fc.string({ maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(subjectCN, fc.subarray(OTHER_USAGES), date, date, async (cn, others, notAfter, at) => {
        const certificate = { subjectCN: cn, keyUsage: ['nonRepudiation', ...others], notAfter };
        const d = await decide(POLICY, { certificate }, at);
        expect(d.outcome).toBe('deny');
        expect(codes(d)).toContain('SIGNATURE_CERTIFICATE_SELECTED');
        expect(d.outputs.fiscalCode).toBeNull();
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('always refuses a certificate without digitalSignature, whatever its CN and dates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fiscalCode,
        serial,
        fc.subarray(NEUTRAL_USAGES),
        date,
        date,
        async (cf, s, usages, notAfter, at) => {
          const certificate = { subjectCN: `${cf}/${s}`, keyUsage: usages, notAfter };
          const d = await decide(POLICY, { certificate }, at);
          expect(codes(d)).toContain('SIGNATURE_CERTIFICATE_SELECTED');
          expect(d.outputs.fiscalCode).toBeNull();
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('accepts an unexpired authentication certificate and reads its fiscal code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fiscalCode,
        serial,
        fc.subarray(NEUTRAL_USAGES),
        date,
        fc.integer({ min: 0, max: 1000 }),
        async (cf, s, usages, at, daysLeft) => {
          const notAfter = new Date(Date.parse(`${at}T00:00:00Z`) + daysLeft * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const certificate = {
            subjectCN: `${cf}/${s}`,
            keyUsage: ['digitalSignature', ...usages],
            notAfter,
          };
          const d = await decide(POLICY, { certificate }, at);
          expect(codes(d)).toEqual([]);
          expect(d.outputs.fiscalCode).toBe(cf);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});
