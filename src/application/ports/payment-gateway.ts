// pagoPA GPD (Gestione Posizioni Debitorie) in its own terms: a debt position `iupd` with one
// payment option (`iuv`, amount in cents, due date) and its transfers to the creditor's IBAN.

export interface GpdTransfer {
  idTransfer: '1' | '2' | '3' | '4' | '5';
  amount: number;
  remittanceInformation: string;
  category: string;
  iban: string;
}

export interface GpdPaymentOption {
  iuv: string;
  amount: number;
  description: string;
  isPartialPayment: false;
  dueDate: string;
  transfer: GpdTransfer[];
}

export interface GpdDebtPosition {
  iupd: string;
  type: 'F' | 'G';
  fiscalCode: string;
  fullName: string;
  email?: string;
  companyName: string;
  paymentOption: GpdPaymentOption[];
}

export type GpdStatus =
  | 'DRAFT'
  | 'PUBLISHED'
  | 'VALID'
  | 'INVALID'
  | 'EXPIRED'
  | 'PARTIALLY_PAID'
  | 'PAID'
  | 'REPORTED';

/** The creditor's side of pagoPA: create and publish positions, read their status. */
export interface PaymentGateway {
  /** Creates and publishes the position; repeating it for the same `iupd` is harmless. */
  createPosition(position: GpdDebtPosition): Promise<{ iupd: string; status: GpdStatus }>;
  positionStatus(iupd: string): Promise<GpdStatus | null>;
}
