// The embedded default's pagoPA: keeps debt positions as GPD would and, when a person "pays" a
// notice (README walkthrough, tests), produces the receipt notification pagoPA would send.
import { randomUUID } from 'node:crypto';
import type { ReceiptNotification } from '../../application/payments/record-receipt.js';
import type { GpdDebtPosition, GpdStatus, PaymentGateway } from '../../application/ports/payment-gateway.js';

export class MemoryGpdSimulator implements PaymentGateway {
  private readonly positions = new Map<string, { position: GpdDebtPosition; status: GpdStatus }>();

  async createPosition(position: GpdDebtPosition): Promise<{ iupd: string; status: GpdStatus }> {
    const existing = this.positions.get(position.iupd);
    if (existing) return { iupd: position.iupd, status: existing.status };
    if (position.paymentOption.some((o) => o.amount !== o.transfer.reduce((sum, t) => sum + t.amount, 0)))
      throw new Error('GPD: the transfers must add up to the payment option amount');
    this.positions.set(position.iupd, { position: structuredClone(position), status: 'VALID' });
    return { iupd: position.iupd, status: 'VALID' };
  }

  async positionStatus(iupd: string): Promise<GpdStatus | null> {
    return this.positions.get(iupd)?.status ?? null;
  }

  /** Pays the notice as a PSP would; null when no valid position has that notice number. */
  pay(
    noticeNumber: string,
    paidAt: Date,
    psp = { name: 'PSP simulato', commissionCents: 100 },
  ): ReceiptNotification | null {
    const iuv = noticeNumber.slice(1);
    for (const entry of this.positions.values()) {
      const option = entry.position.paymentOption.find((o) => o.iuv === iuv);
      if (!option || entry.status !== 'VALID') continue;
      entry.status = 'PAID';
      return {
        iupd: entry.position.iupd,
        receipt: {
          receiptId: randomUUID(),
          paidAt: paidAt.toISOString(),
          amountCents: option.amount,
          pspName: psp.name,
          pspCommissionCents: psp.commissionCents,
        },
      };
    }
    return null;
  }
}
