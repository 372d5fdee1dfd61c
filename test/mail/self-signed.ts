// A self-signed certificate for 127.0.0.1, made at test time (ECDSA P-256, one day), so the SMTP
// test server can offer STARTTLS and the client can trust exactly that certificate.
// @peculiar/x509 (tsyringe inside) needs a Reflect metadata polyfill loaded first: reflect-metadata,
// which inversify's container already depends on (not declared here: the test only needs it loaded).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface TestCertificate {
  /** PEM, for the server's `cert` and the client's `ca`. */
  cert: string;
  /** PKCS #8 PEM, for the server's `key`. */
  key: string;
}

let made: Promise<TestCertificate> | null = null;

/** One certificate per test file (they are cheap, but there is no need for more). */
export function loopbackCertificate(): Promise<TestCertificate> {
  made ??= make();
  return made;
}

async function make(): Promise<TestCertificate> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=127.0.0.1',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }]),
      new x509.BasicConstraintsExtension(true, undefined, true),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  return { cert: certificate.toString('pem'), key };
}
