// Company sessions end [P-LOCKOUT][P-PASSWORD]: a token carries the account's session epoch and is
// accepted only while the account still has it; a suspension, a password change, an approved reset
// and a logout bump it, in the same atomic update as the change itself, so a stolen or leftover
// token stops at once on every instance sharing the store. Checked on every company request with
// one read of the account.

import { err, ok } from '../../domain/types.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { Clock } from '../ports/clock.js';
import type { Principal } from '../ports/token-issuer.js';
import type { AlboResult } from './errors.js';
import { lockout } from './log-in.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

type CompanyPrincipal = Extract<Principal, { kind: 'company' }>;

export class CompanySessions {
  constructor(
    private readonly deps: { accounts: AlboAccountRepository; decisions: DecisionService; clock: Clock },
  ) {}

  /**
   * ok while the session is live. A suspended account is refused with account.lockout's message
   * (the seed's), whatever the token's age; any other ended session with SESSION_ENDED.
   */
  async check(principal: CompanyPrincipal): Promise<AlboResult<null>> {
    const account = await this.deps.accounts.findByMatricola(principal.matricola);
    if (!account) return err({ code: 'SESSION_ENDED' });
    if (account.suspendedAt !== null) {
      const decided = await lockout(this.deps.decisions, account.failedAttempts);
      if (!decided.ok) return decided;
    }
    if ((account.sessionEpoch ?? 0) !== principal.epoch) return err({ code: 'SESSION_ENDED' });
    return ok(null);
  }

  /** Logout: ends every session of the account (the simplest revocation that holds across instances). */
  async logOut(principal: CompanyPrincipal): Promise<AlboResult<null>> {
    const account = await this.deps.accounts.findByMatricola(principal.matricola);
    if (!account) return err({ code: 'SESSION_ENDED' });
    await this.deps.accounts.endSessions(account.id, this.deps.clock.now().toISOString());
    return ok(null);
  }
}
