// The embedded default's pagoPA: keeps debt positions as GPD would and, when a person "pays" a
// notice (README walkthrough, tests), produces the receipt notification pagoPA would send. The
// HTTP simulator (gpd-http-simulator.ts) serves this same ledger over GPD's paths.
import { randomUUID } from 'node:crypto';
import type { ReceiptNotification } from '../../application/payments/record-receipt.js';
import type {
  GpdDebtPosition,
  GpdPositionRecord,
  GpdStatus,
  PaymentGateway,
} from '../../application/ports/payment-gateway.js';

export interface GpdEntry {
  organizationFiscalCode: string;
  position: GpdDebtPosition;
  status: GpdStatus;
  insertedDate: string;
  publishDate: string | null;
  paymentDate: string | null;
  /** The receipt of the paid option (GPD's idReceipt). */
  idReceipt: string | null;
}

/** GPD's answers to create and publish, in its own terms (HTTP statuses live in the HTTP simulator). */
export type GpdCreateResult =
  | { outcome: 'created'; entry: GpdEntry }
  | { outcome: 'duplicate'; entry: GpdEntry }
  | { outcome: 'invalid'; detail: string };
export type GpdPublishResult =
  | { outcome: 'published'; entry: GpdEntry }
  | { outcome: 'not-found' }
  | { outcome: 'not-publishable'; entry: GpdEntry };

export class MemoryGpdSimulator implements PaymentGateway {
  private readonly positions = new Map<string, GpdEntry>();

  async createPosition(position: GpdDebtPosition): Promise<{ iupd: string; status: GpdStatus }> {
    const result = this.create(organizationOf(position.iupd), position, true);
    if (result.outcome === 'invalid') throw new Error(`GPD: ${result.detail}`);
    return { iupd: position.iupd, status: result.entry.status };
  }

  async positionStatus(iupd: string): Promise<GpdStatus | null> {
    return this.positions.get(iupd)?.status ?? null;
  }

  async position(iupd: string): Promise<GpdPositionRecord | null> {
    const entry = this.positions.get(iupd);
    return entry ? positionRecord(entry) : null;
  }

  /** POST /debtpositions[?toPublish=true]: a second create for the same iupd is a duplicate. */
  create(organizationFiscalCode: string, position: GpdDebtPosition, toPublish: boolean): GpdCreateResult {
    const existing = this.positions.get(position.iupd);
    if (existing) return { outcome: 'duplicate', entry: existing };
    if (position.paymentOption.some((o) => o.amount !== o.transfer.reduce((sum, t) => sum + t.amount, 0)))
      return { outcome: 'invalid', detail: 'the transfers must add up to the payment option amount' };
    const now = new Date().toISOString();
    const entry: GpdEntry = {
      organizationFiscalCode,
      position: structuredClone(position),
      // Published with no validity date, a position is valid at once (GPD's behaviour).
      status: toPublish ? 'VALID' : 'DRAFT',
      insertedDate: now,
      publishDate: toPublish ? now : null,
      paymentDate: null,
      idReceipt: null,
    };
    this.positions.set(position.iupd, entry);
    return { outcome: 'created', entry };
  }

  /** POST /debtpositions/{iupd}/publish: only a DRAFT can be published. */
  publish(iupd: string): GpdPublishResult {
    const entry = this.positions.get(iupd);
    if (!entry) return { outcome: 'not-found' };
    if (entry.status !== 'DRAFT') return { outcome: 'not-publishable', entry };
    entry.status = 'VALID';
    entry.publishDate = new Date().toISOString();
    return { outcome: 'published', entry };
  }

  get(iupd: string): GpdEntry | null {
    return this.positions.get(iupd) ?? null;
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
      entry.paymentDate = paidAt.toISOString();
      entry.idReceipt = randomUUID();
      return {
        iupd: entry.position.iupd,
        organizationFiscalCode: entry.organizationFiscalCode,
        receipt: {
          receiptId: entry.idReceipt,
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

/** GPD's view of a position (PaymentPositionModelBaseResponse, the parts a receipt is checked against). */
export function positionRecord(entry: GpdEntry): GpdPositionRecord {
  return {
    status: entry.status,
    organizationFiscalCode: entry.organizationFiscalCode,
    paymentOption: entry.position.paymentOption.map((o) => ({
      iuv: o.iuv,
      amount: o.amount,
      status: entry.status === 'PAID' ? 'PO_PAID' : 'PO_UNPAID',
      ...(entry.status === 'PAID' && entry.idReceipt ? { idReceipt: entry.idReceipt } : {}),
    })),
  };
}

/**
 * The creditor of a position: OpenPayment writes iupd as `<organization fiscal code>-<iuv>`, GPD's
 * recommended form, so each procedure's creditor (rules/<procedure>/creditor.parameters.json) is
 * the organization its positions are filed under.
 */
export function organizationOf(iupd: string): string {
  const match = /^(\d{11})-/.exec(iupd);
  if (!match?.[1]) throw new Error(`GPD: the iupd "${iupd}" does not start with an organization fiscal code`);
  return match[1];
}
