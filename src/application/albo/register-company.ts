// Registration to the portal [P-REGMODE][§4]: the company must be inscribed in the register; in
// certified-pec mode its PEC is checked against the business register (InfoCamere), in simplified
// mode nothing is verified and the account may only pay. albo.registration decides; the account
// and the e-mail with its credentials are written in one insert, so a crash loses neither and a
// retry is refused as a duplicate instead of mailing twice.

import { err, ok } from '../../domain/types.js';
import { checkPolicy } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { newOutboxMessage } from '../ports/mail.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { SecretGenerator } from '../ports/secret-generator.js';
import type { AlboAccount, RegistrationMode, Scope } from './account.js';
import type { AlboResult } from './errors.js';
import { credentialsMail } from './mails.js';
import { companyFacts } from './policy-context.js';
import { registrationOutputs } from './policy-outputs.js';
import { type AlboAccountRepository, event } from './ports/account-repository.js';
import type { CompanyRegistry } from './ports/company-registry.js';

export interface RegistrationRequest {
  mode: RegistrationMode;
  fiscalCode: string;
  registerNumber: string;
  email: string;
  phone?: string;
}

export interface Registration {
  matricola: string;
  companyName: string;
  mode: RegistrationMode;
  scope: Scope;
  email: string;
  passwordChangeRequired: true;
  decisionId: string;
}

/** Matricola digits after IT; a collision (unlikely) is retried with new digits. */
const MATRICOLA_DIGITS = 8;
const MATRICOLA_TRIES = 5;
const PIN_DIGITS = 8;

export class RegisterCompany {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      registry: CompanyRegistry;
      decisions: DecisionService;
      hasher: PasswordHasher;
      secrets: SecretGenerator;
      ids: IdGenerator;
      clock: Clock;
    },
  ) {}

  async execute(request: RegistrationRequest): Promise<AlboResult<Registration>> {
    const { accounts, registry, decisions } = this.deps;
    const company = await registry.inRoll(request.fiscalCode);
    if (!company || normalise(company.registerNumber) !== normalise(request.registerNumber))
      return err({ code: 'COMPANY_NOT_IN_REGISTER', fiscalCode: request.fiscalCode });
    // Checked before asking InfoCamere, whose capacity is scarce; the unique index settles races.
    if (await accounts.findByFiscalCode(company.fiscalCode))
      return err({ code: 'ALREADY_REGISTERED', fiscalCode: company.fiscalCode });

    const email = request.email.trim();
    // The context: the request, the company of the roll and what InfoCamere answered of it.
    const context: Record<string, unknown> = { mode: request.mode, email, company: companyFacts(company) };
    if (request.phone !== undefined) context.phone = request.phone;
    if (request.mode === 'certified-pec') {
      const answer = await registry.lookup(company.fiscalCode);
      if (answer.status === 'unavailable') context.registryAvailable = false;
      else context.registryPec = answer.status === 'found' ? answer.company.pec : null;
      if (answer.status === 'found') context.company = companyFacts(answer.company);
    }
    const decided = await checkPolicy(decisions, 'albo.registration', context);
    if (!decided.ok) return err(decided.error);
    const { scope } = registrationOutputs(decided.value);

    const pin = this.deps.secrets.digits(PIN_DIGITS);
    const password = this.deps.secrets.temporaryPassword();
    const [pinHash, passwordHash] = await Promise.all([
      this.deps.hasher.hash(pin),
      this.deps.hasher.hash(password),
    ]);
    const now = this.deps.clock.now();
    for (let attempt = 0; attempt < MATRICOLA_TRIES; attempt++) {
      const matricola = `IT${this.deps.secrets.digits(MATRICOLA_DIGITS)}`;
      const account: AlboAccount = {
        id: this.deps.ids.next(),
        matricola,
        fiscalCode: company.fiscalCode,
        registerNumber: company.registerNumber,
        companyName: company.name,
        mode: request.mode,
        scope,
        email,
        phone: (request.phone ?? '').trim(),
        pinHash,
        passwordHashes: [passwordHash],
        passwordChangeRequired: true,
        failedAttempts: 0,
        suspendedAt: null,
        resetRequests: [],
        fees: {},
        events: [
          event('registered', now.toISOString(), `${request.mode}, decision ${decided.value.decisionId}`),
        ],
        registeredAt: now.toISOString(),
        registrationDecisionId: decided.value.decisionId,
        version: 1,
        outbox: [
          newOutboxMessage(this.deps.ids.next(), credentialsMail(email, { matricola, pin, password }), now),
        ],
      };
      const created = await accounts.create(account);
      if (created.created)
        return ok({
          matricola,
          companyName: company.name,
          mode: request.mode,
          scope,
          email: account.email,
          passwordChangeRequired: true,
          decisionId: decided.value.decisionId,
        });
      if (created.duplicate === 'fiscalCode')
        return err({ code: 'ALREADY_REGISTERED', fiscalCode: company.fiscalCode });
    }
    return err({ code: 'CONFLICT', detail: 'No free matricola was found; retry.' });
  }
}

const normalise = (registerNumber: string) => registerNumber.trim().toUpperCase();
