// [P-CERTIFICATE] Recognition by CNS without a TLS-terminating proxy: the service hands out a
// one-time nonce and the card signs it, proving possession of the certificate's private key. The
// nonce lives on the application (bound to it; a new challenge replaces the old one) and is taken
// off by a versioned write before the proof is checked, so a nonce serves one attempt only.

import { err, ok } from '../../domain/types.js';
import type { CnsApplication } from './application.js';
import { changeApplication } from './change-application.js';
import { type CnsError, type Result, stateConflict } from './errors.js';
import type { CnsPorts } from './ports/cns-ports.js';

export interface IssuedChallenge {
  nonce: string;
  expiresAt: string;
  /** The exact text whose UTF-8 bytes the card signs (SHA-256; RSA PKCS#1 v1.5 or ECDSA). */
  toBeSigned: string;
}

/** Names the purpose and the application, so a signature made for anything else never fits. */
export const challengeText = (applicationId: string, nonce: string) =>
  `pa-policy-engine:cns-recognition:${applicationId}:${nonce}`;

/** Why this application cannot be recognised by CNS now, or null. */
export function notRecognisable(app: CnsApplication): CnsError | null {
  if (app.recognitionMethod !== 'cns')
    return stateConflict(app.status, 'This application chose recognition via webcam.');
  if (app.recognition) return stateConflict(app.status, 'Already recognised.');
  if (app.status !== 'registered' && app.status !== 'paid')
    return stateConflict(app.status, 'Recognition comes before production.');
  return null;
}

export class RequestCertificateChallenge {
  constructor(private readonly deps: CnsPorts) {}

  async execute(applicationId: string): Promise<Result<IssuedChallenge>> {
    if (!this.deps.certificates.configured) return err({ code: 'CNS_RECOGNITION_NOT_CONFIGURED' });
    const nonce = this.deps.secrets.token(32);
    const expiresAt = new Date(
      this.deps.clock.now().getTime() + this.deps.options.certificateChallengeSeconds * 1000,
    ).toISOString();
    const saved = await changeApplication(this.deps, applicationId, async (current) => {
      const refusal = notRecognisable(current);
      if (refusal) return { ok: false, error: refusal };
      return { ok: true, next: { ...current, certificateChallenge: { nonce, expiresAt } } };
    });
    if (!saved.ok) return saved;
    return ok({ nonce, expiresAt, toBeSigned: challengeText(applicationId, nonce) });
  }
}

/** Takes the application's nonce off if it is `nonce` and still fresh; refuses otherwise. */
export async function takeChallenge(
  deps: CnsPorts,
  applicationId: string,
  nonce: string,
): Promise<Result<null>> {
  const taken = await changeApplication(deps, applicationId, async (current) => {
    const challenge = current.certificateChallenge;
    if (!challenge || challenge.nonce !== nonce)
      return {
        ok: false,
        error: {
          code: 'NONCE_UNKNOWN',
          field: '/nonce',
          reason: 'is not the outstanding challenge of this application (unknown, replaced or used)',
        },
      };
    if (Date.parse(challenge.expiresAt) <= deps.clock.now().getTime())
      return {
        ok: false,
        error: { code: 'NONCE_EXPIRED', field: '/nonce', reason: `expired at ${challenge.expiresAt}` },
      };
    return { ok: true, next: { ...current, certificateChallenge: null } };
  });
  return taken.ok ? ok(null) : taken;
}
