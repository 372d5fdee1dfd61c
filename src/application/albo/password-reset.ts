// RESET PASSWORD, not recovery [P-LOCKOUT]: the company writes to the help desk with the subject
// RESET PASSWORD, its matricola, register number and a telephone number; the system administrator
// approves; a new temporary password goes to the registered e-mail, the lockout is cleared and the
// change is forced at first access. Request and approval stay recorded in the account. The telephone
// must be the account's own (the help desk calls it back before approving); writing again while a
// request is pending updates that request.
import { romeDateOf } from '../../domain/dates.js';
import { err, ok } from '../../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { newOutboxMessage } from '../ports/mail.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { SecretGenerator } from '../ports/secret-generator.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import type { ResetRequest } from './account.js';
import type { AlboResult } from './errors.js';
import { resetMail } from './mails.js';
import { HISTORY_DEPTH, historyDepth } from './parameters.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

export interface ResetRequestInput {
  subject: 'RESET PASSWORD';
  matricola: string;
  registerNumber: string;
  phone: string;
}

export interface ResetRequestView extends ResetRequest {
  matricola: string;
  companyName: string;
}

export class RequestPasswordReset {
  constructor(private readonly deps: { accounts: AlboAccountRepository; ids: IdGenerator; clock: Clock }) {}

  /** Writing again before approval updates the pending request (its telephone, its time). */
  async execute(input: ResetRequestInput): Promise<AlboResult<ResetRequestView>> {
    const account = await this.deps.accounts.findByMatricola(input.matricola);
    // One answer for both cases, so the help desk's form does not tell which matricolas exist.
    if (!account || !same(account.registerNumber, input.registerNumber))
      return err({ code: 'RESET_REQUEST_NOT_MATCHED' });
    // Only one who knows matricola and register number learns that the telephone is wrong.
    if (!samePhone(account.phone, input.phone)) return err({ code: 'RESET_PHONE_MISMATCH' });
    const recorded = await this.deps.accounts.addResetRequest(account.id, {
      id: this.deps.ids.next(),
      subject: input.subject,
      registerNumber: input.registerNumber.trim(),
      phone: input.phone.trim(),
      receivedAt: this.deps.clock.now().toISOString(),
      status: 'pending',
      approvedAt: null,
      approvedBy: null,
    });
    if (!recorded) return err({ code: 'RESET_REQUEST_NOT_MATCHED' });
    return ok({ ...recorded, matricola: account.matricola, companyName: account.companyName });
  }
}

export class ApprovePasswordReset {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      rules: RulesetRegistry;
      hasher: PasswordHasher;
      secrets: SecretGenerator;
      ids: IdGenerator;
      clock: Clock;
    },
  ) {}

  async execute(requestId: string, approvedBy: string): Promise<AlboResult<ResetRequestView>> {
    const { accounts } = this.deps;
    const account = await accounts.findByResetRequest(requestId);
    const request = account?.resetRequests.find((r) => r.id === requestId);
    if (!account || !request) return err({ code: 'UNKNOWN_RESET_REQUEST', requestId });
    if (request.status !== 'pending') return err({ code: 'RESET_ALREADY_APPROVED', requestId });
    const now = this.deps.clock.now();
    const depth = historyDepth(this.deps.rules, romeDateOf(now));
    if (depth === null) return err({ code: 'PARAMETER_MISSING', name: HISTORY_DEPTH, at: romeDateOf(now) });
    const password = this.deps.secrets.temporaryPassword();
    const outcome = await accounts.approveReset(account.id, requestId, {
      approvedBy,
      newHash: await this.deps.hasher.hash(password),
      keep: depth,
      at: now.toISOString(),
      // To the address given at registration (or changed since), never to the one in the request.
      mail: newOutboxMessage(
        this.deps.ids.next(),
        resetMail(account.email, { matricola: account.matricola, password }),
        now,
      ),
    });
    if (outcome === 'not-found') return err({ code: 'UNKNOWN_RESET_REQUEST', requestId });
    if (outcome === 'not-pending') return err({ code: 'RESET_ALREADY_APPROVED', requestId });
    const updated = await accounts.get(account.id);
    const approved = updated?.resetRequests.find((r) => r.id === requestId);
    if (!updated || !approved) return err({ code: 'UNKNOWN_RESET_REQUEST', requestId });
    return ok({ ...approved, matricola: updated.matricola, companyName: updated.companyName });
  }
}

export class ListResetRequests {
  constructor(private readonly deps: { accounts: AlboAccountRepository }) {}

  async execute(status: ResetRequest['status']): Promise<ResetRequestView[]> {
    const accounts = await this.deps.accounts.withResetRequests(status);
    return accounts
      .flatMap((a) =>
        a.resetRequests
          .filter((r) => r.status === status)
          .map((r) => ({ ...r, matricola: a.matricola, companyName: a.companyName })),
      )
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  }
}

const same = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** The same number however written: spaces, dots, dashes, brackets and Italy's +39 / 0039 prefix aside. */
const samePhone = (a: string, b: string) => phoneDigits(a) === phoneDigits(b);
const phoneDigits = (phone: string) => phone.replace(/[\s.\-()/]/g, '').replace(/^(\+|00)39/, '');
