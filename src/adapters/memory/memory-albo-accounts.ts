// Register accounts for the embedded default and tests. Each change is one shared transition
// (aggregates/albo-account-transitions.ts) applied in one `update` of one document, atomic here as
// the MongoDB adapter's version-checked write is there.
import type { AlboAccount, PaidFee, ResetRequest } from '../../application/albo/account.js';
import type {
  AlboAccountRepository,
  CreateAccountResult,
  FailedLogin,
  PasswordChange,
  ResetApproval,
} from '../../application/albo/account-repository.js';
import type { OutboxMessage } from '../../application/ports/mail.js';
import {
  failedLogin,
  feePaid,
  passwordChanged,
  resetApproved,
  resetRequested,
  successfulLogin,
  type Transition,
} from '../aggregates/albo-account-transitions.js';
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
    return this.apply(id, (a) => failedLogin(a, maxFailedAttempts, at));
  }

  async recordSuccessfulLogin(id: string, maxFailedAttempts: number): Promise<boolean> {
    return (await this.apply(id, (a) => successfulLogin(a, maxFailedAttempts))) ?? false;
  }

  async changePassword(id: string, change: PasswordChange): Promise<'changed' | 'stale' | 'not-found'> {
    return (await this.apply(id, (a) => passwordChanged(a, change))) ?? 'not-found';
  }

  async addResetRequest(id: string, request: ResetRequest): Promise<ResetRequest | null> {
    return this.apply(id, (a) => resetRequested(a, request));
  }

  async approveReset(
    id: string,
    requestId: string,
    approval: ResetApproval,
  ): Promise<'approved' | 'not-pending' | 'not-found'> {
    return (await this.apply(id, (a) => resetApproved(a, requestId, approval))) ?? 'not-found';
  }

  async markFeePaid(id: string, year: number, fee: PaidFee, mail: OutboxMessage): Promise<boolean> {
    return (await this.apply(id, (a) => feePaid(a, year, fee, mail))) ?? false;
  }

  /** One atomic update through a shared transition; null when there is no such account. */
  private async apply<R>(id: string, transition: (a: AlboAccount) => Transition<R>): Promise<R | null> {
    let result: R | null = null;
    const found = this.accounts.update(id, (a) => {
      const t = transition(a);
      result = t.result;
      return t.next;
    });
    return found ? result : null;
  }
}
