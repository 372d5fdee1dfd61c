// The register's accounts, one document each. Natural keys (matricola, fiscal code, the id of each
// reset request) are unique; every change below is one atomic single-document update, so parallel
// requests cannot count a failure twice, suspend twice, or apply a receipt twice.
import type { OutboxMessage, OutboxStore } from '../../ports/mail.js';
import type { AccountEvent, AlboAccount, PaidFee, ResetRequest } from '../account.js';

export type CreateAccountResult =
  | { created: true; account: AlboAccount }
  | { created: false; duplicate: 'fiscalCode' | 'matricola' };

export interface FailedLogin {
  failedAttempts: number;
  /** True for exactly one failure: the one that reached the maximum. */
  suspendedNow: boolean;
}

export interface PasswordChange {
  /** The hash the change was decided on: a concurrent change makes this one stale. */
  expectedCurrentHash: string;
  newHash: string;
  /** How many hashes to keep (the history depth in force, the new one included). */
  keep: number;
  at: string;
}

export interface ResetApproval {
  approvedBy: string;
  newHash: string;
  keep: number;
  at: string;
  mail: OutboxMessage;
}

export interface AlboAccountRepository extends OutboxStore {
  /** Inserts with its outbox (the credentials e-mail); a company or matricola already taken is reported. */
  create(account: AlboAccount): Promise<CreateAccountResult>;
  get(id: string): Promise<AlboAccount | null>;
  findByMatricola(matricola: string): Promise<AlboAccount | null>;
  findByFiscalCode(fiscalCode: string): Promise<AlboAccount | null>;
  findByResetRequest(requestId: string): Promise<AlboAccount | null>;
  /** Every account (the help desk's outreach list). */
  list(): Promise<AlboAccount[]>;
  /** Accounts with a reset request in this status. */
  withResetRequests(status: ResetRequest['status']): Promise<AlboAccount[]>;
  /**
   * Counts one wrong password while below `maxFailedAttempts` (from account.lockout); the failure
   * that reaches it records the suspension. At the maximum nothing changes. null: no such account.
   */
  recordFailedLogin(id: string, maxFailedAttempts: number, at: string): Promise<FailedLogin | null>;
  /** Resets the count after a correct password, unless a parallel failure suspended the account meanwhile. */
  recordSuccessfulLogin(id: string, maxFailedAttempts: number): Promise<boolean>;
  changePassword(id: string, change: PasswordChange): Promise<'changed' | 'stale' | 'not-found'>;
  /** Ends every session of the account (logout): the new session epoch; null: no such account. */
  endSessions(id: string, at: string): Promise<number | null>;
  /** Records a request; while one is pending, that one is updated (phone, time) instead of a second. */
  addResetRequest(id: string, request: ResetRequest): Promise<ResetRequest | null>;
  /**
   * Approves a pending request: the new temporary password, change forced, lockout cleared and the
   * e-mail queued, all in one update.
   */
  approveReset(
    id: string,
    requestId: string,
    approval: ResetApproval,
  ): Promise<'approved' | 'not-pending' | 'not-found'>;
  /** Marks the year paid and queues the receipt e-mail, unless that year is already paid. */
  markFeePaid(id: string, year: number, fee: PaidFee, mail: OutboxMessage): Promise<boolean>;
}

export const event = (type: AccountEvent['type'], at: string, detail?: string): AccountEvent => ({
  type,
  at,
  ...(detail ? { detail } : {}),
});
