// Register accounts for the embedded default and tests. Each change is one shared transition
// (aggregates/albo-account-transitions.ts) applied in one `update` of one document, atomic here as
// the MongoDB adapter's locked, version-checked write is there.
import type { AlboAccount, ResetRequest } from '../../application/albo/account.js';
import type {
  AlboAccountRepository,
  CreateAccountResult,
} from '../../application/albo/ports/account-repository.js';
import { accountWrites, type Transition } from '../aggregates/albo-account-transitions.js';
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

  private readonly writes = accountWrites((id, transition) => this.apply(id, transition));
  readonly recordFailedLogin = this.writes.recordFailedLogin;
  readonly recordSuccessfulLogin = this.writes.recordSuccessfulLogin;
  readonly changePassword = this.writes.changePassword;
  readonly endSessions = this.writes.endSessions;
  readonly addResetRequest = this.writes.addResetRequest;
  readonly approveReset = this.writes.approveReset;
  readonly markFeePaid = this.writes.markFeePaid;

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
