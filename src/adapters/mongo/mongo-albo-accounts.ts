// Register accounts in MongoDB: one document per account with its outbox, unique indexes on the
// matricola and the company's fiscal code, and every change one of the account's transitions written with a
// version check (versioned-update.ts), so parallel failures count once and suspend once.
import type { Collection, Document } from 'mongodb';
import type { AlboAccount, ResetRequest } from '../../application/albo/account.js';
import { accountWrites } from '../../application/albo/account-transitions.js';
import type {
  AlboAccountRepository,
  CreateAccountResult,
} from '../../application/albo/ports/account-repository.js';
import { fromDocument, type IndexSpec, isDuplicateKey, toDocument } from './mongo-documents.js';
import { MongoOutboxStore } from './mongo-outbox-store.js';
import { updateVersioned } from './versioned-update.js';

const COLLECTION = 'albo_accounts';

export const ALBO_ACCOUNT_INDEXES: IndexSpec[] = [
  { collection: COLLECTION, keys: { matricola: 1 }, name: 'matricola', unique: true },
  { collection: COLLECTION, keys: { fiscalCode: 1 }, name: 'fiscalCode', unique: true },
  { collection: COLLECTION, keys: { 'resetRequests.id': 1 }, name: 'resetRequestId' },
  { collection: COLLECTION, keys: { 'outbox.sentAt': 1 }, name: 'pendingMail' },
];

export class MongoAlboAccounts extends MongoOutboxStore implements AlboAccountRepository {
  constructor(db: { collection(name: string): Collection<Document> }) {
    super('albo-accounts', db, COLLECTION);
  }

  async create(account: AlboAccount): Promise<CreateAccountResult> {
    try {
      await this.collection.insertOne(toDocument(account));
      return { created: true, account: structuredClone(account) };
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // The server may not name the index (FerretDB does not): look which key is taken.
      if (await this.collection.findOne({ fiscalCode: account.fiscalCode }))
        return { created: false, duplicate: 'fiscalCode' };
      if (await this.collection.findOne({ matricola: account.matricola }))
        return { created: false, duplicate: 'matricola' };
      throw e;
    }
  }

  async get(id: string) {
    return this.one({ _id: id });
  }
  async findByMatricola(matricola: string) {
    return this.one({ matricola });
  }
  async findByFiscalCode(fiscalCode: string) {
    return this.one({ fiscalCode });
  }
  async findByResetRequest(requestId: string) {
    return this.one({ 'resetRequests.id': requestId });
  }
  async list() {
    return this.many({});
  }
  async withResetRequests(status: ResetRequest['status']) {
    return this.many({ 'resetRequests.status': status });
  }

  private readonly writes = accountWrites((id, change) =>
    updateVersioned<AlboAccount>(this.collection, this.locks, id, change),
  );
  readonly recordFailedLogin = this.writes.recordFailedLogin;
  readonly recordSuccessfulLogin = this.writes.recordSuccessfulLogin;
  readonly changePassword = this.writes.changePassword;
  readonly endSessions = this.writes.endSessions;
  readonly addResetRequest = this.writes.addResetRequest;
  readonly approveReset = this.writes.approveReset;
  readonly markFeePaid = this.writes.markFeePaid;

  private async one(filter: Document): Promise<AlboAccount | null> {
    return fromDocument<AlboAccount>(await this.collection.findOne(filter));
  }

  private async many(filter: Document): Promise<AlboAccount[]> {
    const docs = await this.collection.find(filter).sort({ registeredAt: 1, _id: 1 }).toArray();
    return docs.map((d) => fromDocument<AlboAccount>(d) as AlboAccount);
  }
}
