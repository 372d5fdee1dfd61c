// [P-PASSPHRASE] with OpenPGP (openpgp.js, LGPL-3.0): at registration an ECC (Curve25519) key pair
// is made and its private key locked with the passphrase; the passphrase is then dropped. At
// production the codes are encrypted to the public key. Only someone who knows the passphrase can
// unlock the private key and read them.
//
// The lock is Argon2 S2K (RFC 9580), memory-hard, so a guess costs 64 MiB and 3 passes (RFC 9106's
// second recommended setting): the locked key travels by e-mail, and an alphanumeric passphrase is
// short. RFC 9580 allows Argon2 only with an AEAD-protected key (S2K usage 253). OpenPGP.js,
// Sequoia, GopenPGP and RNP read such keys; GnuPG (2.2 here, and the LibrePGP line generally) does
// not (README, "SMTP TLS and the sealed codes"). The message with the codes stays SEIPD v1, which
// every OpenPGP client reads.
import * as openpgp from 'openpgp';
import type { SealingKeys } from '../../application/cns/application.js';
import type { CodeSealer, SecurityCodes } from '../../application/cns/ports/code-sealer.js';

/** OpenPGP's Argon2 parameters: passes, lanes, and memory as 2^memoryExponent KiB. */
export interface Argon2Params {
  passes: number;
  parallelism: number;
  memoryExponent: number;
}

/** 3 passes, 4 lanes, 64 MiB. */
export const PRODUCTION_ARGON2: Argon2Params = { passes: 3, parallelism: 4, memoryExponent: 16 };

export class OpenPgpCodeSealer implements CodeSealer {
  /** `argon2`: tests lower the cost (as they lower scrypt's); production keeps the default. */
  constructor(private readonly argon2: Argon2Params = PRODUCTION_ARGON2) {}

  async createKeys(passphrase: string, owner: { name: string; email: string }): Promise<SealingKeys> {
    // Made unlocked, without AEAD preferences (so the codes message stays SEIPD v1), then locked.
    const { publicKey, privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: owner.name, email: owner.email }],
      format: 'object',
    });
    const locked = await openpgp.encryptKey({
      privateKey,
      passphrase,
      config: { s2kType: openpgp.enums.s2k.argon2, s2kArgon2Params: this.argon2, aeadProtect: true },
    });
    return { publicKey: publicKey.armor(), lockedPrivateKey: locked.armor() };
  }

  async seal(publicKey: string, codes: SecurityCodes): Promise<string> {
    const text = [
      `PIN: ${codes.pin}`,
      `PUK: ${codes.puk}`,
      `Codice di emergenza: ${codes.emergencyCode}`,
      '',
    ].join('\n');
    return openpgp.encrypt({
      message: await openpgp.createMessage({ text }),
      encryptionKeys: await openpgp.readKey({ armoredKey: publicKey }),
      format: 'armored',
    });
  }
}
