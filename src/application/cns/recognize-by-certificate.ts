// Recognition by CNS [P-CERTIFICATE]: the applicant proves possession of the old card's
// authentication certificate, either through TLS client authentication at a trusted proxy or by
// signing a one-time nonce (certificate-challenge.ts). The certificate must chain to a configured
// CNS issuing CA; cns.recognition-certificate then judges it (authentication, not signature; not
// expired) on the key usage and expiry read from it. The identity is copied ONLY from the verified
// certificate — codice fiscale (check character verified), names, e-mail — and locked:
// cns.rectification refuses to change it (IDENTITY_FROM_CERTIFICATE). Birth date and place are not
// in the certificate: the declared ones are kept, and locked too.
import { addDays, romeDateOf } from '../../domain/dates.js';
import { err } from '../../domain/types.js';
import type { CnsApplication } from './application.js';
import { challengeText, notRecognisable, takeChallenge } from './certificate-challenge.js';
import { changeApplication } from './change-application.js';
import type { Result } from './errors.js';
import { applicationContext } from './facts.js';
import { checkFiscalCode } from './fiscal-code.js';
import { recognizedMail } from './mails.js';
import { ask, denialOf } from './policies.js';
import type { PresentedCertificate, VerifiedCertificate } from './ports/certificate-verifier.js';
import type { CnsPorts } from './ports/cns-ports.js';
import { completeIfReady } from './timeline.js';

/** How the applicant showed the card's private key is at hand. */
export type PossessionProof =
  /** The TLS handshake with the trusted proxy that forwarded the certificate. */
  | { kind: 'tls-client-certificate' }
  /** A signature over challengeText(application, nonce). */
  | { kind: 'signed-nonce'; nonce: string; signature: Uint8Array };

/**
 * The last Europe/Rome day the certificate is valid for as a whole: the policy counts in days
 * (valid through notAfter), so a validity ending during a day ends the day before, and a
 * certificate is never accepted past its notAfter instant.
 */
export const lastWholeDay = (notAfter: Date) => addDays(romeDateOf(new Date(notAfter.getTime() + 1000)), -1);

export class RecognizeByCertificate {
  constructor(private readonly deps: CnsPorts) {}

  async execute(
    applicationId: string,
    presented: PresentedCertificate,
    proof: PossessionProof,
  ): Promise<Result<CnsApplication>> {
    if (!this.deps.certificates.configured) return err({ code: 'CNS_RECOGNITION_NOT_CONFIGURED' });
    const app = await this.deps.applications.get(applicationId);
    if (!app) return err({ code: 'UNKNOWN_APPLICATION', applicationId });
    const refusal = notRecognisable(app);
    if (refusal) return err(refusal);
    if (proof.kind === 'signed-nonce') {
      const taken = await takeChallenge(this.deps, applicationId, proof.nonce);
      if (!taken.ok) return taken;
    }
    const verified = this.deps.certificates.verify(presented, this.deps.clock.now());
    if (!verified.ok) return verified;
    const certificate = verified.value;
    if (
      proof.kind === 'signed-nonce' &&
      !certificate.verifySignature(
        new TextEncoder().encode(challengeText(applicationId, proof.nonce)),
        proof.signature,
      )
    )
      return err({
        code: 'BAD_SIGNATURE',
        field: '/signature',
        reason: "is not the certificate key's signature over the challenge's toBeSigned text",
      });
    const identity = await this.identityOf(app, certificate);
    if (!identity.ok) return identity;
    return this.record(applicationId, { ...identity.value, email: certificate.email });
  }

  /** cns.recognition-certificate's judgment, then the codice fiscale's check character and the names. */
  private async identityOf(
    app: CnsApplication,
    certificate: VerifiedCertificate,
  ): Promise<Result<{ fiscalCode: string; givenName: string; surname: string }>> {
    const answer = await ask(this.deps.decisions, 'cns.recognition-certificate', {
      ...applicationContext(app),
      certificate: {
        subjectCN: certificate.subjectCN ?? '',
        ...(certificate.serialNumber === null ? {} : { serialNumber: certificate.serialNumber }),
        keyUsage: certificate.keyUsage,
        notAfter: lastWholeDay(certificate.notAfter),
      },
    });
    if (!answer.ok) return answer;
    const denial = denialOf(answer.value);
    if (denial) return err({ code: 'POLICIES_DENIED', denials: [denial] });
    const captured = answer.value.outputs.fiscalCode;
    if (typeof captured !== 'string')
      throw new Error('cns.recognition-certificate allowed without a fiscalCode');
    const fiscalCode = checkFiscalCode(captured);
    if (!fiscalCode.ok)
      return err({
        code: 'INVALID_FISCAL_CODE',
        field: '/certificate',
        reason: `the codice fiscale ${captured} in the subject ${fiscalCode.reason}`,
      });
    const { givenName, surname } = certificate;
    if (!givenName || !surname)
      return err({
        code: 'INVALID_CERTIFICATE',
        field: '/certificate',
        reason: 'has no givenName and surname in its subject, so no identity can be copied from it',
      });
    return { ok: true, value: { fiscalCode: fiscalCode.value, givenName, surname } };
  }

  private record(
    applicationId: string,
    identity: { fiscalCode: string; givenName: string; surname: string; email: string | null },
  ): Promise<Result<CnsApplication>> {
    const now = this.deps.clock.now();
    return changeApplication(this.deps, applicationId, async (current) => {
      const refusal = notRecognisable(current);
      if (refusal) return { ok: false, error: refusal };
      const recognized = await completeIfReady(
        this.deps,
        {
          ...current,
          applicant: {
            ...current.applicant,
            fiscalCode: identity.fiscalCode,
            firstName: identity.givenName,
            lastName: identity.surname,
            certificateEmail: identity.email,
          },
          identitySource: 'certificate',
          recognition: { channel: 'cns', at: now.toISOString(), date: romeDateOf(now) },
        },
        now,
      );
      if (!recognized.ok) return recognized;
      return { ok: true, next: recognized.value, mail: [recognizedMail(recognized.value)] };
    });
  }
}
