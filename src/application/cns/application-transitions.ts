// The CNS application repository's write as a pure transition, applied by every adapter in its own
// single-document atomic write.
import type { AtomicUpdate } from '../ports/atomic-update.js';
import type { OutboxMessage } from '../ports/mail.js';
import type { CnsApplication } from './application.js';
import type { ReplaceResult } from './ports/application-repository.js';

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

/** The port's `replace`, given how an adapter updates one stored application atomically. */
export async function replaceApplication(
  update: AtomicUpdate<CnsApplication>,
  next: CnsApplication,
  expectedVersion: number,
  newMail: OutboxMessage[],
): Promise<ReplaceResult> {
  const result = await update(next.id, (stored) => replaced(stored, next, expectedVersion, newMail));
  if (!result) return 'not-found';
  return result.after ? 'saved' : 'conflict';
}
