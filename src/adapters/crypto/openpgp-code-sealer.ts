// [P-PASSPHRASE] with OpenPGP (openpgp.js, LGPL-3.0): at registration an ECC (Curve25519) key pair
// is made and its private key encrypted with the passphrase (OpenPGP S2K); the passphrase is then
// dropped. At production the codes are encrypted to the public key. Only someone who knows the
// passphrase can unlock the private key and read them; any OpenPGP mail client (or gpg) can.
import * as openpgp from 'openpgp';
import type { SealingKeys } from '../../application/cns/application.js';
import type { CodeSealer, SecurityCodes } from '../../application/cns/ports/code-sealer.js';

export class OpenPgpCodeSealer implements CodeSealer {
  async createKeys(passphrase: string, owner: { name: string; email: string }): Promise<SealingKeys> {
    const { publicKey, privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: owner.name, email: owner.email }],
      passphrase,
      format: 'armored',
    });
    return { publicKey, lockedPrivateKey: privateKey };
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
