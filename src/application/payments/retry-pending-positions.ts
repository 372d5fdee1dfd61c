// The background half of "a payment opened while GPD is down becomes payable" [#19]: payments
// whose GPD position is still to create are published once GPD answers again, even when nobody
// asks for them. Creating is idempotent by iupd (GPD's 409 is read back), so this may race the
// caller's own retry or another instance's run without making two positions.
import type { PaymentGateway } from '../ports/payment-gateway.js';
import type { PaymentRepository } from './payment-repository.js';

export interface RetryReport {
  published: number;
  failed: number;
}

export class RetryPendingPositions {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly gateway: PaymentGateway,
    private readonly batch = 50,
  ) {}

  async run(): Promise<RetryReport> {
    const report: RetryReport = { published: 0, failed: 0 };
    for (const payment of await this.payments.findPendingPositions(this.batch)) {
      if (!payment.pendingPosition) continue;
      try {
        await this.gateway.createPosition(payment.pendingPosition);
      } catch {
        // GPD still down (or refusing): the position stays pending for the next run.
        report.failed++;
        continue;
      }
      await this.payments.markPositionPublished(payment.id);
      report.published++;
    }
    return report;
  }
}
