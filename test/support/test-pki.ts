// A throw-away public-key infrastructure made at test time with @peculiar/x509 and WebCrypto: a
// root CA standing for a CNS issuer, an intermediate under it, and card certificates built to
// order (authentication or signature key usage, codice fiscale in the CN or the serialNumber,
// validity, e-mail). Keys are EC P-256 unless RSA 2048 is asked for; nothing is written to disk.
import { webcrypto } from 'node:crypto';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  Extension,
  type JsonName,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '../../src/adapters/crypto/peculiar-x509.js';

const { subtle } = webcrypto;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const EC_SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

export { KeyUsageFlags };

export interface Issued {
  pem: string;
  /** Base64 DER, as a client may send it instead of PEM. */
  der: string;
  keys: CryptoKeyPair;
  name: JsonName;
}

/** Card validity around the tests' clock (June 2025); each case changes what it tests. */
export const CARD_VALIDITY = {
  notBefore: new Date('2024-01-01T00:00:00Z'),
  notAfter: new Date('2027-12-31T22:59:59Z'),
};
const CA_VALIDITY = {
  notBefore: new Date('2020-01-01T00:00:00Z'),
  notAfter: new Date('2035-12-31T00:00:00Z'),
};

const keyPair = (rsa = false) =>
  subtle.generateKey(rsa ? RSA : EC, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
const signingAlgorithm = (keys: CryptoKeyPair) =>
  keys.privateKey.algorithm.name === 'ECDSA' ? EC_SIGNING : { name: 'RSASSA-PKCS1-v1_5' };
let serial = 0x1000;

async function issue(
  name: JsonName,
  keys: CryptoKeyPair,
  issuer: Issued | null,
  extensions: Extension[],
  validity: { notBefore: Date; notAfter: Date },
): Promise<Issued> {
  const signer = issuer?.keys ?? keys;
  const certificate = await X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(6, '0'),
    subject: name,
    issuer: issuer?.name ?? name,
    ...validity,
    publicKey: keys.publicKey,
    signingKey: signer.privateKey,
    signingAlgorithm: signingAlgorithm(signer),
    extensions: [
      ...extensions,
      await SubjectKeyIdentifierExtension.create(keys.publicKey),
      await AuthorityKeyIdentifierExtension.create(signer.publicKey),
    ],
  });
  return {
    pem: certificate.toString('pem'),
    der: Buffer.from(certificate.rawData).toString('base64'),
    keys,
    name,
  };
}

/** A CA certificate: self-signed without `issuer`. */
export async function aCa(
  commonName: string,
  options: { issuer?: Issued; notBefore?: Date; notAfter?: Date } = {},
): Promise<Issued> {
  return issue(
    [{ C: ['IT'] }, { O: ['Test CNS issuer'] }, { CN: [commonName] }],
    await keyPair(),
    options.issuer ?? null,
    [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
    ],
    { ...CA_VALIDITY, ...pick(options) },
  );
}

const pick = ({ notBefore, notAfter }: { notBefore?: Date; notAfter?: Date }) => ({
  ...(notBefore ? { notBefore } : {}),
  ...(notAfter ? { notAfter } : {}),
});

export interface CardOptions {
  issuer: Issued;
  /** Default: the CNS authentication CN, codice fiscale then serial and hash. */
  commonName?: string;
  /** Subject serialNumber (2.5.4.5), e.g. TINIT-RSSMRA80A01L219M. */
  serialNumber?: string;
  givenName?: string | null;
  surname?: string | null;
  email?: string | null;
  /** Default: digitalSignature | keyEncipherment, the authentication certificate. */
  usages?: KeyUsageFlags;
  notBefore?: Date;
  notAfter?: Date;
  /** A subjectAltName with an otherName of a private type besides the e-mail. */
  otherName?: boolean;
  /** A CA flag on a card: what no CNS issuer would sign. */
  ca?: boolean;
  rsa?: boolean;
}

export async function aCard(fiscalCode: string, options: CardOptions): Promise<Issued> {
  const { givenName = 'MARIO', surname = 'ROSSI', email = 'mario.rossi@pec.example.it' } = options;
  const name: JsonName = [
    { C: ['IT'] },
    { O: ['Test CNS issuer'] },
    { CN: [options.commonName ?? `${fiscalCode}/7420000012345678.abcdEFGH=`] },
    ...(options.serialNumber ? [{ '2.5.4.5': [options.serialNumber] }] : []),
    ...(givenName ? [{ G: [givenName] }] : []),
    ...(surname ? [{ SN: [surname] }] : []),
  ];
  const usages = options.usages ?? KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment;
  return issue(
    name,
    await keyPair(options.rsa),
    options.issuer,
    [
      new BasicConstraintsExtension(options.ca ?? false, undefined, true),
      new KeyUsagesExtension(usages, true),
      ...(email ? [options.otherName ? altNamesWithOtherName(email) : emailAltName(email)] : []),
    ],
    { ...CARD_VALIDITY, ...pick(options) },
  );
}

const emailAltName = (email: string) =>
  new SubjectAlternativeNameExtension([{ type: 'email', value: email }]);

/** GeneralNames DER by hand: otherName 1.2.3.4 = UTF8String "x", then rfc822Name (short lengths only). */
function altNamesWithOtherName(email: string): Extension {
  const tlv = (tag: number, ...content: Buffer[]) => {
    const body = Buffer.concat(content);
    return Buffer.concat([Buffer.from([tag, body.length]), body]);
  };
  const otherName = tlv(
    0xa0,
    Buffer.from([0x06, 0x03, 0x2a, 0x03, 0x04]),
    tlv(0xa0, tlv(0x0c, Buffer.from('x'))),
  );
  return new Extension('2.5.29.17', false, tlv(0x30, otherName, tlv(0x81, Buffer.from(email))));
}

/** The card's signature over `text` (UTF-8), base64: ECDSA in WebCrypto's r‖s form, or RSA PKCS#1 v1.5. */
export async function signText(keys: CryptoKeyPair, text: string): Promise<string> {
  const signature = await subtle.sign(
    signingAlgorithm(keys),
    keys.privateKey,
    new TextEncoder().encode(text),
  );
  return Buffer.from(signature).toString('base64');
}

export interface TestPki {
  root: Issued;
  intermediate: Issued;
  /** An authentication card issued by the intermediate, for the codice fiscale given. */
  card(fiscalCode: string, options?: Omit<CardOptions, 'issuer'>): Promise<Issued>;
}

/** Root and intermediate; the root is the trust anchor tests configure. */
export async function aTestPki(): Promise<TestPki> {
  const root = await aCa('Test CNS Root CA');
  const intermediate = await aCa('Test CNS Issuing CA', { issuer: root });
  return {
    root,
    intermediate,
    card: (fiscalCode, options = {}) => aCard(fiscalCode, { issuer: intermediate, ...options }),
  };
}
