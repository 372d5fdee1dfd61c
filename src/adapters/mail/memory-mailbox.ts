// The embedded default's mail transport: keeps what was "sent" so a person following the README
// walkthrough (or a test) can read credentials, receipts and links.
import type { MailTransport, OutboxMessage } from '../../application/ports/mail.js';

export class MemoryMailbox implements MailTransport {
  private readonly delivered: OutboxMessage[] = [];

  async send(message: OutboxMessage): Promise<void> {
    this.delivered.push(structuredClone(message));
  }

  /** Delivered messages, newest first, optionally for one address (case-insensitive). */
  messages(to?: string): OutboxMessage[] {
    const wanted = to?.toLowerCase();
    return this.delivered.filter((m) => !wanted || m.to.toLowerCase() === wanted).reverse();
  }
}
