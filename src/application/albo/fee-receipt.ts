// The receipt of an annual fee [P-RECEIPT-ALBO]: e-mailed by ordinary mail when pagoPA notifies the
// payment, and printable again at any time from the same data.
import type { Payment } from '../payments/payment.js';
import { euro, romeDateTime } from '../text/citizen-format.js';
import type { AlboAccount } from './account.js';

export interface FeeReceipt {
  paymentId: string;
  year: number;
  company: { name: string; fiscalCode: string; registerNumber: string; matricola: string };
  creditor: { name: string; fiscalCode: string };
  noticeNumber: string;
  iuv: string;
  iupd: string;
  amountCents: number;
  items: Array<{ description: string; amountCents: number }>;
  dueDate: string;
  receipt: { receiptId: string; paidAt: string; pspName: string; pspCommissionCents: number };
}

export function feeReceipt(
  payment: Payment & { receipt: NonNullable<Payment['receipt']> },
  year: number,
  account: AlboAccount,
  creditor: { name: string; organizationFiscalCode: string },
): FeeReceipt {
  return {
    paymentId: payment.id,
    year,
    company: {
      name: account.companyName,
      fiscalCode: account.fiscalCode,
      registerNumber: account.registerNumber,
      matricola: account.matricola,
    },
    creditor: { name: creditor.name, fiscalCode: creditor.organizationFiscalCode },
    noticeNumber: payment.noticeNumber,
    iuv: payment.iuv,
    iupd: payment.iupd,
    amountCents: payment.amountCents,
    items: payment.items,
    dueDate: payment.dueDate,
    receipt: {
      receiptId: payment.receipt.receiptId,
      paidAt: payment.receipt.paidAt,
      pspName: payment.receipt.pspName,
      pspCommissionCents: payment.receipt.pspCommissionCents,
    },
  };
}

/** The plain-text receipt of the e-mail. */
export function receiptText(r: FeeReceipt): string {
  return [
    `Ricevuta di pagamento della quota associativa ${r.year}`,
    `${r.creditor.name} (C.F. ${r.creditor.fiscalCode})`,
    '',
    `Impresa: ${r.company.name}`,
    `Codice fiscale / partita IVA: ${r.company.fiscalCode}`,
    `Numero di iscrizione all'Albo: ${r.company.registerNumber}`,
    `Matricola: ${r.company.matricola}`,
    '',
    ...r.items.map((i) => `  ${i.description}: ${euro(i.amountCents)}`),
    `Importo pagato: ${euro(r.amountCents)}`,
    `Codice avviso pagoPA: ${r.noticeNumber} (IUV ${r.iuv})`,
    `Pagato il ${romeDateTime(r.receipt.paidAt)} tramite ${r.receipt.pspName} (ricevuta ${r.receipt.receiptId})`,
    '',
    'La ricevuta può essere ristampata in qualsiasi momento dalla pagina dei pagamenti effettuati.',
  ].join('\n');
}
