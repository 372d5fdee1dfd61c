// [P-PAYMENT-READY] Every unmet requirement is reported, once each, all at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_RUNS } from '../support/load-rules.js';
import { decide } from './cns-decide.js';

/** A contact value that is given, or missing (absent or blank). */
const contact = (valid: string) =>
  fc.constantFrom<{ met: boolean; value: string | undefined }>(
    { met: true, value: valid },
    { met: false, value: undefined },
    { met: false, value: '' },
    { met: false, value: '   ' },
  );

const scenario = fc.record({
  jurisdictionOk: fc.boolean(),
  deliveryOk: fc.boolean(),
  passphraseSet: fc.boolean(),
  recognitionMethod: fc.constantFrom('webcam', 'cns'),
  appointmentBooked: fc.option(fc.boolean(), { nil: undefined }),
  email: contact('mario.rossi@example.it'),
  mobile: contact('+39 333 1234567'),
});

describe('cns.payment-readiness', () => {
  it('reports exactly as many violations as there are unmet requirements', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const facts: Record<string, unknown> = {
          jurisdictionOk: s.jurisdictionOk,
          deliveryOk: s.deliveryOk,
          passphraseSet: s.passphraseSet,
          recognitionMethod: s.recognitionMethod,
        };
        if (s.appointmentBooked !== undefined) facts.appointmentBooked = s.appointmentBooked;
        if (s.email.value !== undefined) facts.contactEmail = s.email.value;
        if (s.mobile.value !== undefined) facts.mobile = s.mobile.value;
        const unmet = [
          !s.jurisdictionOk,
          !s.deliveryOk,
          !s.passphraseSet,
          !s.email.met,
          !s.mobile.met,
          s.recognitionMethod === 'webcam' && s.appointmentBooked !== true,
        ].filter(Boolean).length;
        const d = await decide('cns.payment-readiness', facts);
        expect(d.violations).toHaveLength(unmet);
        expect(d.outcome).toBe(unmet === 0 ? 'allow' : 'deny');
      }),
      { numRuns: FC_RUNS },
    );
  });
});
