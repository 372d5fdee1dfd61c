// Login to the portal [P-LOCKOUT]: account.lockout decides whether the account is suspended, before
// and after the password is checked. Failures are counted by one atomic update each, so parallel
// wrong passwords suspend the account exactly once, at the maximum the policy gives; a suspended
// account is refused even with the right password, with the seed's message.
import { checkPolicy } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenIssuer } from '../ports/token-issuer.js';
import type { AlboAccount, Scope } from './account.js';
import type { AlboAccountRepository } from './account-repository.js';
import { type AlboError, type AlboResult, fail, succeed } from './errors.js';
import { accountFacts } from './policy-context.js';

export interface Session {
  token: string;
  tokenType: 'Bearer';
  expiresIn: number;
  matricola: string;
  scope: Scope;
  passwordChangeRequired: boolean;
}

/** Company tokens are short-lived: a suspension or a reset takes effect within this time. */
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
      this.decoy ??= hasher.hash('decoy password, never matches');
      await hasher.verify(password, await this.decoy);
      return fail({ code: 'INVALID_CREDENTIALS' });
    }
    const before = await this.lockout(account, account.failedAttempts);
    if (!before.ok) return before;
    const max = before.value;

    const current = account.passwordHashes[0];
    if (!current || !(await hasher.verify(password, current))) {
      const counted = await accounts.recordFailedLogin(account.id, max, this.deps.clock.now().toISOString());
      if (!counted) return fail({ code: 'INVALID_CREDENTIALS' });
      const after = await this.lockout(account, counted.failedAttempts);
      return after.ok ? fail({ code: 'INVALID_CREDENTIALS' }) : after;
    }
    if (!(await accounts.recordSuccessfulLogin(account.id, max))) {
      // A parallel wrong password reached the maximum meanwhile: the account is suspended now.
      const latest = await accounts.get(account.id);
      const after = await this.lockout(account, latest?.failedAttempts ?? max);
      return after.ok ? fail({ code: 'INVALID_CREDENTIALS' }) : after;
    }
    return succeed(await sessionFor(this.deps.tokens, account));
  }

  /** The lockout decision: the maximum (a policy output) when allowed, else ACCOUNT_SUSPENDED. */
  private async lockout(
    account: AlboAccount,
    failedAttempts: number,
  ): Promise<{ ok: true; value: number } | { ok: false; error: AlboError }> {
    const decided = await checkPolicy(this.deps.decisions, 'account.lockout', {
      account: accountFacts(account),
      failedAttempts,
    });
    if (decided.ok) return { ok: true, value: decided.value.outputs.maxFailedAttempts as number };
    if (decided.error.code === 'POLICY_DENIED')
      return { ok: false, error: { code: 'ACCOUNT_SUSPENDED', denied: decided.error } };
    return { ok: false, error: decided.error };
  }
}

/** A token for an account as it is now (after a password change, for instance). */
export async function sessionFor(tokens: TokenIssuer, account: AlboAccount): Promise<Session> {
  const token = await tokens.issue(
    {
      kind: 'company',
      matricola: account.matricola,
      scope: account.scope,
      passwordChangeRequired: account.passwordChangeRequired,
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
