// Outbox behaviour for any in-memory collection whose documents carry an `outbox`: each step is a
// shared transition (application/mail/outbox-transitions.ts) applied in one atomic `update`.
import { claimed, failed, isDue, sent } from '../../application/mail/outbox-transitions.js';
import type { OutboxMessage, OutboxStore, PendingMail } from '../../application/ports/mail.js';
import type { MemoryCollection } from './memory-collection.js';

type WithOutbox = { id: string; outbox: OutboxMessage[] };

export class MemoryOutboxStore<T extends WithOutbox> implements OutboxStore {
  constructor(
    readonly name: string,
    private readonly collection: MemoryCollection<T>,
  ) {}

  async pendingMail(now: Date, limit: number): Promise<PendingMail[]> {
    return this.collection
      .find((doc) => doc.outbox.some((m) => isDue(m, now)))
      .flatMap((doc) =>
        doc.outbox
          .filter((m) => isDue(m, now))
          .map((message) => ({ store: this.name, aggregateId: doc.id, message })),
      )
      .slice(0, limit);
  }

  async markMailSent(aggregateId: string, messageId: string, sentAt: Date): Promise<boolean> {
    return this.step(aggregateId, messageId, (m) => sent(m, sentAt));
  }

  async markMailFailed(aggregateId: string, messageId: string, error: string, retryAt: Date): Promise<void> {
    this.step(aggregateId, messageId, (m) => failed(m, error, retryAt));
  }

  async claimMail(aggregateId: string, messageId: string, now: Date, until: Date): Promise<boolean> {
    return this.step(aggregateId, messageId, (m) => claimed(m, now, until));
  }

  /** One step on one message in one atomic update; false when it does not apply. */
  private step(aggregateId: string, messageId: string, step: (m: OutboxMessage) => OutboxMessage | null) {
    let applied = false;
    this.collection.update(aggregateId, (doc) => {
      const index = doc.outbox.findIndex((m) => m.id === messageId);
      const message = doc.outbox[index];
      const next = message ? step(message) : null;
      if (next === null) return null;
      doc.outbox[index] = next;
      applied = true;
      return doc;
    });
    return applied;
  }
}
