// What each dispatcher step does to one outbox message, as pure functions every outbox store
// applies in its own single-document atomic write.
// null: the step does not apply (already sent, not due, held by another dispatcher).
import { ERASED_AFTER_SENDING, type OutboxMessage } from '../ports/mail.js';

export const isDue = (message: OutboxMessage, now: Date): boolean =>
  message.sentAt === null && (!message.notBefore || message.notBefore <= now.toISOString());

export function sent(message: OutboxMessage, sentAt: Date): OutboxMessage | null {
  if (message.sentAt !== null) return null;
  const next: OutboxMessage = { ...message, sentAt: sentAt.toISOString(), attempts: message.attempts + 1 };
  if (message.sensitive) {
    next.text = ERASED_AFTER_SENDING;
    delete next.attachments;
  }
  return next;
}

export function failed(message: OutboxMessage, error: string, retryAt: Date): OutboxMessage | null {
  if (message.sentAt !== null) return null;
  return { ...message, attempts: message.attempts + 1, lastError: error, notBefore: retryAt.toISOString() };
}

export function claimed(message: OutboxMessage, now: Date, until: Date): OutboxMessage | null {
  if (!isDue(message, now)) return null;
  return { ...message, notBefore: until.toISOString() };
}
