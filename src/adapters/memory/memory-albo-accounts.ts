// Register accounts for the embedded default and tests. Each change is one of the account's
// transitions (application/albo/account-transitions.ts) applied in one `update` of one document,
// atomic here as the MongoDB adapter's locked, version-checked write is there.
import type { AlboAccount, ResetRequest } from '../../application/albo/account.js';
import { accountWrites } from '../../application/albo/account-transitions.js';
import type {
  AlboAccountRepository,
  CreateAccountResult,
} from '../../application/albo/ports/account-repository.js';
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

  private readonly writes = accountWrites(async (id, change) => this.accounts.update(id, change));
  readonly recordFailedLogin = this.writes.recordFailedLogin;
  readonly recordSuccessfulLogin = this.writes.recordSuccessfulLogin;
  readonly changePassword = this.writes.changePassword;
  readonly endSessions = this.writes.endSessions;
  readonly addResetRequest = this.writes.addResetRequest;
  readonly approveReset = this.writes.approveReset;
  readonly markFeePaid = this.writes.markFeePaid;
}
