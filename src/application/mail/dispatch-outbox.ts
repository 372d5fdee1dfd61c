// Delivers what the aggregates' outboxes hold [§6 Mail]: each pending message is sent, then marked
// sent in its aggregate; a failure is recorded with an exponential backoff and tried again later.
// One dispatch runs at a time in a process, so a message is not picked twice concurrently.
import type { Clock } from '../ports/clock.js';
import type { MailTransport, OutboxStore } from '../ports/mail.js';

export interface DispatchReport {
  sent: number;
  failed: number;
}

export class DispatchOutbox {
  private running: Promise<DispatchReport> | null = null;

  constructor(
    private readonly stores: readonly OutboxStore[],
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly options = { batch: 100, baseBackoffMs: 1_000, maxBackoffMs: 15 * 60_000 },
  ) {}

  /** Runs one dispatch; a call during a running one waits for it and returns its report. */
  run(): Promise<DispatchReport> {
    if (!this.running) this.running = this.dispatch().finally(() => (this.running = null));
    return this.running;
  }

  private async dispatch(): Promise<DispatchReport> {
    const report = { sent: 0, failed: 0 };
    for (const store of this.stores) {
      for (const pending of await store.pendingMail(this.clock.now(), this.options.batch)) {
        try {
          await this.transport.send(pending.message);
          if (await store.markMailSent(pending.aggregateId, pending.message.id, this.clock.now()))
            report.sent++;
        } catch (e) {
          const delay = Math.min(
            this.options.maxBackoffMs,
            this.options.baseBackoffMs * 2 ** pending.message.attempts,
          );
          const retryAt = new Date(this.clock.now().getTime() + delay);
          await store.markMailFailed(pending.aggregateId, pending.message.id, (e as Error).message, retryAt);
          report.failed++;
        }
      }
    }
    return report;
  }
}
