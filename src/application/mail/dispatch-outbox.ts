// Delivers what the aggregates' outboxes hold [§6 Mail]: each pending message is claimed, sent, then
// marked sent in its aggregate; a failure is recorded with an exponential backoff and tried again
// later. Two dispatcher processes never send the same message: each message is claimed by one
// conditional update first (its notBefore moves `claimMs` ahead), and only the dispatcher whose
// claim succeeded sends it. A claim left by a dispatcher that died expires, so the message is sent
// again later rather than lost. Within a process one dispatch runs at a time.
import type { Clock } from '../ports/clock.js';
import type { MailTransport, OutboxStore } from '../ports/mail.js';

export interface DispatchReport {
  sent: number;
  failed: number;
}

export interface DispatchOptions {
  /** Messages read from each store per run. */
  batch: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a claimed message is held for the dispatcher sending it. */
  claimMs: number;
}

const DEFAULT_OPTIONS: DispatchOptions = {
  batch: 100,
  baseBackoffMs: 1_000,
  maxBackoffMs: 15 * 60_000,
  claimMs: 60_000,
};

export class DispatchOutbox {
  private running: Promise<DispatchReport> | null = null;
  private readonly options: DispatchOptions;

  constructor(
    private readonly stores: readonly OutboxStore[],
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    options: Partial<DispatchOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Runs one dispatch; a call during a running one waits for it and returns its report. */
  run(): Promise<DispatchReport> {
    if (!this.running) this.running = this.dispatch().finally(() => (this.running = null));
    return this.running;
  }

  private async dispatch(): Promise<DispatchReport> {
    const report = { sent: 0, failed: 0 };
    for (const store of this.stores) {
      for (const pending of await store.pendingMail(this.clock.now(), this.options.batch)) {
        const now = this.clock.now();
        const until = new Date(now.getTime() + this.options.claimMs);
        if (!(await store.claimMail(pending.aggregateId, pending.message.id, now, until))) continue;
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
