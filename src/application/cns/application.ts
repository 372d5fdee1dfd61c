// A CNS issuance application [§4]: one document per application, with its outbox inside it, so a
// state change and the e-mails it causes are written together. Statuses are the ones
// cns.rectification orders: registered → paid → recognized → in-production → shipped → delivered
// (and revoked). Recognition by CNS may come before payment: the status then stays `registered`
// with `recognition` set, and moves to `recognized` when the payment arrives.
import type { CostItem } from '../payments/payment.js';
import type { OutboxMessage } from '../ports/mail.js';

export const CNS_STATUSES = [
  'registered',
  'paid',
  'recognized',
  'in-production',
  'shipped',
  'delivered',
  'revoked',
] as const;
export type CnsStatus = (typeof CNS_STATUSES)[number];
export type ApplicantType = 'private' | 'legal-representative';
export type RecognitionMethod = 'webcam' | 'cns';
export type DeliveryMode = 'shipping' | 'counter';

export interface Address {
  street: string;
  city: string;
  postalCode: string;
  /** Italian province sigla; may be absent abroad. */
  province?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** Always the natural person's own data (a legal representative's, never the company's). */
export interface PersonalData {
  firstName: string;
  lastName: string;
  fiscalCode: string;
  birthDate: string;
  birthPlace: string;
  /** As stated at registration, when stated (checked against the codice fiscale). */
  sex?: 'M' | 'F';
  residence: Address;
  /** The e-mail written in the certificate of the card used for recognition by CNS, if any. */
  certificateEmail: string | null;
}

export interface Company {
  name: string;
  /** Province of the business register the company is registered in. */
  registryProvince: string;
  fiscalCode?: string;
}

export interface Delivery {
  mode: DeliveryMode;
  address: Address;
  attendedAddressConfirmed: boolean;
}

/** Who the receipt is addressed to when not the applicant (a company, a professional firm). */
export interface ReceiptHeading {
  name: string;
  fiscalCode?: string;
  address?: string;
}

/**
 * [P-PASSPHRASE] An OpenPGP key pair made at registration: the private key is locked by the
 * passphrase, which is not kept anywhere; only the passphrase opens what is sealed to the public key.
 */
export interface SealingKeys {
  publicKey: string;
  lockedPrivateKey: string;
}

export interface Appointment {
  slotId: string;
  startsAt: string;
  endsAt: string;
  /** The video-call link, e-mailed after payment. */
  videoLink: string;
  bookedAt: string;
}

export interface PaymentRef {
  paymentId: string;
  noticeNumber: string;
  iupd: string;
  amountCents: number;
  items: CostItem[];
  /** The part of the amount that pays for shipping (not refunded on a counter fallback). */
  shippingCents: number;
  dueDate: string;
  openedAt: string;
}

/** [P-RECEIPT-HEADING] The receipt as frozen at payment: each cost item and the PSP's commission. */
export interface CnsReceipt {
  heading: ReceiptHeading;
  items: CostItem[];
  pspName: string;
  pspCommissionCents: number;
  /** Cost items plus the commission: what the payer was charged. */
  totalCents: number;
  receiptId: string;
  paidAt: string;
  /** Europe/Rome date of the payment: one end of the timeline's clock. */
  paymentDate: string;
  vatApplicable: boolean;
  invoiceIssued: boolean;
}

/** An OTP the system sends to the registered mobile so the applicant signs one document. */
export interface OtpSignature {
  document: string;
  sentTo: string;
  sentAt: string;
}

export type SuspensionReason = 'technical' | 'invalid-documents';

/** One recognition session with an operator (webcam, or at the counter). */
export interface RecognitionSession {
  channel: 'webcam' | 'counter';
  outcome: 'completed' | 'suspended';
  reason: SuspensionReason | null;
  otpSignatures: OtpSignature[];
  note: string | null;
  at: string;
}

export interface Recognition {
  channel: 'webcam' | 'cns' | 'counter';
  at: string;
  /** Europe/Rome date: one end of the timeline's clock. */
  date: string;
}

/**
 * [P-CERTIFICATE] A one-time nonce for recognition by CNS: the card signs it to prove possession.
 * Kept on the application so that it is bound to it and consumed by the same versioned write.
 */
export interface CertificateChallenge {
  nonce: string;
  expiresAt: string;
}

/** [P-TIMELINE] As decided when both payment and recognition were complete. */
export interface Timeline {
  clockStart: string;
  productionStartBy: string | null;
  deliveryFrom: string | null;
  deliveryTo: string | null;
  decisionId: string;
  /** Codes of cns.timeline's violations, when it could not compute the dates. */
  problems: string[];
}

/** Online recognition proved impossible: the applicant must come to the counter in person. */
export interface InPersonRecognition {
  requiredAt: string;
  reason: string;
  /** Shipping already paid is not refunded (seed 002). */
  shippingRefunded: false;
  shippingPaidCents: number;
}

export interface CnsApplication {
  id: string;
  /** Optimistic concurrency: every write checks and bumps it. */
  version: number;
  status: CnsStatus;
  createdAt: string;
  applicant: PersonalData;
  applicantType: ApplicantType;
  company: Company | null;
  contact: { email: string; mobile: string | null };
  recognitionMethod: RecognitionMethod;
  delivery: Delivery;
  receiptHeading: ReceiptHeading | null;
  competentChamber: string;
  sealing: SealingKeys;
  /** `certificate` once recognition by CNS copied the identity from the old card (then locked). */
  identitySource: 'declared' | 'certificate';
  appointment: Appointment | null;
  payment: PaymentRef | null;
  receipt: CnsReceipt | null;
  sessions: RecognitionSession[];
  recognition: Recognition | null;
  /** The outstanding challenge, if any (absent on applications stored before challenges existed). */
  certificateChallenge?: CertificateChallenge | null;
  inPersonRecognition: InPersonRecognition | null;
  timeline: Timeline | null;
  trackingNumber: string | null;
  history: Array<{ status: CnsStatus; at: string }>;
  /** The application this one re-issues after a revocation, and the one that re-issued this. */
  replaces: string | null;
  replacedBy: string | null;
  revocation: { at: string; reason: string } | null;
  /**
   * Applicant tokens carry it and are accepted only while it is unchanged (the applicant's logout
   * bumps it). Absent on applications stored before tokens were revocable (read as 0).
   */
  sessionEpoch?: number;
  outbox: OutboxMessage[];
}

export const fullName = (p: Pick<PersonalData, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;

/** The receipt heading in force: the one given, else the applicant (the default). */
export function headingOf(app: Pick<CnsApplication, 'receiptHeading' | 'applicant'>): ReceiptHeading {
  return app.receiptHeading ?? { name: fullName(app.applicant), fiscalCode: app.applicant.fiscalCode };
}
