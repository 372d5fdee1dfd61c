// A company's account on the register portal [§4 Register account]: one document holding the
// credentials, the lockout count, the password-reset requests, the fees paid and the outbox, so
// every state change and the mail it causes are written together.
import type { OutboxMessage } from '../ports/mail.js';

export type RegistrationMode = 'certified-pec' | 'simplified';
export type Scope = 'full' | 'payment-only';

/** A RESET PASSWORD request (seed 000) as the help desk received it, and its approval. */
export interface ResetRequest {
  id: string;
  subject: 'RESET PASSWORD';
  registerNumber: string;
  phone: string;
  receivedAt: string;
  status: 'pending' | 'approved';
  approvedAt: string | null;
  /** The role of the API key that approved it (the system administrator's). */
  approvedBy: string | null;
}

/** The annual fee of one year, once pagoPA's receipt has been applied [P-RECEIPT-ALBO]. */
export interface PaidFee {
  paymentId: string;
  noticeNumber: string;
  amountCents: number;
  paidAt: string;
  receiptId: string;
}

export type AccountEventType =
  | 'registered'
  | 'suspended'
  | 'password-changed'
  | 'reset-requested'
  | 'reset-approved'
  | 'fee-paid'
  | 'fee-balance-paid'
  | 'logged-out';

/** What happened to the account, for the help desk and auditors. */
export interface AccountEvent {
  type: AccountEventType;
  at: string;
  detail?: string;
}

export interface AlboAccount {
  id: string;
  /** Starts with IT (seed 000); unique. */
  matricola: string;
  /** Partita IVA / codice fiscale of the company; one account per company. */
  fiscalCode: string;
  /** Number of the company's entry in the register (numero di iscrizione all'Albo). */
  registerNumber: string;
  companyName: string;
  mode: RegistrationMode;
  scope: Scope;
  /** The PEC (certified mode) or e-mail (simplified) given at registration: credentials, receipts. */
  email: string;
  phone: string;
  pinHash: string;
  /** Most recent first: [0] is the current password; as many as the history depth in force. */
  passwordHashes: string[];
  /** After registration and after a reset, until the company sets its own password [P-PASSWORD]. */
  passwordChangeRequired: boolean;
  /** Consecutive wrong passwords since the last success or reset [P-LOCKOUT]. */
  failedAttempts: number;
  suspendedAt: string | null;
  /**
   * Tokens carry it and are accepted only while it is unchanged: a suspension, a password change, an
   * approved reset and a logout each bump it, ending every session. Absent on accounts stored before
   * sessions were revocable (read as 0).
   */
  sessionEpoch?: number;
  resetRequests: ResetRequest[];
  /** By fee year. */
  fees: Record<string, PaidFee>;
  events: AccountEvent[];
  registeredAt: string;
  /** The albo.registration decision that allowed it. */
  registrationDecisionId: string;
  version: number;
  outbox: OutboxMessage[];
}

/** What the company (full scope) and operators may see: no secrets. */
export type AccountProfile = Omit<AlboAccount, 'pinHash' | 'passwordHashes' | 'outbox' | 'version'>;

export function profileOf(account: AlboAccount): AccountProfile {
  const { pinHash: _pin, passwordHashes: _hashes, outbox: _outbox, version: _version, ...profile } = account;
  return profile;
}

export const MATRICOLA_PATTERN = '^IT[0-9]{8}$';
