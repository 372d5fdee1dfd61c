// Policy outputs reach the code decoded: a missing or mistyped output names the policy and output.
import { describe, expect, it } from 'vitest';
import { quotaOutputs, registrationOutputs } from '../../src/application/albo/policy-outputs.js';
import { PolicyOutputError } from '../../src/application/decisions/policy-outputs.js';

const quota = {
  amountCents: 6099,
  fleetReferenceDate: '2016-12-31',
  vehiclesCounted: 1,
  components: [
    { code: 'FIXED', amountCents: 3000 },
    { code: 'BAND', band: 'B', vehicles: 1, amountCents: 3099 },
  ],
};

describe('policy output decoders', () => {
  it('give the outputs typed when they are what the code expects', () => {
    expect(quotaOutputs({ policy: 'albo.quota', outputs: { ...quota, extra: true } })).toEqual(quota);
    expect(registrationOutputs({ policy: 'albo.registration', outputs: { scope: 'payment-only' } })).toEqual({
      scope: 'payment-only',
    });
  });

  it('name the policy and the output that is missing or of another type', () => {
    const { vehiclesCounted: _, ...missing } = quota;
    expect(() => quotaOutputs({ policy: 'albo.quota', outputs: missing })).toThrow(
      new PolicyOutputError('albo.quota', 'vehiclesCounted', 'an integer', undefined),
    );
    expect(() => quotaOutputs({ policy: 'albo.quota', outputs: { ...quota, amountCents: '60,99' } })).toThrow(
      'albo.quota: output "amountCents" must be an integer, got "60,99"',
    );
    expect(() =>
      quotaOutputs({ policy: 'albo.quota', outputs: { ...quota, components: [{ code: 'FIXED' }] } }),
    ).toThrow(/albo\.quota: output "components" must be an array of an object with code, amountCents/);
    expect(() => registrationOutputs({ policy: 'albo.registration', outputs: { scope: null } })).toThrow(
      'albo.registration: output "scope" must be one of full, payment-only, got null',
    );
  });

  it('refuse another policy’s decision', () => {
    expect(() => quotaOutputs({ policy: 'albo.registration', outputs: quota })).toThrow(/albo\.registration/);
  });
});
