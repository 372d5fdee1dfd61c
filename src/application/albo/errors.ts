import type { Result } from '../../domain/types.js';
// The register procedure's errors as values with stable codes; the HTTP adapter maps each to a
// problem. A policy's refusal keeps every violation it reported.
import type { PolicyDenied } from '../decisions/check-policy.js';
import type { DecideError } from '../decisions/decide.js';
import type { FleetIssue } from './fleet.js';

export type AlboError =
  | PolicyDenied
  | DecideError
  | { code: 'COMPANY_NOT_IN_REGISTER'; fiscalCode: string }
  | { code: 'ALREADY_REGISTERED'; fiscalCode: string }
  | { code: 'INVALID_CREDENTIALS' }
  /** The token's session was ended (logout, password change, reset) or its account is gone. */
  | { code: 'SESSION_ENDED' }
  /** account.lockout refused: its violation carries the seed's message. */
  | { code: 'ACCOUNT_SUSPENDED'; denied: PolicyDenied }
  | { code: 'CURRENT_PASSWORD_WRONG' }
  | { code: 'UNKNOWN_ACCOUNT'; matricola: string }
  | { code: 'PASSWORD_CHANGE_REQUIRED' }
  | { code: 'RESET_REQUEST_NOT_MATCHED' }
  | { code: 'RESET_PHONE_MISMATCH' }
  | { code: 'UNKNOWN_RESET_REQUEST'; requestId: string }
  | { code: 'RESET_ALREADY_APPROVED'; requestId: string }
  | { code: 'CONFLICT'; detail: string }
  | { code: 'INVALID_FLEET'; issues: FleetIssue[] }
  | { code: 'UNKNOWN_PAYMENT'; paymentId: string }
  | { code: 'PAYMENT_NOT_PAID'; paymentId: string; noticeNumber: string }
  | { code: 'INVALID_SCREENSHOT'; reason: string }
  | { code: 'UNKNOWN_TICKET'; ticketId: string }
  /** A parameter the procedure needs is missing from rules/ (a maintainer's error). */
  | { code: 'PARAMETER_MISSING'; name: string; at: string };

/** The project's one Result type (domain/types.ts), with the procedure's errors. */
export type AlboResult<T> = Result<T, AlboError>;
