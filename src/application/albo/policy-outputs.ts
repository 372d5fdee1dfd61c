// The outputs the register procedure reads from its policies, decoded (decisions/policy-outputs.ts).
import {
  arrayOf,
  integer,
  isoDate,
  objectWith,
  oneOf,
  policyOutputs,
  text,
} from '../decisions/policy-outputs.js';

export const lockoutOutputs = policyOutputs('account.lockout', { maxFailedAttempts: integer });

export const registrationOutputs = policyOutputs('albo.registration', {
  scope: oneOf('full', 'payment-only'),
});

export const paymentDeadlineOutputs = policyOutputs('albo.payment-deadline', { deadline: isoDate });

/** One line of the annual fee: a fixed part, or a band of the fleet with its vehicles. */
export interface QuotaComponent {
  code: string;
  band?: string;
  vehicles?: number;
  amountCents: number;
}

const quotaComponent = objectWith<QuotaComponent>(
  { code: text, amountCents: integer },
  { band: text, vehicles: integer },
);

export const quotaOutputs = policyOutputs('albo.quota', {
  amountCents: integer,
  fleetReferenceDate: isoDate,
  vehiclesCounted: integer,
  components: arrayOf(quotaComponent),
});
