// The register account's behaviour as pure transitions: each takes the stored account and returns
// the next one (null: leave it) and what the operation answers. Every repository adapter applies
// these same transitions in its own single-document atomic write, so all keep the port's contract
// by construction.

import { type AtomicUpdate, applyTransition, type Transition as Change } from '../ports/atomic-update.js';
import type { OutboxMessage } from '../ports/mail.js';
import type { AlboAccount, PaidFee, ResetRequest } from './account.js';
import {
  type AlboAccountRepository,
  event,
  type FailedLogin,
  type PasswordChange,
  type ResetApproval,
} from './ports/account-repository.js';

type Transition<R> = Change<AlboAccount, R>;

const bumped = (a: AlboAccount, change: Partial<AlboAccount>): AlboAccount => ({
  ...a,
  ...change,
  version: a.version + 1,
});

/** The change that ends every token issued so far (they carry the epoch they were issued under). */
const sessionsEnded = (a: AlboAccount): Pick<AlboAccount, 'sessionEpoch'> => ({
  sessionEpoch: (a.sessionEpoch ?? 0) + 1,
});

/** Counts one wrong password below the maximum; the failure reaching it records the suspension. */
export function failedLogin(a: AlboAccount, maxFailedAttempts: number, at: string): Transition<FailedLogin> {
  if (a.failedAttempts >= maxFailedAttempts)
    return { next: null, result: { failedAttempts: a.failedAttempts, suspendedNow: false } };
  const failedAttempts = a.failedAttempts + 1;
  const suspendedNow = failedAttempts === maxFailedAttempts;
  const next = bumped(a, {
    failedAttempts,
    ...(suspendedNow
      ? {
          suspendedAt: at,
          ...sessionsEnded(a),
          events: [...a.events, event('suspended', at, `${failedAttempts} wrong passwords`)],
        }
      : {}),
  });
  return { next, result: { failedAttempts, suspendedNow } };
}

/** Resets the count after a correct password, unless the account is suspended. */
export function successfulLogin(a: AlboAccount, maxFailedAttempts: number): Transition<boolean> {
  if (a.failedAttempts >= maxFailedAttempts) return { next: null, result: false };
  if (a.failedAttempts === 0) return { next: null, result: true };
  return { next: bumped(a, { failedAttempts: 0 }), result: true };
}

/**
 * The current password was right, so the count of wrong ones starts again; a suspension that a
 * parallel wrong password caused meanwhile makes the change stale instead (only a reset lifts it).
 */
export function passwordChanged(a: AlboAccount, change: PasswordChange): Transition<'changed' | 'stale'> {
  if (a.passwordHashes[0] !== change.expectedCurrentHash || a.suspendedAt !== null)
    return { next: null, result: 'stale' };
  const next = bumped(a, {
    passwordHashes: [change.newHash, ...a.passwordHashes].slice(0, change.keep),
    passwordChangeRequired: false,
    failedAttempts: 0,
    ...sessionsEnded(a),
    events: [...a.events, event('password-changed', change.at)],
  });
  return { next, result: 'changed' };
}

/** Logout: every session of the account ends. */
export function loggedOut(a: AlboAccount, at: string): Transition<number> {
  const next = bumped(a, { ...sessionsEnded(a), events: [...a.events, event('logged-out', at)] });
  return { next, result: next.sessionEpoch ?? 0 };
}

/** Records a request; while one is pending, that one is the answer and nothing changes. */
export function resetRequested(a: AlboAccount, request: ResetRequest): Transition<ResetRequest> {
  const pending = a.resetRequests.find((r) => r.status === 'pending');
  if (pending) {
    // Written again before approval: the same request, with what the company wrote last.
    const { phone, registerNumber, receivedAt } = request;
    const updated = { ...pending, phone, registerNumber, receivedAt };
    const next = bumped(a, { resetRequests: a.resetRequests.map((r) => (r === pending ? updated : r)) });
    return { next, result: updated };
  }
  const next = bumped(a, {
    resetRequests: [...a.resetRequests, request],
    events: [...a.events, event('reset-requested', request.receivedAt, request.id)],
  });
  return { next, result: request };
}

export function resetApproved(
  a: AlboAccount,
  requestId: string,
  approval: ResetApproval,
): Transition<'approved' | 'not-pending' | 'not-found'> {
  const request = a.resetRequests.find((r) => r.id === requestId);
  if (!request) return { next: null, result: 'not-found' };
  if (request.status !== 'pending') return { next: null, result: 'not-pending' };
  const next = bumped(a, {
    resetRequests: a.resetRequests.map((r) =>
      r.id === requestId
        ? { ...r, status: 'approved', approvedAt: approval.at, approvedBy: approval.approvedBy }
        : r,
    ),
    passwordHashes: [approval.newHash, ...a.passwordHashes].slice(0, approval.keep),
    passwordChangeRequired: true,
    failedAttempts: 0,
    suspendedAt: null,
    ...sessionsEnded(a),
    events: [...a.events, event('reset-approved', approval.at, `${requestId} by ${approval.approvedBy}`)],
    outbox: [...a.outbox, approval.mail],
  });
  return { next, result: 'approved' };
}

/** Marks the year paid with its receipt e-mail, unless that year is already paid. */
export function feePaid(
  a: AlboAccount,
  year: number,
  fee: PaidFee,
  mail: OutboxMessage,
): Transition<boolean> {
  const paid = a.fees[String(year)];
  if (paid) {
    // A balance paid after the fleet was corrected upwards: the year stays paid by the fee, and the
    // balance gets its own receipt e-mail, once per payment.
    const detail = `${year}: ${fee.paymentId}`;
    if (
      paid.paymentId === fee.paymentId ||
      a.events.some((e) => e.type === 'fee-balance-paid' && e.detail === detail)
    )
      return { next: null, result: false };
    const next = bumped(a, {
      events: [...a.events, event('fee-balance-paid', fee.paidAt, detail)],
      outbox: [...a.outbox, mail],
    });
    return { next, result: true };
  }
  const next = bumped(a, {
    fees: { ...a.fees, [String(year)]: fee },
    events: [...a.events, event('fee-paid', fee.paidAt, `${year}: ${fee.paymentId}`)],
    outbox: [...a.outbox, mail],
  });
  return { next, result: true };
}

export type AccountWrites = Pick<
  AlboAccountRepository,
  | 'recordFailedLogin'
  | 'recordSuccessfulLogin'
  | 'changePassword'
  | 'endSessions'
  | 'addResetRequest'
  | 'approveReset'
  | 'markFeePaid'
>;

/** The port's write operations, given how an adapter updates one stored account atomically. */
export function accountWrites(update: AtomicUpdate<AlboAccount>): AccountWrites {
  const apply = <R>(id: string, transition: (a: AlboAccount) => Transition<R>) =>
    applyTransition(update, id, transition);
  return {
    recordFailedLogin: (id, max, at) => apply(id, (a) => failedLogin(a, max, at)),
    recordSuccessfulLogin: async (id, max) => (await apply(id, (a) => successfulLogin(a, max))) ?? false,
    changePassword: async (id, change) => (await apply(id, (a) => passwordChanged(a, change))) ?? 'not-found',
    endSessions: (id, at) => apply(id, (a) => loggedOut(a, at)),
    addResetRequest: (id, request) => apply(id, (a) => resetRequested(a, request)),
    approveReset: async (id, requestId, approval) =>
      (await apply(id, (a) => resetApproved(a, requestId, approval))) ?? 'not-found',
    markFeePaid: async (id, year, fee, mail) =>
      (await apply(id, (a) => feePaid(a, year, fee, mail))) ?? false,
  };
}
