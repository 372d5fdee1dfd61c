// The CNS application repository's write as a pure transition, shared by the in-memory and MongoDB
// adapters (each applies it in one single-document atomic write).
import type { CnsApplication } from '../../application/cns/application.js';
import type { OutboxMessage } from '../../application/ports/mail.js';

/**
 * `next` replaces the stored application if it is still at `expectedVersion` (null: a conflict,
 * leave it): the version is bumped, and the stored outbox is kept as it is (a dispatcher may have
 * marked mail sent meanwhile) with `newMail` appended.
 */
export const replaced = (
  stored: CnsApplication,
  next: CnsApplication,
  expectedVersion: number,
  newMail: OutboxMessage[],
): CnsApplication | null =>
  stored.version === expectedVersion
    ? { ...next, version: expectedVersion + 1, outbox: [...stored.outbox, ...newMail] }
    : null;
