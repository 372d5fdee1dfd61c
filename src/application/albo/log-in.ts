// Login to the portal [P-LOCKOUT]: account.lockout decides whether the account is suspended, before
// and after the password is checked. Failures are counted by one atomic update each, so parallel
// wrong passwords suspend the account exactly once, at the maximum the policy gives; a suspended
// account is refused even with the right password, with the seed's message.

import { err, ok } from '../../domain/types.js';
import { checkPolicy } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenIssuer } from '../ports/token-issuer.js';
import type { AlboAccount, Scope } from './account.js';
import type { AlboError, AlboResult } from './errors.js';
import { accountFacts } from './policy-context.js';
import { lockoutOutputs } from './policy-outputs.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

export interface Session {
  token: string;
  tokenType: 'Bearer';
  expiresIn: number;
  matricola: string;
  scope: Scope;
  passwordChangeRequired: boolean;
}

/** Company tokens are short-lived; a suspension, a password change, a reset or a logout ends them at once (sessions.ts). */
export const SESSION_TTL_SECONDS = 15 * 60;

export class LogIn {
  /** Verified when the matricola is unknown, so both answers take as long. */
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      decisions: DecisionService;
      hasher: PasswordHasher;
      tokens: TokenIssuer;
      clock: Clock;
    },
  ) {}

  async execute(matricola: string, password: string): Promise<AlboResult<Session>> {
    const { accounts, hasher } = this.deps;
    const account = await accounts.findByMatricola(matricola);
    if (!account) {
      // A refused hash (the hasher's queue full) must not stay cached as the decoy.
      this.decoy ??= hasher.hash('decoy password, never matches').catch((error: unknown) => {
        this.decoy = null;
        throw error;
      });
      await hasher.verify(password, await this.decoy);
      return err({ code: 'INVALID_CREDENTIALS' });
    }
    const before = await lockout(this.deps.decisions, account.failedAttempts, account);
    if (!before.ok) return before;
    const max = before.value;

    const current = account.passwordHashes[0];
    if (!current || !(await hasher.verify(password, current))) {
      const after = await countWrongPassword(this.deps, account, max);
      return after.ok ? err({ code: 'INVALID_CREDENTIALS' }) : after;
    }
    if (!(await accounts.recordSuccessfulLogin(account.id, max))) {
      // A parallel wrong password reached the maximum meanwhile: the account is suspended now.
      const latest = await accounts.get(account.id);
      const after = await lockout(this.deps.decisions, latest?.failedAttempts ?? max, latest ?? account);
      return after.ok ? err({ code: 'INVALID_CREDENTIALS' }) : after;
    }
    // Issued under the epoch read before the check: a suspension or change since then ends it at once.
    return ok(await sessionFor(this.deps.tokens, account));
  }
}

/**
 * The lockout decision: the maximum (a policy output) when allowed, else ACCOUNT_SUSPENDED. The
 * account, when known, is part of the context the policy may read.
 */
export async function lockout(
  decisions: DecisionService,
  failedAttempts: number,
  account?: AlboAccount,
): Promise<{ ok: true; value: number } | { ok: false; error: AlboError }> {
  const decided = await checkPolicy(decisions, 'account.lockout', {
    ...(account ? { account: accountFacts(account) } : {}),
    failedAttempts,
  });
  if (decided.ok) return { ok: true, value: lockoutOutputs(decided.value).maxFailedAttempts };
  if (decided.error.code === 'POLICY_DENIED')
    return { ok: false, error: { code: 'ACCOUNT_SUSPENDED', denied: decided.error } };
  return { ok: false, error: decided.error };
}

/**
 * Counts one wrong password (at login, or as the current password of a change: the same counter)
 * and asks account.lockout again: ok while below the maximum, else ACCOUNT_SUSPENDED. The failure
 * that reaches the maximum suspends the account and ends its sessions, in one atomic update.
 */
export async function countWrongPassword(
  deps: { accounts: AlboAccountRepository; decisions: DecisionService; clock: Clock },
  account: AlboAccount,
  maxFailedAttempts: number,
): Promise<{ ok: true; value: number } | { ok: false; error: AlboError }> {
  const at = deps.clock.now().toISOString();
  const counted = await deps.accounts.recordFailedLogin(account.id, maxFailedAttempts, at);
  if (!counted) return { ok: true, value: 0 };
  return lockout(deps.decisions, counted.failedAttempts, account);
}

/** A token for an account as it is now (after a password change, for instance). */
export async function sessionFor(tokens: TokenIssuer, account: AlboAccount): Promise<Session> {
  const token = await tokens.issue(
    {
      kind: 'company',
      matricola: account.matricola,
      scope: account.scope,
      passwordChangeRequired: account.passwordChangeRequired,
      epoch: account.sessionEpoch ?? 0,
    },
    SESSION_TTL_SECONDS,
  );
  return {
    token,
    tokenType: 'Bearer',
    expiresIn: SESSION_TTL_SECONDS,
    matricola: account.matricola,
    scope: account.scope,
    passwordChangeRequired: account.passwordChangeRequired,
  };
}
