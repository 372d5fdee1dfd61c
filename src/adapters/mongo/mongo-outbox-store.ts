// The outbox of any MongoDB collection whose aggregates carry one. A message is changed under the
// aggregate's lock (document-lock.ts) by an update of its own array element, addressed by index
// (the outbox is append-only, so an index never moves) and guarded by the fields the step read, so
// two dispatchers racing on the same message see exactly one update match. The aggregate's
// `version` is left alone: mail bookkeeping never makes a use case's write conflict.
import type { Collection, Document, Filter } from 'mongodb';
import { claimed, failed, isDue, sent } from '../../application/mail/outbox-transitions.js';
import type { OutboxMessage, OutboxStore, PendingMail } from '../../application/ports/mail.js';
import { DocumentLocks } from './document-lock.js';

type Step = (message: OutboxMessage) => OutboxMessage | null;

export class MongoOutboxStore implements OutboxStore {
  protected readonly collection: Collection<Document>;
  protected readonly locks: DocumentLocks;

  constructor(
    readonly name: string,
    db: { collection(name: string): Collection<Document> },
    collectionName: string,
  ) {
    this.collection = db.collection(collectionName);
    this.locks = new DocumentLocks(db, collectionName);
  }

  async pendingMail(now: Date, limit: number): Promise<PendingMail[]> {
    const pending: PendingMail[] = [];
    // Aggregates with an unsent message ($elemMatch would be exact, but FerretDB 1.x answers it wrongly).
    const cursor = this.collection
      .find({ 'outbox.sentAt': { $type: 'null' } }, { projection: { outbox: 1 } })
      .sort({ _id: 1 });
    for await (const doc of cursor) {
      for (const message of doc.outbox as OutboxMessage[])
        if (isDue(message, now)) pending.push({ store: this.name, aggregateId: String(doc._id), message });
      if (pending.length >= limit) break;
    }
    await cursor.close();
    return pending.slice(0, limit);
  }

  markMailSent(aggregateId: string, messageId: string, sentAt: Date): Promise<boolean> {
    return this.applyToMessage(aggregateId, messageId, (m) => sent(m, sentAt));
  }

  async markMailFailed(aggregateId: string, messageId: string, error: string, retryAt: Date): Promise<void> {
    await this.applyToMessage(aggregateId, messageId, (m) => failed(m, error, retryAt));
  }

  claimMail(aggregateId: string, messageId: string, now: Date, until: Date): Promise<boolean> {
    return this.applyToMessage(aggregateId, messageId, (m) => claimed(m, now, until));
  }

  /** One step on one message, under the aggregate's lock; false when it does not apply (sent, not due, unknown). */
  private applyToMessage(aggregateId: string, messageId: string, step: Step): Promise<boolean> {
    return this.locks.withLock(aggregateId, async () => {
      const doc = await this.collection.findOne({ _id: aggregateId as never }, { projection: { outbox: 1 } });
      const outbox = (doc?.outbox ?? []) as OutboxMessage[];
      const index = outbox.findIndex((m) => m.id === messageId);
      const message = outbox[index];
      if (!message) return false;
      const next = step(message);
      if (next === null) return false;
      const at = `outbox.${index}`;
      const guard: Filter<Document> = {
        _id: aggregateId as never,
        [`${at}.id`]: messageId,
        [`${at}.sentAt`]: { $type: 'null' },
        [`${at}.attempts`]: message.attempts,
        [`${at}.notBefore`]: message.notBefore === undefined ? { $exists: false } : message.notBefore,
      };
      const result = await this.collection.updateOne(guard, { $set: { [at]: next } });
      return result.matchedCount === 1;
    });
  }
}
