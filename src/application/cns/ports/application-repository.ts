import type { OutboxMessage, OutboxStore } from '../../ports/mail.js';
import type { CnsApplication } from '../application.js';

export type InsertResult = { ok: true } | { ok: false; reason: 'duplicate-id' | 'already-replaced' };
export type ReplaceResult = 'saved' | 'conflict' | 'not-found';

/**
 * CNS applications, one document each, with their outbox. Writes are single-document and
 * optimistic: a replace succeeds only on the version it was computed from.
 */
export interface CnsApplicationRepository extends OutboxStore {
  /** Inserts with its outbox; at most one application may replace a given one (`replaces` unique). */
  insert(application: CnsApplication): Promise<InsertResult>;
  get(id: string): Promise<CnsApplication | null>;
  /** The application that re-issues `id` after its revocation, if any. */
  findReplacementOf(id: string): Promise<CnsApplication | null>;
  /**
   * Writes `next` if the stored version is still `expectedVersion`, bumping it by one. The stored
   * outbox is kept as it is (a dispatcher may have marked mail sent meanwhile) and `newMail` is
   * appended to it, in the same atomic write.
   */
  replace(next: CnsApplication, expectedVersion: number, newMail: OutboxMessage[]): Promise<ReplaceResult>;
}
