// Register accounts for the embedded default and tests. Each change is one `update` of one
// document (atomic here; a conditional findOneAndUpdate in MongoDB), so the conditions below are
// checked and applied together.
import type { AlboAccount, PaidFee, ResetRequest } from '../../application/albo/account.js';
import {
  type AlboAccountRepository,
  type CreateAccountResult,
  event,
  type FailedLogin,
  type PasswordChange,
  type ResetApproval,
} from '../../application/albo/account-repository.js';
import type { OutboxMessage } from '../../application/ports/mail.js';
import { DuplicateKeyError, MemoryCollection } from './memory-collection.js';
import { MemoryOutboxStore } from './memory-outbox-store.js';

export class MemoryAlboAccounts extends MemoryOutboxStore<AlboAccount> implements AlboAccountRepository {
  private readonly accounts: MemoryCollection<AlboAccount>;

  constructor() {
    const accounts = new MemoryCollection<AlboAccount>({
      matricola: (a) => a.matricola,
      fiscalCode: (a) => a.fiscalCode,
    });
    super('albo-accounts', accounts);
    this.accounts = accounts;
  }

  async create(account: AlboAccount): Promise<CreateAccountResult> {
    try {
      return { created: true, account: this.accounts.insert(account) };
    } catch (e) {
      if (e instanceof DuplicateKeyError && (e.index === 'fiscalCode' || e.index === 'matricola'))
        return { created: false, duplicate: e.index };
      throw e;
    }
  }

  async get(id: string) {
    return this.accounts.get(id);
  }
  async findByMatricola(matricola: string) {
    return this.accounts.findOne((a) => a.matricola === matricola);
  }
  async findByFiscalCode(fiscalCode: string) {
    return this.accounts.findOne((a) => a.fiscalCode === fiscalCode);
  }
  async findByResetRequest(requestId: string) {
    return this.accounts.findOne((a) => a.resetRequests.some((r) => r.id === requestId));
  }
  async list() {
    return this.accounts.find();
  }
  async withResetRequests(status: ResetRequest['status']) {
    return this.accounts.find((a) => a.resetRequests.some((r) => r.status === status));
  }

  async recordFailedLogin(id: string, maxFailedAttempts: number, at: string): Promise<FailedLogin | null> {
    let suspendedNow = false;
    const result = this.accounts.update(id, (a) => {
      if (a.failedAttempts >= maxFailedAttempts) return null;
      const failedAttempts = a.failedAttempts + 1;
      suspendedNow = failedAttempts === maxFailedAttempts;
      return {
        ...a,
        failedAttempts,
        ...(suspendedNow
          ? {
              suspendedAt: at,
              events: [...a.events, event('suspended', at, `${failedAttempts} wrong passwords`)],
            }
          : {}),
        version: a.version + 1,
      };
    });
    if (!result) return null;
    return { failedAttempts: (result.after ?? result.before).failedAttempts, suspendedNow };
  }

  async recordSuccessfulLogin(id: string, maxFailedAttempts: number): Promise<boolean> {
    const result = this.accounts.update(id, (a) =>
      a.failedAttempts >= maxFailedAttempts || a.failedAttempts === 0
        ? null
        : { ...a, failedAttempts: 0, version: a.version + 1 },
    );
    return result !== null && (result.after ?? result.before).failedAttempts < maxFailedAttempts;
  }

  async changePassword(id: string, change: PasswordChange): Promise<'changed' | 'stale' | 'not-found'> {
    let stale = false;
    const result = this.accounts.update(id, (a) => {
      if (a.passwordHashes[0] !== change.expectedCurrentHash) {
        stale = true;
        return null;
      }
      return {
        ...a,
        passwordHashes: [change.newHash, ...a.passwordHashes].slice(0, change.keep),
        passwordChangeRequired: false,
        events: [...a.events, event('password-changed', change.at)],
        version: a.version + 1,
      };
    });
    return result === null ? 'not-found' : stale ? 'stale' : 'changed';
  }

  async addResetRequest(id: string, request: ResetRequest): Promise<ResetRequest | null> {
    let recorded: ResetRequest = request;
    const result = this.accounts.update(id, (a) => {
      const pending = a.resetRequests.find((r) => r.status === 'pending');
      if (pending) {
        recorded = pending;
        return null;
      }
      return {
        ...a,
        resetRequests: [...a.resetRequests, request],
        events: [...a.events, event('reset-requested', request.receivedAt, request.id)],
        version: a.version + 1,
      };
    });
    return result ? recorded : null;
  }

  async approveReset(
    id: string,
    requestId: string,
    approval: ResetApproval,
  ): Promise<'approved' | 'not-pending' | 'not-found'> {
    let outcome: 'approved' | 'not-pending' | 'not-found' = 'not-found';
    this.accounts.update(id, (a) => {
      const request = a.resetRequests.find((r) => r.id === requestId);
      if (!request) return null;
      if (request.status !== 'pending') {
        outcome = 'not-pending';
        return null;
      }
      outcome = 'approved';
      return {
        ...a,
        resetRequests: a.resetRequests.map((r) =>
          r.id === requestId
            ? { ...r, status: 'approved', approvedAt: approval.at, approvedBy: approval.approvedBy }
            : r,
        ),
        passwordHashes: [approval.newHash, ...a.passwordHashes].slice(0, approval.keep),
        passwordChangeRequired: true,
        failedAttempts: 0,
        suspendedAt: null,
        events: [...a.events, event('reset-approved', approval.at, `${requestId} by ${approval.approvedBy}`)],
        outbox: [...a.outbox, approval.mail],
        version: a.version + 1,
      };
    });
    return outcome;
  }

  async markFeePaid(id: string, year: number, fee: PaidFee, mail: OutboxMessage): Promise<boolean> {
    let marked = false;
    this.accounts.update(id, (a) => {
      if (a.fees[String(year)]) return null;
      marked = true;
      return {
        ...a,
        fees: { ...a.fees, [String(year)]: fee },
        events: [...a.events, event('fee-paid', fee.paidAt, `${year}: ${fee.paymentId}`)],
        outbox: [...a.outbox, mail],
        version: a.version + 1,
      };
    });
    return marked;
  }
}
