// pagoPA's receipt of an annual fee [P-RECEIPT-ALBO]: marks the year paid and queues the receipt
// e-mail (ordinary mail, to the registered address) in one conditional update of the account, so
// duplicate or concurrent notifications change it once and mail once.
import { romeDateOf } from '../../domain/dates.js';
import type { Payment } from '../payments/payment.js';
import type { PaymentPaidHandler } from '../payments/payment-handlers.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { newOutboxMessage } from '../ports/mail.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import { feeReceipt } from './fee-receipt.js';
import { receiptMail } from './mails.js';
import { ALBO_CREDITOR, alboCreditor } from './parameters.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

export class AlboFeePaidHandler implements PaymentPaidHandler {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      rules: RulesetRegistry;
      ids: IdGenerator;
      clock: Clock;
    },
  ) {}

  async onPaid(payment: Payment): Promise<void> {
    const { purpose, receipt } = payment;
    if (purpose.kind !== 'albo-fee' || !receipt) return;
    const account = await this.deps.accounts.get(purpose.companyId);
    // A payment always belongs to an account: failing loudly leaves it unapplied, to be retried.
    if (!account) throw new Error(`albo-fee payment ${payment.id}: no account ${purpose.companyId}`);
    // The fee of a year already paid is a duplicate; a balance for it still gets its receipt.
    if (account.fees[String(purpose.year)] && !purpose.balance) return;
    const day = romeDateOf(new Date(payment.createdAt));
    const creditor = alboCreditor(this.deps.rules, day);
    if (!creditor) throw new Error(`parameter ${ALBO_CREDITOR} is not in force on ${day}`);
    const document = feeReceipt({ ...payment, receipt }, purpose.year, account, creditor);
    await this.deps.accounts.markFeePaid(
      account.id,
      purpose.year,
      {
        paymentId: payment.id,
        noticeNumber: payment.noticeNumber,
        amountCents: payment.amountCents,
        paidAt: receipt.paidAt,
        receiptId: receipt.receiptId,
      },
      newOutboxMessage(this.deps.ids.next(), receiptMail(account.email, document), this.deps.clock.now()),
    );
  }
}
