// Password change [P-PASSWORD]: account.password judges the new password, every violation at once.
// Whether it repeats one of the last passwords (history depth from rules/, the current one
// included) is computed here by verifying it against the stored hashes: no password is kept.
import { romeDateOf } from '../../domain/dates.js';
import { err, ok } from '../../domain/types.js';
import { checkPolicy } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenIssuer } from '../ports/token-issuer.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import type { AlboResult } from './errors.js';
import { countWrongPassword, lockout, type Session, sessionFor } from './log-in.js';
import { HISTORY_DEPTH, historyDepth } from './parameters.js';
import { accountFacts } from './policy-context.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export interface PasswordChanged {
  matricola: string;
  changedAt: string;
  decisionId: string;
  /** A new token without the "change the password first" restriction. */
  session: Session;
}

export class ChangePassword {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      decisions: DecisionService;
      rules: RulesetRegistry;
      hasher: PasswordHasher;
      tokens: TokenIssuer;
      clock: Clock;
    },
  ) {}

  async execute(matricola: string, request: PasswordChangeRequest): Promise<AlboResult<PasswordChanged>> {
    const { accounts, hasher } = this.deps;
    const account = await accounts.findByMatricola(matricola);
    if (!account) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    // A wrong current password counts as a failed login [P-LOCKOUT]: else a stolen session could
    // guess the password without limit.
    const allowed = await lockout(this.deps.decisions, account.failedAttempts, account);
    if (!allowed.ok) return allowed;
    const current = account.passwordHashes[0];
    if (!current || !(await hasher.verify(request.currentPassword, current))) {
      const after = await countWrongPassword(this.deps, account, allowed.value);
      return after.ok ? err({ code: 'CURRENT_PASSWORD_WRONG' }) : after;
    }

    const now = this.deps.clock.now();
    const depth = historyDepth(this.deps.rules, romeDateOf(now));
    if (depth === null) return err({ code: 'PARAMETER_MISSING', name: HISTORY_DEPTH, at: romeDateOf(now) });
    // Every recent hash is verified (no early exit), so the time taken does not tell which matched.
    const matches = await Promise.all(
      account.passwordHashes.slice(0, depth).map((hash) => hasher.verify(request.newPassword, hash)),
    );
    const decided = await checkPolicy(this.deps.decisions, 'account.password', {
      account: accountFacts(account),
      newPassword: request.newPassword,
      confirmPassword: request.confirmPassword,
      matchesRecentPassword: matches.includes(true),
    });
    if (!decided.ok) return err(decided.error);

    const newHash = await hasher.hash(request.newPassword);
    const changed = await accounts.changePassword(account.id, {
      expectedCurrentHash: current,
      newHash,
      keep: depth,
      at: now.toISOString(),
    });
    if (changed === 'not-found') return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    if (changed === 'stale')
      return err({ code: 'CONFLICT', detail: 'The password was changed meanwhile; log in again.' });
    const updated = await accounts.get(account.id);
    if (!updated) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
    return ok({
      matricola,
      changedAt: now.toISOString(),
      decisionId: decided.value.decisionId,
      session: await sessionFor(this.deps.tokens, updated),
    });
  }
}
