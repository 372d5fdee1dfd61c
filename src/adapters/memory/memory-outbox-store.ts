// Outbox behaviour for any in-memory collection whose documents carry an `outbox`.
import {
  ERASED_AFTER_SENDING,
  type OutboxMessage,
  type OutboxStore,
  type PendingMail,
} from '../../application/ports/mail.js';
import type { MemoryCollection } from './memory-collection.js';

type WithOutbox = { id: string; outbox: OutboxMessage[] };

export class MemoryOutboxStore<T extends WithOutbox> implements OutboxStore {
  constructor(
    readonly name: string,
    private readonly collection: MemoryCollection<T>,
  ) {}

  async pendingMail(now: Date, limit: number): Promise<PendingMail[]> {
    const due = (m: OutboxMessage) => m.sentAt === null && (!m.notBefore || m.notBefore <= now.toISOString());
    return this.collection
      .find((doc) => doc.outbox.some(due))
      .flatMap((doc) =>
        doc.outbox.filter(due).map((message) => ({ store: this.name, aggregateId: doc.id, message })),
      )
      .slice(0, limit);
  }

  async markMailSent(aggregateId: string, messageId: string, sentAt: Date): Promise<boolean> {
    let marked = false;
    this.collection.update(aggregateId, (doc) => {
      const message = doc.outbox.find((m) => m.id === messageId);
      if (!message || message.sentAt !== null) return null;
      message.sentAt = sentAt.toISOString();
      message.attempts += 1;
      if (message.sensitive) {
        message.text = ERASED_AFTER_SENDING;
        delete message.attachments;
      }
      marked = true;
      return doc;
    });
    return marked;
  }

  async claimMail(aggregateId: string, messageId: string, now: Date, until: Date): Promise<boolean> {
    let claimed = false;
    this.collection.update(aggregateId, (doc) => {
      const message = doc.outbox.find((m) => m.id === messageId);
      if (!message || message.sentAt !== null) return null;
      if (message.notBefore && message.notBefore > now.toISOString()) return null;
      message.notBefore = until.toISOString();
      claimed = true;
      return doc;
    });
    return claimed;
  }

  async markMailFailed(aggregateId: string, messageId: string, error: string, retryAt: Date): Promise<void> {
    this.collection.update(aggregateId, (doc) => {
      const message = doc.outbox.find((m) => m.id === messageId);
      if (!message || message.sentAt !== null) return null;
      message.attempts += 1;
      message.lastError = error;
      message.notBefore = retryAt.toISOString();
      return doc;
    });
  }
}
