// Opens a pagoPA debt position for a purpose, once: asking again for the same purpose returns the
// payment already opened (so a double click or a retry never makes two notices).
import { gpdDueDateTime } from '../../domain/pagopa/gpd-due-date.js';
import { noticeNumberFor } from '../../domain/pagopa/notice-number.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { GpdDebtPosition, PaymentGateway } from '../ports/payment-gateway.js';
import type { SecretGenerator } from '../ports/secret-generator.js';
import { type CostItem, type Payment, type PaymentPurpose, purposeKeyOf } from './payment.js';
import type { PaymentRepository } from './payment-repository.js';

export interface CreditorConfig {
  /** The creditor body's fiscal code (organization fiscal code in GPD). */
  organizationFiscalCode: string;
  iban: string;
  segregationCode: string;
  /** Taxonomy code of the transfer (pagoPA "tassonomia"). */
  category: string;
}

export interface OpenPaymentRequest {
  purpose: PaymentPurpose;
  items: CostItem[];
  dueDate: string;
  description: string;
  payer: { fiscalCode: string; name: string; email: string; type: 'F' | 'G' };
  /** Who is paid: the register's committee or the chamber (from their rule parameters). */
  creditor: CreditorConfig;
}

export class OpenPayment {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly gateway: PaymentGateway,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly secrets: SecretGenerator,
  ) {}

  async execute(request: OpenPaymentRequest): Promise<Payment> {
    const purposeKey = purposeKeyOf(request.purpose);
    const existing = await this.payments.findByPurposeKey(purposeKey);
    if (existing) return this.published(existing);
    const amountCents = request.items.reduce((sum, item) => sum + item.amountCents, 0);
    const { iuv, noticeNumber } = noticeNumberFor(request.creditor.segregationCode, this.secrets.digits(13));
    const id = this.ids.next();
    const iupd = `${request.creditor.organizationFiscalCode}-${iuv}`;
    const payment: Payment = {
      id,
      purposeKey,
      purpose: request.purpose,
      iupd,
      iuv,
      noticeNumber,
      amountCents,
      items: request.items,
      dueDate: request.dueDate,
      payer: { fiscalCode: request.payer.fiscalCode, name: request.payer.name, email: request.payer.email },
      status: 'open',
      receipt: null,
      appliedAt: null,
      createdAt: this.clock.now().toISOString(),
      version: 1,
      outbox: [],
    };
    payment.pendingPosition = this.debtPosition(payment, request);
    // Stored first, with the position still to create: a concurrent request for the same purpose
    // gets this one, not a second notice, and a crash before GPD answers loses nothing.
    const stored = await this.payments.createOrGet(payment);
    return this.published(stored.payment);
  }

  /**
   * The payment once GPD holds its position [#19]. Until GPD confirms, the payment keeps the
   * position to create; asking again (or the background retry, RetryPendingPositions) creates it,
   * idempotently by iupd, so the caller never gets a notice number GPD does not know, and a payment
   * opened during an outage becomes payable.
   */
  private async published(payment: Payment): Promise<Payment> {
    const position = payment.pendingPosition;
    if (!position || payment.status === 'paid') return payment;
    try {
      await this.gateway.createPosition(position);
    } catch (error) {
      throw new PaymentPositionPending(payment.id, error);
    }
    await this.payments.markPositionPublished(payment.id);
    return { ...payment, pendingPosition: null };
  }

  private debtPosition(payment: Payment, request: OpenPaymentRequest): GpdDebtPosition {
    return {
      iupd: payment.iupd,
      type: request.payer.type,
      fiscalCode: request.payer.fiscalCode,
      fullName: request.payer.name,
      email: request.payer.email,
      companyName: request.payer.name,
      // Past its due date the position expires in GPD too: a receipt after it is refused here.
      switchToExpired: true,
      paymentOption: [
        {
          iuv: payment.iuv,
          amount: payment.amountCents,
          description: request.description.slice(0, 140),
          isPartialPayment: false,
          dueDate: gpdDueDateTime(payment.dueDate),
          transfer: [
            {
              idTransfer: '1',
              amount: payment.amountCents,
              remittanceInformation: request.description.slice(0, 140),
              category: request.creditor.category,
              iban: request.creditor.iban,
            },
          ],
        },
      ],
    };
  }
}

/**
 * pagoPA GPD could not be reached to create the payment's position: the payment is kept, without
 * a notice number to show; the next request for the same purpose, or the background retry,
 * creates the position.
 */
export class PaymentPositionPending extends Error {
  constructor(
    readonly paymentId: string,
    cause: unknown,
  ) {
    super(`the pagoPA position of payment ${paymentId} is not created yet`, { cause });
  }
}
