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
  /** RFC 3339 date-time with offset (domain/pagopa/gpd-due-date.ts). */
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
  /** Whether GPD expires the position after its due date (required by GPD). */
  switchToExpired: boolean;
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

/** GPD's own record of a position: what a receipt is checked against before it is accepted. */
export interface GpdPositionRecord {
  status: GpdStatus;
  organizationFiscalCode: string;
  paymentOption: Array<{
    iuv: string;
    amount: number;
    status: 'PO_UNPAID' | 'PO_PAID' | 'PO_PARTIALLY_REPORTED' | 'PO_REPORTED';
    /** The receipt GPD recorded for the option, when it says. */
    idReceipt?: string;
  }>;
}

/** The creditor's side of pagoPA: create and publish positions, read their status. */
export interface PaymentGateway {
  /** Creates and publishes the position; repeating it for the same `iupd` is harmless. */
  createPosition(position: GpdDebtPosition): Promise<{ iupd: string; status: GpdStatus }>;
  positionStatus(iupd: string): Promise<GpdStatus | null>;
  /** The position as GPD records it (status, creditor, options); null when GPD does not know it. */
  position(iupd: string): Promise<GpdPositionRecord | null>;
}

/** GPD statuses of a position whose payment is complete. */
export const PAID_STATUSES: readonly GpdStatus[] = ['PAID', 'REPORTED'];
