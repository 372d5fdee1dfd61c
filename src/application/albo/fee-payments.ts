// The company's payments page [P-RECEIPT-ALBO]: every annual-fee payment it opened, with its status,
// amounts and notice number, and for a paid one the receipt it can re-print at any time (seed 000:
// "ristampare la ricevuta dalla apposita funzione accessibile dalla pagina di visualizzazione dei
// pagamenti effettuati"). Only the asking company's own payments are read.
import { err, ok } from '../../domain/types.js';
import type { Payment } from '../payments/payment.js';
import type { PaymentRepository } from '../payments/payment-repository.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import type { AlboResult } from './errors.js';
import { feePositions } from './fee-positions.js';
import { type FeePayment, feePayment } from './pay-fee.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

export const FEE_SCHEDULES = 'albo.quota.schedules';

export type ListedFeePayment = Omit<FeePayment, 'created'> & {
  /** The receipt to re-print; null until pagoPA notifies the payment. */
  receiptUrl: string | null;
};

export class ListFeePayments {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      payments: PaymentRepository;
      rules: RulesetRegistry;
    },
  ) {}

  /** Newest fee year first. */
  async execute(matricola: string): Promise<AlboResult<{ payments: ListedFeePayment[] }>> {
    const account = await this.deps.accounts.findByMatricola(matricola);
    if (!account) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    const years = [
      ...new Set([...scheduledYears(this.deps.rules), ...Object.keys(account.fees).map(Number)]),
    ];
    const found = await Promise.all(
      years.map(async (year) => {
        const { fee, balances } = await feePositions(this.deps.payments, account.id, year);
        return fee ? [fee, ...balances].map((p) => listed(p, year)) : [];
      }),
    );
    return ok({ payments: found.flat().sort((a, b) => b.year - a.year) });
  }
}

/**
 * The fee years of every schedule albo.quota ever had: a fee can be paid only for one, and the
 * payments are kept by company and year (no other index lists a company's payments).
 */
function scheduledYears(rules: RulesetRegistry): number[] {
  const parameter = rules.current().ruleset.parameters.get(FEE_SCHEDULES);
  const years = (parameter?.history ?? []).flatMap((entry) =>
    entry.value !== null && typeof entry.value === 'object' ? Object.keys(entry.value) : [],
  );
  return years.map(Number).filter(Number.isInteger);
}

function listed(payment: Payment, year: number): ListedFeePayment {
  const { created: _created, ...view } = feePayment(payment, year, false);
  return {
    ...view,
    receiptUrl: payment.status === 'paid' ? `/v1/albo/payments/${payment.id}/receipt` : null,
  };
}
