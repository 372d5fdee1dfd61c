// The pagoPA positions of one company's fee for one year: the fee itself, then one position for each
// difference due after the fleet was corrected upwards once the fee was paid (balance 1, 2, …).
// They are stored by purpose key, so they are read in order until one is missing.
import type { Payment } from '../payments/payment.js';
import { purposeKeyOf } from '../payments/payment.js';
import type { PaymentRepository } from '../payments/payment-repository.js';

export interface FeePositions {
  fee: Payment | null;
  balances: Payment[];
  /** What pagoPA's receipts say was paid, all positions together. */
  paidCents: number;
}

export async function feePositions(
  payments: PaymentRepository,
  companyId: string,
  year: number,
): Promise<FeePositions> {
  const fee = await payments.findByPurposeKey(purposeKeyOf({ kind: 'albo-fee', companyId, year }));
  const balances: Payment[] = [];
  for (let balance = 1; fee; balance++) {
    const next = await payments.findByPurposeKey(
      purposeKeyOf({ kind: 'albo-fee', companyId, year, balance }),
    );
    if (!next) break;
    balances.push(next);
  }
  const paidCents = [fee, ...balances].reduce(
    (sum, p) => sum + (p?.status === 'paid' ? (p.receipt?.amountCents ?? p.amountCents) : 0),
    0,
  );
  return { fee, balances, paidCents };
}
