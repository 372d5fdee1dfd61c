// Re-printing the receipt of an annual fee at any time [P-RECEIPT-ALBO]: the company sees its own
// payments only; operators see any.
import { romeDateOf } from '../../domain/dates.js';
import { err, ok } from '../../domain/types.js';
import type { PaymentRepository } from '../payments/payment-repository.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import type { AlboResult } from './errors.js';
import { type FeeReceipt, feeReceipt } from './fee-receipt.js';
import { ALBO_CREDITOR, alboCreditor } from './parameters.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

/** Who asks: the company with this matricola, or an operator of the register. */
export type ReceiptViewer = { matricola: string } | { operator: true };

export class GetFeeReceipt {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      payments: PaymentRepository;
      rules: RulesetRegistry;
    },
  ) {}

  async execute(paymentId: string, viewer: ReceiptViewer): Promise<AlboResult<FeeReceipt>> {
    const payment = await this.deps.payments.get(paymentId);
    if (payment?.purpose.kind !== 'albo-fee') return err({ code: 'UNKNOWN_PAYMENT', paymentId });
    const account = await this.deps.accounts.get(payment.purpose.companyId);
    // Another company's payment is answered as unknown: its existence is not disclosed.
    if (!account || ('matricola' in viewer && viewer.matricola !== account.matricola))
      return err({ code: 'UNKNOWN_PAYMENT', paymentId });
    if (payment.status !== 'paid' || !payment.receipt)
      return err({ code: 'PAYMENT_NOT_PAID', paymentId, noticeNumber: payment.noticeNumber });
    const day = romeDateOf(new Date(payment.createdAt));
    const creditor = alboCreditor(this.deps.rules, day);
    if (!creditor) return err({ code: 'PARAMETER_MISSING', name: ALBO_CREDITOR, at: day });
    return ok(feeReceipt({ ...payment, receipt: payment.receipt }, payment.purpose.year, account, creditor));
  }
}
