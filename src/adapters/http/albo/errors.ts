// The register procedure's error values as problems; policy refusals and decision errors go through
// the shared mapping, so they look the same as on the decision API.
import type { AlboError } from '../../../application/albo/errors.js';
import { problemFor } from '../error-mapping.js';
import { type Problem, problem, problemResponse } from '../problem.js';

export function alboProblem(error: AlboError): Problem {
  switch (error.code) {
    case 'COMPANY_NOT_IN_REGISTER':
      return problem(
        'COMPANY_NOT_IN_REGISTER',
        `No company with fiscal code ${error.fiscalCode} and this register number is in the road-haulage register.`,
        {
          violations: [
            { field: '/registerNumber', reason: 'does not match the fiscal code in the register' },
          ],
        },
      );
    case 'ALREADY_REGISTERED':
      return problem(
        'ALREADY_REGISTERED',
        `The company ${error.fiscalCode} is already registered; the credentials were sent to the address given then. If they are lost, ask for a RESET PASSWORD.`,
      );
    case 'INVALID_CREDENTIALS':
      return problem('INVALID_CREDENTIALS', 'The matricola or the password is wrong.');
    case 'SESSION_ENDED':
      return problem(
        'UNAUTHENTICATED',
        'The session has ended (logout, password change or reset): log in again (POST /v1/albo/sessions).',
      );
    case 'ACCOUNT_SUSPENDED': {
      // The seed's message, verbatim, from account.lockout.
      const refused = problemFor(error.denied);
      return problem('ACCOUNT_SUSPENDED', refused.detail, {
        policy: error.denied.policy,
        decisionId: error.denied.decisionId,
        violations: refused.violations,
      });
    }
    case 'CURRENT_PASSWORD_WRONG':
      return problem('CURRENT_PASSWORD_WRONG', 'The current password is wrong.', {
        violations: [{ field: '/currentPassword', reason: 'is not the current password' }],
      });
    case 'UNKNOWN_ACCOUNT':
      return problem('UNKNOWN_ACCOUNT', `There is no account ${error.matricola}.`);
    case 'PASSWORD_CHANGE_REQUIRED':
      return problem(
        'PASSWORD_CHANGE_REQUIRED',
        'The password must be changed first (POST /v1/albo/accounts/{matricola}/password).',
      );
    case 'RESET_REQUEST_NOT_MATCHED':
      return problem(
        'RESET_REQUEST_NOT_MATCHED',
        'No account has this matricola with this register number; check both.',
      );
    case 'RESET_PHONE_MISMATCH':
      return problem(
        'RESET_PHONE_MISMATCH',
        'The telephone number is not the one given at registration (or changed since); write it as registered.',
        { violations: [{ field: '/phone', reason: 'is not the telephone number of the account' }] },
      );
    case 'UNKNOWN_RESET_REQUEST':
      return problem('UNKNOWN_RESET_REQUEST', `There is no password-reset request ${error.requestId}.`);
    case 'RESET_ALREADY_APPROVED':
      return problem('RESET_ALREADY_APPROVED', `The request ${error.requestId} was already approved.`);
    case 'CONFLICT':
      return problem('CONFLICT', error.detail);
    case 'INVALID_FLEET':
      return problem('INVALID_FLEET', error.issues.map((i) => `${i.field} ${i.reason}`).join('; '), {
        violations: error.issues,
      });
    case 'UNKNOWN_PAYMENT':
      return problem('UNKNOWN_PAYMENT', `There is no annual-fee payment ${error.paymentId}.`);
    case 'PAYMENT_NOT_PAID':
      return problem(
        'PAYMENT_NOT_PAID',
        `The notice ${error.noticeNumber} has not been paid yet: the receipt exists once pagoPA notifies the payment.`,
      );
    case 'INVALID_SCREENSHOT':
      return problem('INVALID_SCREENSHOT', error.reason, {
        violations: [{ field: '/screenshot', reason: error.reason }],
      });
    case 'UNKNOWN_TICKET':
      return problem('UNKNOWN_TICKET', `There is no assistance ticket ${error.ticketId}.`);
    case 'PARAMETER_MISSING':
      return problem(
        'PARAMETER_MISSING',
        `The parameter ${error.name} is not in force on ${error.at}; a maintainer must add it under rules/.`,
      );
    default:
      return problemFor(error);
  }
}

export const alboProblemResponse = (error: AlboError): Response => problemResponse(alboProblem(error));
