import type { Payment } from './payment.js';

/**
 * What a procedure does when one of its payments is paid (mark the fee paid, queue the receipt
 * e-mail, move a CNS application on). Must be idempotent: a crash or a duplicate notification
 * can call it again for the same payment.
 */
export interface PaymentPaidHandler {
  onPaid(payment: Payment): Promise<void>;
}

export type PaymentPaidHandlers = Partial<Record<Payment['purpose']['kind'], PaymentPaidHandler>>;
