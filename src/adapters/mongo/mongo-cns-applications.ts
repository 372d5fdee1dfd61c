// CNS applications in MongoDB: one document per application with its outbox, every replace one
// version-checked write of the transition the in-memory adapter applies, and `replaces` unique
// among the applications that have one. Partial indexes are not portable (FerretDB 1.x has none,
// and a missing or null key behaves differently), so a derived `replacesKey` carries the unique
// index: the replaced application's id, or the application's own id under a prefix no id has.
// Every write, the outbox's included, holds the application's lock (document-lock.ts).
import type { Collection, Document } from 'mongodb';
import type { CnsApplication } from '../../application/cns/application.js';
import { replaceApplication } from '../../application/cns/application-transitions.js';
import type {
  CnsApplicationRepository,
  InsertResult,
  ReplaceResult,
} from '../../application/cns/ports/application-repository.js';
import type { OutboxMessage } from '../../application/ports/mail.js';
import { fromDocument, type IndexSpec, isDuplicateKey, toDocument } from './mongo-documents.js';
import { MongoOutboxStore } from './mongo-outbox-store.js';
import { updateVersioned } from './versioned-update.js';

const COLLECTION = 'cns_applications';

/** Fields stored for the indexes only, never part of the application. */
const DERIVED = ['replacesKey'] as const;
const derive = (a: CnsApplication): Document => ({ replacesKey: a.replaces ?? `none:${a.id}` });

export const CNS_APPLICATION_INDEXES: IndexSpec[] = [
  { collection: COLLECTION, keys: { replacesKey: 1 }, name: 'replacesKey', unique: true },
  { collection: COLLECTION, keys: { 'outbox.sentAt': 1 }, name: 'pendingMail' },
];

export class MongoCnsApplications extends MongoOutboxStore implements CnsApplicationRepository {
  constructor(db: { collection(name: string): Collection<Document> }) {
    super('cns-applications', db, COLLECTION);
  }

  async insert(application: CnsApplication): Promise<InsertResult> {
    try {
      await this.collection.insertOne(toDocument(application, derive(application)));
      return { ok: true };
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // The server may not name the index (FerretDB does not): look which key is taken.
      if (await this.collection.findOne({ _id: application.id as never }, { projection: { _id: 1 } }))
        return { ok: false, reason: 'duplicate-id' };
      if (application.replaces !== null && (await this.findReplacementOf(application.replaces)))
        return { ok: false, reason: 'already-replaced' };
      throw e;
    }
  }

  async get(id: string): Promise<CnsApplication | null> {
    return fromDocument<CnsApplication>(await this.collection.findOne({ _id: id as never }), DERIVED);
  }

  async findReplacementOf(id: string): Promise<CnsApplication | null> {
    // Through the unique index; `replaces` too, so no own-id key under the prefix can match.
    const doc = await this.collection.findOne({ replacesKey: id, replaces: id });
    return fromDocument<CnsApplication>(doc, DERIVED);
  }

  async replace(
    next: CnsApplication,
    expectedVersion: number,
    newMail: OutboxMessage[],
  ): Promise<ReplaceResult> {
    const update = (id: string, change: (stored: CnsApplication) => CnsApplication | null) =>
      updateVersioned<CnsApplication>(this.collection, this.locks, id, change, { derived: DERIVED, derive });
    return replaceApplication(update, next, expectedVersion, newMail);
  }
}
