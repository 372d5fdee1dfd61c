// [P-CERTIFICATE] The card certificate presented for recognition by CNS, parsed and checked against
// the CNS issuing CAs configured as trust anchors. The application only sees what was verified.

/** X.509 key usage bits by their RFC 5280 names (nonRepudiation: contentCommitment in later RFCs). */
export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** As received: the leaf and any intermediates, each PEM or base64 DER. */
export interface PresentedCertificate {
  certificate: string;
  intermediates: readonly string[];
}

/** A leaf that chains to a trust anchor, with what recognition reads from it. */
export interface VerifiedCertificate {
  subjectCN: string | null;
  /** Subject serialNumber (2.5.4.5), e.g. TINIT-RSSMRA80A01L219M. */
  serialNumber: string | null;
  givenName: string | null;
  surname: string | null;
  /** rfc822Name of subjectAltName, else the subject's emailAddress. */
  email: string | null;
  keyUsage: KeyUsageName[];
  notAfter: Date;
  /** Whether `signature` over `data` was made with the certificate's private key. */
  verifySignature(data: Uint8Array, signature: Uint8Array): boolean;
}

export type CertificateRefusalCode =
  | 'INVALID_CERTIFICATE'
  | 'UNTRUSTED_CERTIFICATE'
  | 'CERTIFICATE_NOT_YET_VALID';

export interface CertificateRefusal {
  code: CertificateRefusalCode;
  /** Which certificate: /certificate or /intermediates/N. */
  field: string;
  reason: string;
}

export interface CertificateVerifier {
  /** False without trust anchors: recognition by CNS is then refused, never accepted. */
  readonly configured: boolean;
  /**
   * Builds a path from the leaf through the intermediates to a trust anchor, each link's signature
   * verified and each issuer a CA valid at `at`; the leaf must be valid from its notBefore. The
   * leaf's expiry is not judged here: cns.recognition-certificate does it, with its own code.
   */
  verify(
    presented: PresentedCertificate,
    at: Date,
  ): { ok: true; value: VerifiedCertificate } | { ok: false; error: CertificateRefusal };
}
