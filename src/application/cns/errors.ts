import type { Result as DomainResult } from '../../domain/types.js';
// What the CNS use cases refuse with, as values; the HTTP adapter maps each code to a problem.
import type { PolicyDenied } from '../decisions/check-policy.js';
import type { DecideError } from '../decisions/decide.js';
import type { CnsStatus } from './application.js';
import type { CertificateRefusal } from './ports/certificate-verifier.js';

/** Recognition by CNS: the proof of possession of the card failed a cryptographic check. */
export type ProofRefusal =
  | CertificateRefusal
  | {
      code: 'BAD_SIGNATURE' | 'NONCE_UNKNOWN' | 'NONCE_EXPIRED' | 'INVALID_FISCAL_CODE';
      field: string;
      reason: string;
    };

/** One or more policies refused: every violation of every policy, at once. */
export interface PoliciesDenied {
  code: 'POLICIES_DENIED';
  /** `field`: the request field a denial is about, when there are several (a correction). */
  denials: Array<PolicyDenied & { field?: string }>;
  /** cns.jurisdiction's answer when it was asked: where the applicant should turn. */
  competentChamber?: string | null;
  /** cns.rectification's answer after production: revoke-and-reissue. */
  remedy?: string | null;
}

export type CnsError =
  | PoliciesDenied
  | DecideError
  | { code: 'UNKNOWN_APPLICATION'; applicationId: string }
  | { code: 'INVALID_INPUT'; violations: Array<{ field: string; reason: string }> }
  | { code: 'STATE_CONFLICT'; status: CnsStatus; detail: string }
  | { code: 'UNKNOWN_SLOT'; slotId: string }
  | { code: 'SLOT_TAKEN'; slotId: string }
  | { code: 'APPOINTMENT_ALREADY_BOOKED'; slotId: string }
  | { code: 'PARAMETER_UNAVAILABLE'; parameter: string; at: string; reason: string }
  | ProofRefusal
  /** No trust anchors are configured: recognition by CNS cannot be proved, so it is refused. */
  | { code: 'CNS_RECOGNITION_NOT_CONFIGURED' }
  /** Too many concurrent writers on one application; the caller may retry. */
  | { code: 'CONCURRENT_UPDATE'; applicationId: string };

/** The project's one Result type (domain/types.ts), with the procedure's errors by default. */
export type Result<T, E = CnsError> = DomainResult<T, E>;

export const stateConflict = (status: CnsStatus, detail: string): CnsError => ({
  code: 'STATE_CONFLICT',
  status,
  detail,
});
