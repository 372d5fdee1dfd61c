import type { SealingKeys } from '../application.js';

/** The card's security codes, made at production and never stored readable. */
export interface SecurityCodes {
  pin: string;
  puk: string;
  emergencyCode: string;
}

/**
 * [P-PASSPHRASE] Seals the security codes so that only the applicant's passphrase opens them.
 * The passphrase is used once, to lock the private key at registration, and then forgotten: what
 * the system keeps (the public key and the locked private key) cannot open anything by itself.
 */
export interface CodeSealer {
  createKeys(passphrase: string, owner: { name: string; email: string }): Promise<SealingKeys>;
  /** An encrypted message (ASCII-armored) only the private key, unlocked by the passphrase, opens. */
  seal(publicKey: string, codes: SecurityCodes): Promise<string>;
}
