// CNS refusals as problem+json. Several policies' denials become one POLICY_DENIED listing every
// violation (each with its policy, decision and, for corrections, the field), plus the competent
// Chamber or the remedy when a policy gave one.
import type { CnsError } from '../../../application/cns/errors.js';
import { policiesDenied, problemFor } from '../error-mapping.js';
import { type Problem, problem } from '../problem.js';

export function cnsProblem(error: CnsError): Problem {
  switch (error.code) {
    case 'POLICIES_DENIED':
      return policiesDenied(error.denials, error);
    case 'UNKNOWN_APPLICATION':
      return problem('UNKNOWN_APPLICATION', `There is no CNS application "${error.applicationId}".`);
    case 'INVALID_INPUT':
      // Checks the schema cannot say (a check character, fields that go together): well-formed, so 422.
      return problem('INVALID_FIELDS', error.violations.map((v) => `${v.field} ${v.reason}`).join('; '), {
        violations: error.violations,
      });
    case 'STATE_CONFLICT':
      return problem('APPLICATION_STATE_CONFLICT', error.detail, { applicationStatus: error.status });
    case 'UNKNOWN_SLOT':
      return problem('UNKNOWN_SLOT', `There is no appointment slot "${error.slotId}".`);
    case 'SLOT_TAKEN':
      return problem('SLOT_TAKEN', `Slot "${error.slotId}" is no longer free: choose another one.`);
    case 'APPOINTMENT_ALREADY_BOOKED':
      return problem('APPOINTMENT_ALREADY_BOOKED', `The application already holds slot "${error.slotId}".`, {
        slotId: error.slotId,
      });
    case 'PARAMETER_UNAVAILABLE':
      return problem('PARAMETER_MISSING', `Parameter ${error.parameter} on ${error.at}: ${error.reason}.`, {
        parameter: error.parameter,
      });
    case 'CONCURRENT_UPDATE':
      return problem('CONFLICT', 'The application is being changed by another request; try again.');
    case 'CNS_RECOGNITION_NOT_CONFIGURED':
      return problem(
        'CNS_RECOGNITION_NOT_CONFIGURED',
        'This service trusts no CNS issuing CA (CNS_TRUST_ANCHORS is unset): choose recognition via webcam.',
      );
    case 'INVALID_CERTIFICATE':
    case 'UNTRUSTED_CERTIFICATE':
    case 'CERTIFICATE_NOT_YET_VALID':
    case 'BAD_SIGNATURE':
    case 'NONCE_UNKNOWN':
    case 'NONCE_EXPIRED':
    case 'INVALID_FISCAL_CODE':
      return problem(error.code, `${error.field} ${error.reason}.`, {
        violations: [{ field: error.field, reason: error.reason }],
      });
    default:
      return problemFor(error);
  }
}
