// Mail leaves through an outbox kept inside the aggregate whose state change causes it, so the
// state and the message are written in one single-document update: nothing lost, nothing twice.

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutboxMessage {
  /** Stable id, also the Message-ID seed, so a resend after a crash can be recognised. */
  id: string;
  to: string;
  subject: string;
  /** Italian plain text (the HTML variant is derived by the transport when needed). */
  text: string;
  attachments?: MailAttachment[];
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError?: string;
  /** Not before this instant (backoff after a failure). */
  notBefore?: string;
  /**
   * Carries a secret (a temporary password, the sealed CNS codes and the locked key): its body and
   * attachments are erased once the message is sent.
   */
  sensitive?: boolean;
}

/** What replaces the body of a sensitive message after it has been sent. */
export const ERASED_AFTER_SENDING = '[contenuto rimosso dopo l’invio: conteneva credenziali]';

/** A message waiting in some aggregate's outbox. */
export interface PendingMail {
  store: string;
  aggregateId: string;
  message: OutboxMessage;
}

/** A repository that keeps outboxes in its aggregates. */
export interface OutboxStore {
  readonly name: string;
  pendingMail(now: Date, limit: number): Promise<PendingMail[]>;
  /** Marks sent once; false when it was already marked (another dispatcher won). */
  markMailSent(aggregateId: string, messageId: string, sentAt: Date): Promise<boolean>;
  markMailFailed(aggregateId: string, messageId: string, error: string, retryAt: Date): Promise<void>;
  /**
   * Claims a due, unsent message for one dispatcher until `until` (its notBefore moves there); false
   * when another dispatcher holds it, it is not due, or it was sent.
   */
  claimMail(aggregateId: string, messageId: string, now: Date, until: Date): Promise<boolean>;
}

/** Delivers one message (SMTP, or the embedded mailbox). */
export interface MailTransport {
  send(message: OutboxMessage): Promise<void>;
}

export function newOutboxMessage(
  id: string,
  mail: { to: string; subject: string; text: string; attachments?: MailAttachment[]; sensitive?: boolean },
  now: Date,
): OutboxMessage {
  return { id, ...mail, createdAt: now.toISOString(), sentAt: null, attempts: 0 };
}
