// A CNS service for tests: the composition root as `npm start` wires it (in-memory adapters,
// OpenPGP, the pagoPA simulator and mailbox), on a settable clock, plus builders for applications.
import type { Container } from 'inversify';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import { buildContainer } from '../../src/adapters/composition-root.js';
import type { ApiKey, Role } from '../../src/adapters/http/api-keys.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import type { ServiceConfig } from '../../src/adapters/service-config.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { CnsApplication } from '../../src/application/cns/application.js';
import type { ApplicationInput } from '../../src/application/cns/application-input.js';
import type { CnsUseCases } from '../../src/application/cns/cns-use-cases.js';
import type { Result } from '../../src/application/cns/errors.js';
import type { OutboxMessage } from '../../src/application/ports/mail.js';
import { KEYS } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';
import { WITHOUT_RATE_LIMITS } from '../support/security.js';
import { TestClock } from '../support/test-clock.js';

/** Monday 16 June 2025, 10:00 in Torino: the week before San Giovanni (24 June). */
export const MONDAY = '2025-06-16T08:00:00Z';

export interface CnsTestService {
  container: Container;
  clock: TestClock;
  cns: CnsUseCases;
  /** Sends the outbox, then the messages delivered to `to`, newest first. */
  mail(to: string): Promise<OutboxMessage[]>;
  /** Pays the notice through the pagoPA simulator and records the receipt, as pagoPA would. */
  pay(noticeNumber: string, commissionCents?: number): Promise<void>;
  /** HTTP with an API key role or a bearer token. */
  http(
    method: string,
    path: string,
    auth: Role | { token: string },
    body?: unknown,
    options?: { headers?: Record<string, string>; peer?: string },
  ): Promise<Response>;
}

const apiKeys: ApiKey[] = Object.entries(KEYS).map(([role, key]) => ({
  role: role as Role,
  key,
  label: `${role}-1`,
}));

/**
 * `config`: more of the service's configuration, e.g. the CNS trust anchors; without `security`,
 * no rate limits, and applicant tokens lasting 90 days (the procedure runs for weeks on the test clock).
 */
export async function startCnsService(
  now = MONDAY,
  rulesDir = RULES_DIR,
  config: Partial<ServiceConfig> = {},
): Promise<CnsTestService> {
  const container = buildContainer({
    port: 0,
    rulesDir,
    apiKeys,
    logLevel: 'silent',
    passwordHashCost: 1024,
    security: { ...WITHOUT_RATE_LIMITS, applicantTokenTtlSeconds: 90 * 24 * 3600 },
    ...config,
    // Argon2 at 64 MiB per key would make each application cost seconds here.
    sealingArgon2: { passes: 1, parallelism: 1, memoryExponent: 10 },
  });
  const clock = new TestClock(now);
  container.rebindSync(TOKENS.Clock).toConstantValue(clock);
  await loadRules(container);
  const app = resolve(container, TOKENS.HttpApp);
  const dispatch = resolve(container, TOKENS.DispatchOutbox);
  const mailbox = resolve(container, TOKENS.Mailbox);
  return {
    container,
    clock,
    cns: resolve(container, CNS_TOKENS.UseCases),
    mail: async (to) => {
      await dispatch.run();
      return mailbox.messages(to);
    },
    pay: async (noticeNumber, commissionCents = 150) => {
      const notification = resolve(container, TOKENS.GpdSimulator).pay(noticeNumber, clock.now(), {
        name: 'Banca di prova',
        commissionCents,
      });
      if (!notification) throw new Error(`no open position for notice ${noticeNumber}`);
      const recorded = await resolve(container, TOKENS.RecordReceipt).execute(notification);
      if (!recorded.ok) throw new Error(`receipt refused: ${recorded.error.code}`);
    },
    // `peer`: the TCP peer's address, as @hono/node-server would hand it over.
    http: async (method, path, auth, body, options = {}) =>
      app.request(
        path,
        {
          method,
          headers: {
            authorization: `Bearer ${typeof auth === 'string' ? KEYS[auth] : auth.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...options.headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined,
      ),
  };
}

/** A valid codice fiscale (Mario Rossi, born in Torino on 1 January 1980) and one with a wrong check. */
export const FISCAL_CODE = 'RSSMRA80A01L219M';
export const WRONG_CHECK = 'RSSMRA80A01L219X';
export const PASSPHRASE = 'Torino2025cns';

const address = (province: string, country = 'IT') => ({
  street: 'Via Roma 1',
  city: province === 'TO' ? 'Torino' : 'Altrove',
  postalCode: '10121',
  ...(country === 'IT' ? { province } : {}),
  country,
});

/** Object mother: a private citizen resident in Torino, webcam recognition, shipping to the residence. */
export class ApplicationInputBuilder {
  private input: ApplicationInput = {
    applicant: {
      firstName: 'Mario',
      lastName: 'Rossi',
      fiscalCode: FISCAL_CODE,
      birthDate: '1980-01-01',
      birthPlace: 'Torino',
      residence: address('TO'),
    },
    applicantType: 'private',
    contact: { email: 'mario.rossi@example.it', mobile: '+39 333 1234567' },
    recognitionMethod: 'webcam',
    delivery: { attendedAddressConfirmed: true },
    passphrase: PASSPHRASE,
  };

  residentIn(province: string, country = 'IT'): this {
    this.input.applicant.residence = address(province, country);
    return this;
  }
  legalRepresentativeOf(registryProvince: string): this {
    this.input.applicantType = 'legal-representative';
    this.input.company = { name: 'Rossi Srl', registryProvince, fiscalCode: '01234567890' };
    return this;
  }
  recognisedBy(method: 'webcam' | 'cns'): this {
    this.input.recognitionMethod = method;
    return this;
  }
  deliveredBy(delivery: ApplicationInput['delivery']): this {
    this.input.delivery = delivery;
    return this;
  }
  withEmail(email: string): this {
    this.input.contact.email = email;
    return this;
  }
  withoutMobile(): this {
    this.input.contact = { email: this.input.contact.email };
    return this;
  }
  withPassphrase(passphrase: string): this {
    this.input.passphrase = passphrase;
    return this;
  }
  with(change: (input: ApplicationInput) => void): this {
    change(this.input);
    return this;
  }
  build(): ApplicationInput {
    return structuredClone(this.input);
  }
}

export const anApplication = () => new ApplicationInputBuilder();

export function successValue<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

export function errorOf<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a refusal, got success');
  return result.error;
}

/** Violation codes of a POLICIES_DENIED refusal, in order. */
export function deniedCodes<T>(result: Result<T>): string[] {
  const error = errorOf(result);
  if (error.code !== 'POLICIES_DENIED') throw new Error(`expected POLICIES_DENIED, got ${error.code}`);
  return error.denials.flatMap((d) => d.violations.map((v) => v.code));
}

/**
 * Slots of 30 minutes from 11:00 Rome (09:00Z), ten a day on the Torino working days from Tuesday
 * 17 June 2025 (weekends and San Giovanni, 24 June, skipped: cns.appointment-slot refuses them).
 */
export function slotsFrom(count: number, firstDay = '2025-06-17') {
  const days: number[] = [];
  for (let day = Date.parse(`${firstDay}T09:00:00Z`); days.length * 10 < count; day += 86_400_000) {
    const date = new Date(day);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    if (!weekend && date.toISOString().slice(5, 10) !== '06-24') days.push(day);
  }
  return Array.from({ length: count }, (_, i) => ({
    startsAt: new Date((days[Math.floor(i / 10)] as number) + (i % 10) * 30 * 60_000).toISOString(),
  }));
}

/** Registered only: the application as filed. */
export async function aRegisteredApplication(
  service: CnsTestService,
  input = anApplication().build(),
): Promise<CnsApplication> {
  return successValue(await service.cns.create.execute(input)).application;
}

/** Registered, booked, paid (webcam): the application as it stands before recognition. */
export async function aPaidApplication(
  service: CnsTestService,
  input = anApplication().build(),
): Promise<CnsApplication> {
  const { cns } = service;
  const application = await aRegisteredApplication(service, input);
  await cns.loadAgenda.execute(slotsFrom(1, '2025-06-20'));
  successValue(await cns.book.execute(application.id));
  const { payment } = successValue(await cns.pay.execute(application.id));
  await service.pay(payment.noticeNumber);
  const paid = await cns.get(application.id);
  if (!paid) throw new Error('lost the application');
  return paid;
}

/** …and recognised via webcam on Friday 20 June 2025. */
export async function aRecognizedApplication(
  service: CnsTestService,
  input = anApplication().build(),
): Promise<CnsApplication> {
  const paid = await aPaidApplication(service, input);
  service.clock.set('2025-06-20T09:30:00Z');
  return successValue(
    await service.cns.recordSession.execute(paid.id, {
      channel: 'webcam',
      outcome: 'completed',
      signedDocuments: ['richiesta di rilascio', 'condizioni di servizio'],
    }),
  );
}
