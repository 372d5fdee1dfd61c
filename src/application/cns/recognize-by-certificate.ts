// Recognition by CNS [P-CERTIFICATE]: cns.recognition-certificate judges the certificate presented
// (authentication, not signature; not expired). The identity is then copied from it — codice
// fiscale, names and the certificate's e-mail — and locked: cns.rectification refuses to change
// it (IDENTITY_FROM_CERTIFICATE). Birth date and place are not in the certificate: the declared
// ones are kept, and locked too.
import { romeDateOf } from '../../domain/dates.js';
import type { CnsApplication } from './application.js';
import { changeApplication } from './change-application.js';
import type { CnsDeps } from './deps.js';
import { fail, type Result, stateConflict } from './errors.js';
import { applicationContext } from './facts.js';
import { recognizedMail } from './mails.js';
import { ask, denialOf } from './policies.js';
import { completeIfReady } from './timeline.js';

export interface CertificateInput {
  subjectCN: string;
  keyUsage: string[];
  notAfter: string;
  givenName: string;
  surname: string;
  email?: string;
}

export class RecognizeByCertificate {
  constructor(private readonly deps: CnsDeps) {}

  async execute(applicationId: string, certificate: CertificateInput): Promise<Result<CnsApplication>> {
    const app = await this.deps.applications.get(applicationId);
    if (!app) return fail({ code: 'UNKNOWN_APPLICATION', applicationId });
    if (app.recognitionMethod !== 'cns')
      return fail(stateConflict(app.status, 'This application chose recognition via webcam.'));
    const answer = await ask(this.deps.decisions, 'cns.recognition-certificate', {
      ...applicationContext(app),
      certificate: {
        subjectCN: certificate.subjectCN,
        keyUsage: certificate.keyUsage,
        notAfter: certificate.notAfter,
      },
    });
    if (!answer.ok) return answer;
    const denial = denialOf(answer.value);
    if (denial) return fail({ code: 'POLICIES_DENIED', denials: [denial] });
    const fiscalCode = answer.value.outputs.fiscalCode;
    if (typeof fiscalCode !== 'string')
      throw new Error('cns.recognition-certificate allowed without a fiscalCode');
    const now = this.deps.clock.now();
    return changeApplication(this.deps, applicationId, async (current) => {
      if (current.recognition)
        return { ok: false, error: stateConflict(current.status, 'Already recognised.') };
      if (current.status !== 'registered' && current.status !== 'paid')
        return { ok: false, error: stateConflict(current.status, 'Recognition comes before production.') };
      const recognized = await completeIfReady(
        this.deps,
        {
          ...current,
          applicant: {
            ...current.applicant,
            fiscalCode,
            firstName: certificate.givenName,
            lastName: certificate.surname,
            certificateEmail: certificate.email ?? null,
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
