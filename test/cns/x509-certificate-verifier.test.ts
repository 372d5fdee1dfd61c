// [P-CERTIFICATE] The X.509 verifier adapter on a test PKI made at run time: a card chains through
// its intermediate to the configured root, or is refused with a stable code naming the certificate.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { X509CertificateVerifier } from '../../src/adapters/crypto/x509-certificate-verifier.js';
import { FC_RUNS } from '../support/load-rules.js';
import { aCa, aCard, aTestPki, KeyUsageFlags, signText, type TestPki } from '../support/test-pki.js';
import { FISCAL_CODE } from './support.js';

const JUNE_2025 = new Date('2025-06-16T08:00:00Z');
let pki: TestPki;
let verifier: X509CertificateVerifier;
beforeAll(async () => {
  pki = await aTestPki();
  verifier = new X509CertificateVerifier([pki.root.pem]);
});

const refusalOf = (result: ReturnType<X509CertificateVerifier['verify']>) => {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};
const successValue = (result: ReturnType<X509CertificateVerifier['verify']>) => {
  if (!result.ok) throw new Error(`expected a verified certificate, got ${JSON.stringify(result.error)}`);
  return result.value;
};

describe('the X.509 certificate verifier', () => {
  it('accepts a card chained through its intermediate and reads what recognition needs', async () => {
    const card = await pki.card(FISCAL_CODE, { serialNumber: `TINIT-${FISCAL_CODE}` });
    const verified = successValue(
      verifier.verify({ certificate: card.pem, intermediates: [pki.intermediate.pem] }, JUNE_2025),
    );
    expect(verified).toMatchObject({
      subjectCN: `${FISCAL_CODE}/7420000012345678.abcdEFGH=`,
      serialNumber: `TINIT-${FISCAL_CODE}`,
      givenName: 'MARIO',
      surname: 'ROSSI',
      email: 'mario.rossi@pec.example.it',
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      notAfter: new Date('2027-12-31T22:59:59Z'),
    });
  });

  it('reads the e-mail of a subjectAltName that also holds an otherName of a private type', async () => {
    const card = await pki.card(FISCAL_CODE, { otherName: true });
    const verified = successValue(
      verifier.verify({ certificate: card.pem, intermediates: [pki.intermediate.pem] }, JUNE_2025),
    );
    expect(verified).toMatchObject({
      email: 'mario.rossi@pec.example.it',
      keyUsage: ['digitalSignature', 'keyEncipherment'],
    });
  });

  it('takes base64 DER as well as PEM, and reads the signature certificate as nonRepudiation', async () => {
    const signing = await pki.card(FISCAL_CODE, { usages: KeyUsageFlags.nonRepudiation });
    const verified = successValue(
      verifier.verify({ certificate: signing.der, intermediates: [pki.intermediate.der] }, JUNE_2025),
    );
    expect(verified.keyUsage).toEqual(['nonRepudiation']);
  });

  it('refuses a card made by a CA of its own with the same names as the trusted one', async () => {
    const forger = await aCa('Test CNS Root CA');
    const issuing = await aCa('Test CNS Issuing CA', { issuer: forger });
    const forged = await aCard(FISCAL_CODE, { issuer: issuing });
    expect(
      refusalOf(verifier.verify({ certificate: forged.pem, intermediates: [issuing.pem] }, JUNE_2025)),
    ).toMatchObject({ code: 'UNTRUSTED_CERTIFICATE', field: '/intermediates/0' });
  });

  it('refuses a self-signed card and a card sent without its intermediate', async () => {
    const card = await pki.card(FISCAL_CODE);
    expect(refusalOf(verifier.verify({ certificate: card.pem, intermediates: [] }, JUNE_2025))).toMatchObject(
      { code: 'UNTRUSTED_CERTIFICATE', field: '/certificate' },
    );
    const selfMade = await aCa(FISCAL_CODE);
    expect(refusalOf(verifier.verify({ certificate: selfMade.pem, intermediates: [] }, JUNE_2025)).code).toBe(
      'UNTRUSTED_CERTIFICATE',
    );
  });

  it('refuses a card issued by another card (not a CA) and a card that is itself a CA', async () => {
    // keyCertSign gets past OpenSSL's issuer check: basicConstraints is what says it is no CA.
    const holder = await pki.card(FISCAL_CODE, {
      usages: KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign,
    });
    const child = await aCard('VRDGPP80A01L219J', { issuer: holder });
    expect(
      refusalOf(
        verifier.verify(
          { certificate: child.pem, intermediates: [holder.pem, pki.intermediate.pem] },
          JUNE_2025,
        ),
      ),
    ).toMatchObject({
      code: 'UNTRUSTED_CERTIFICATE',
      field: '/intermediates/0',
      reason: expect.stringContaining('not a CA'),
    });
    const caCard = await pki.card(FISCAL_CODE, { ca: true });
    expect(
      refusalOf(
        verifier.verify({ certificate: caCard.pem, intermediates: [pki.intermediate.pem] }, JUNE_2025),
      ).code,
    ).toBe('UNTRUSTED_CERTIFICATE');
  });

  it('refuses a card not valid yet, and an intermediate expired at the time of the check', async () => {
    const early = await pki.card(FISCAL_CODE, { notBefore: new Date('2025-06-17T00:00:00Z') });
    expect(
      refusalOf(
        verifier.verify({ certificate: early.pem, intermediates: [pki.intermediate.pem] }, JUNE_2025),
      ),
    ).toMatchObject({ code: 'CERTIFICATE_NOT_YET_VALID', field: '/certificate' });
    const oldCa = await aCa('Old Issuing CA', {
      issuer: pki.root,
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    const card = await aCard(FISCAL_CODE, { issuer: oldCa });
    expect(
      refusalOf(verifier.verify({ certificate: card.pem, intermediates: [oldCa.pem] }, JUNE_2025)),
    ).toMatchObject({ code: 'UNTRUSTED_CERTIFICATE', field: '/intermediates/0' });
  });

  it('leaves an expired card to the policy: the chain is still verified', async () => {
    const expired = await pki.card(FISCAL_CODE, { notAfter: new Date('2025-06-01T00:00:00Z') });
    const verified = successValue(
      verifier.verify({ certificate: expired.pem, intermediates: [pki.intermediate.pem] }, JUNE_2025),
    );
    expect(verified.notAfter).toEqual(new Date('2025-06-01T00:00:00Z'));
  });

  it('refuses what is not one certificate', () => {
    for (const certificate of [
      'hello',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      'AAAA',
    ])
      expect(refusalOf(verifier.verify({ certificate, intermediates: [] }, JUNE_2025))).toMatchObject({
        code: 'INVALID_CERTIFICATE',
        field: '/certificate',
      });
    const bundle = `${pki.root.pem}\n${pki.intermediate.pem}`;
    expect(
      refusalOf(verifier.verify({ certificate: bundle, intermediates: [] }, JUNE_2025)).reason,
    ).toContain('several');
  });

  it("verifies signatures with the card's key: ECDSA (both encodings) and RSA", async () => {
    const data = new TextEncoder().encode('challenge');
    const ec = await pki.card(FISCAL_CODE);
    const rsa = await pki.card(FISCAL_CODE, { rsa: true });
    for (const card of [ec, rsa]) {
      const verified = successValue(
        verifier.verify({ certificate: card.pem, intermediates: [pki.intermediate.pem] }, JUNE_2025),
      );
      const signature = Buffer.from(await signText(card.keys, 'challenge'), 'base64');
      expect(verified.verifySignature(data, signature)).toBe(true);
      expect(verified.verifySignature(new TextEncoder().encode('other'), signature)).toBe(false);
      expect(verified.verifySignature(data, Buffer.from('not a signature'))).toBe(false);
    }
    const { createSign, KeyObject } = await import('node:crypto');
    const der = createSign('sha256').update(data).sign(KeyObject.from(ec.keys.privateKey));
    const verified = successValue(
      verifier.verify({ certificate: ec.pem, intermediates: [pki.intermediate.pem] }, JUNE_2025),
    );
    expect(verified.verifySignature(data, der)).toBe(true);
  });

  it('answers any text, and any card with a byte changed, with a refusal or a result, never a throw', async () => {
    const card = Buffer.from((await pki.card(FISCAL_CODE)).der, 'base64');
    const damaged = fc
      .tuple(fc.nat({ max: card.length - 1 }), fc.integer({ min: 1, max: 255 }))
      .map(([at, xor]) => {
        const copy = Buffer.from(card);
        copy[at] = (copy[at] as number) ^ xor;
        return copy.toString('base64');
      });
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.base64String(), damaged),
        fc.array(fc.string(), { maxLength: 5 }),
        (text, intermediates) => {
          const result = verifier.verify({ certificate: text, intermediates }, JUNE_2025);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('is not configured without trust anchors', () => {
    expect(new X509CertificateVerifier([]).configured).toBe(false);
    expect(verifier.configured).toBe(true);
  });
});
