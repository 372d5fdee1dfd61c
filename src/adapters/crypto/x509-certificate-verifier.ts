// [P-CERTIFICATE] The CNS card certificate checked with Node's X.509 (path signatures, issuers,
// subjectAltName) and read with @peculiar/x509 (validity, subject attributes, key usage, basic
// constraints: Node does not expose key usage). The path runs from the leaf through the
// intermediates sent with it to one of the configured trust anchors (the CNS issuing CAs);
// revocation is not checked here.
import { type KeyObject, X509Certificate as NodeCertificate, verify } from 'node:crypto';
import type {
  CertificateRefusal,
  CertificateVerifier,
  KeyUsageName,
  PresentedCertificate,
  VerifiedCertificate,
} from '../../application/cns/ports/certificate-verifier.js';
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509Certificate as ParsedCertificate,
} from './peculiar-x509.js';

/** A path longer than this is not a CNS one (root, issuing CA, card), and bounds the work. */
export const MAX_INTERMEDIATES = 4;

const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

const KEY_USAGES: Array<[KeyUsageFlags, KeyUsageName]> = [
  [KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [KeyUsageFlags.cRLSign, 'cRLSign'],
  [KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

/** A certificate with everything read from it at once, so a malformed part is found when parsing. */
interface Certificate {
  node: NodeCertificate;
  field: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA, whatever the key usage says (OpenSSL's notion of a CA also weighs that). */
  caFlag: boolean;
  /** Absent key usage allows every use. */
  keyUsage: KeyUsageName[] | null;
  subject: (oid: string) => string | null;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: CertificateRefusal };

/** One certificate, PEM or base64 DER; anything else (a PEM bundle included) is refused. */
export function parseCertificate(text: string, field: string): Parsed<Certificate> {
  const trimmed = text.trim();
  const pemBlocks = trimmed.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  const refuse = (reason: string): Parsed<Certificate> => ({
    ok: false,
    error: { code: 'INVALID_CERTIFICATE', field, reason },
  });
  if (pemBlocks > 1) return refuse('holds several certificates: send the intermediates apart');
  if (pemBlocks === 0 && !/^[A-Za-z0-9+/=\s]+$/.test(trimmed))
    return refuse('is neither a PEM certificate nor base64 DER');
  try {
    const node = new NodeCertificate(pemBlocks === 1 ? trimmed : Buffer.from(trimmed, 'base64'));
    const parsed = new ParsedCertificate(node.raw);
    const usage = parsed.getExtension(KeyUsagesExtension);
    const subject = parsed.subjectName;
    return {
      ok: true,
      value: {
        node,
        field,
        notBefore: parsed.notBefore,
        notAfter: parsed.notAfter,
        caFlag: parsed.getExtension(BasicConstraintsExtension)?.ca === true,
        keyUsage: usage && KEY_USAGES.filter(([flag]) => (usage.usages & flag) !== 0).map(([, name]) => name),
        subject: (oid) => subject.getField(oid)[0] ?? null,
      },
    };
  } catch {
    return refuse('is not a well-formed X.509 certificate');
  }
}

const validAt = (c: Certificate, at: Date) => c.notBefore <= at && at <= c.notAfter;

/** `child` names `issuer` as its issuer (names, key identifiers) and carries its signature. */
function issuedBy(child: Certificate, issuer: Certificate): boolean {
  try {
    return child.node.checkIssued(issuer.node) && child.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}

/** A CA may sign certificates: basicConstraints cA, and keyCertSign when key usage is given. */
export const isIssuingCa = (c: Certificate): boolean =>
  c.caFlag && (c.keyUsage === null || c.keyUsage.includes('keyCertSign'));

/** The first rfc822Name of subjectAltName as OpenSSL lists it (quoted when it holds a comma). */
function altNameEmail(node: NodeCertificate): string | null {
  const match = /(?:^|, )email:("(?:[^"\\]|\\.)*"|[^,]*)/.exec(node.subjectAltName ?? '');
  if (!match?.[1]) return null;
  try {
    return match[1].startsWith('"') ? (JSON.parse(match[1]) as string) : match[1];
  } catch {
    return null;
  }
}

/** SHA-256 signatures: RSA PKCS#1 v1.5 (smart cards), ECDSA in DER or IEEE P1363 (WebCrypto) form. */
function signatureMatches(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (key.asymmetricKeyType === 'rsa') return verify('sha256', data, key, signature);
    if (key.asymmetricKeyType === 'ec')
      return (
        verify('sha256', data, key, signature) ||
        verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
      );
    return false;
  } catch {
    return false;
  }
}

function verified(leaf: Certificate): VerifiedCertificate {
  return {
    subjectCN: leaf.subject(OID.commonName),
    serialNumber: leaf.subject(OID.serialNumber),
    givenName: leaf.subject(OID.givenName),
    surname: leaf.subject(OID.surname),
    email: altNameEmail(leaf.node) ?? leaf.subject(OID.emailAddress),
    keyUsage: leaf.keyUsage ?? [],
    notAfter: leaf.notAfter,
    verifySignature: (data, signature) => signatureMatches(leaf.node.publicKey, data, signature),
  };
}

export class X509CertificateVerifier implements CertificateVerifier {
  readonly configured: boolean;
  private readonly anchors: Certificate[];

  /** `anchors`: PEM certificates of the CNS issuing CAs (trust-anchors.ts reads and checks them). */
  constructor(anchors: readonly string[]) {
    this.anchors = anchors.map((pem, i) => {
      const parsed = parseCertificate(pem, `trust anchor ${i + 1}`);
      if (!parsed.ok) throw new Error(`${parsed.error.field} ${parsed.error.reason}`);
      return parsed.value;
    });
    this.configured = this.anchors.length > 0;
  }

  verify(presented: PresentedCertificate, at: Date): Parsed<VerifiedCertificate> {
    const untrusted = (field: string, reason: string): Parsed<VerifiedCertificate> => ({
      ok: false,
      error: { code: 'UNTRUSTED_CERTIFICATE', field, reason },
    });
    const leaf = parseCertificate(presented.certificate, '/certificate');
    if (!leaf.ok) return leaf;
    if (presented.intermediates.length > MAX_INTERMEDIATES)
      return {
        ok: false,
        error: {
          code: 'INVALID_CERTIFICATE',
          field: '/intermediates',
          reason: `has more than ${MAX_INTERMEDIATES} certificates`,
        },
      };
    const intermediates: Certificate[] = [];
    for (const [i, text] of presented.intermediates.entries()) {
      const parsed = parseCertificate(text, `/intermediates/${i}`);
      if (!parsed.ok) return parsed;
      intermediates.push(parsed.value);
    }
    if (leaf.value.caFlag) return untrusted('/certificate', "is a CA certificate, not a card holder's");
    if (at < leaf.value.notBefore)
      return {
        ok: false,
        error: {
          code: 'CERTIFICATE_NOT_YET_VALID',
          field: '/certificate',
          reason: `is valid only from ${leaf.value.notBefore.toISOString()}`,
        },
      };
    let current = leaf.value;
    const unused = new Set(intermediates);
    for (;;) {
      const anchor = this.anchors.find((a) => issuedBy(current, a));
      if (anchor)
        return validAt(anchor, at)
          ? { ok: true, value: verified(leaf.value) }
          : untrusted(current.field, `chains to a trust anchor that is not valid at ${at.toISOString()}`);
      const issuer = [...unused].find((c) => issuedBy(current, c));
      if (!issuer)
        return untrusted(
          current.field,
          `does not chain to a configured CNS trust anchor (issuer ${current.node.issuer.replaceAll('\n', ', ')})`,
        );
      if (!isIssuingCa(issuer)) return untrusted(issuer.field, 'signed a certificate but is not a CA');
      if (!validAt(issuer, at)) return untrusted(issuer.field, `is not valid at ${at.toISOString()}`);
      unused.delete(issuer);
      current = issuer;
    }
  }
}
