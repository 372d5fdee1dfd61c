// Applicant tokens end and follow the application's state [§5]. A token carries the application's
// session epoch and is accepted only while the application still has it (the applicant's logout
// bumps it, in one versioned write, so it holds on every instance sharing the store). What a live
// token may do depends on the status: everything until delivery; after delivery only reading the
// application and asking for its revocation (the seed's remedy for wrong data on a produced card);
// after revocation only reading it — the replacement has a token of its own.

import { err, ok } from '../../domain/types.js';
import type { Principal } from '../ports/token-issuer.js';
import type { CnsApplication, CnsStatus } from './application.js';
import { changeApplication } from './change-application.js';
import type { CreateApplication } from './create-application.js';
import type { CnsError, Result } from './errors.js';
import type { CnsPorts } from './ports/cns-ports.js';

type ApplicantPrincipal = Extract<Principal, { kind: 'applicant' }>;

/** What an applicant's live token may still do, by the application's status. */
export type ApplicantAccess = 'all' | 'read-and-revoke' | 'read-only';

export function accessIn(status: CnsStatus): ApplicantAccess {
  if (status === 'revoked') return 'read-only';
  if (status === 'delivered') return 'read-and-revoke';
  return 'all';
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export class ApplicantSessions {
  constructor(
    private readonly deps: CnsPorts,
    private readonly create: CreateApplication,
  ) {}

  /** The application's status while the token's session is live; SESSION_ENDED otherwise. */
  async check(principal: ApplicantPrincipal): Promise<Result<CnsStatus, { code: 'SESSION_ENDED' }>> {
    const application = await this.deps.applications.get(principal.applicationId);
    if (!application || (application.sessionEpoch ?? 0) !== principal.epoch)
      return err({ code: 'SESSION_ENDED' });
    return ok(application.status);
  }

  /** Logout: every token of the application issued so far stops working. */
  async logOut(principal: ApplicantPrincipal): Promise<Result<CnsApplication>> {
    return changeApplication(this.deps, principal.applicationId, async (current) => ({
      ok: true,
      next: { ...current, sessionEpoch: (current.sessionEpoch ?? 0) + 1 },
    }));
  }

  /** A fresh token for the portal to hand to the applicant it has identified again. */
  async issue(applicationId: string): Promise<Result<IssuedToken, CnsError>> {
    const application = await this.deps.applications.get(applicationId);
    if (!application) return err({ code: 'UNKNOWN_APPLICATION', applicationId });
    return ok({
      accessToken: await this.create.accessToken(application),
      expiresIn: this.deps.options.applicantTokenTtlSeconds,
    });
  }
}
