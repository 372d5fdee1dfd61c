// The service as `npm start` wires it (composition root, real rules/), with a clock the test sets
// (the register's procedure lives in 2016–2017) and a cheap scrypt cost, called through
// `app.request()`. Builders keep the tests short: `registrationOf(ROSSI, { mode: 'simplified' })`.
import type { Container } from 'inversify';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { buildContainer } from '../../src/adapters/composition-root.js';
import type { ApiKey, Role } from '../../src/adapters/http/api-keys.js';
import { FIXTURE_COMPANIES } from '../../src/adapters/registry/fixture-companies.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import type { SecurityConfig } from '../../src/adapters/security/security-config.js';
import type { Stores } from '../../src/adapters/stores.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { RegistryCompany } from '../../src/application/albo/ports/company-registry.js';
import type { RegistrationRequest } from '../../src/application/albo/register-company.js';
import type { PasswordHasher } from '../../src/application/ports/password-hasher.js';
import { KEYS } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';
import { WITHOUT_RATE_LIMITS } from '../support/security.js';
import { TestClock } from '../support/test-clock.js';

export { KEYS };

/** A clock the test moves; starts on a day inside the 2017 payment window. */
export interface AlboService {
  container: Container;
  clock: TestClock;
  albo: ReturnType<typeof useCases>;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** With an API key of this role, or a company token. */
  call(method: string, path: string, as: Role | { token: string }, body?: unknown): Promise<Response>;
  /** Delivers the outboxes, then the messages sent to this address, newest first. */
  mailbox(to: string): Promise<Array<{ to: string; subject: string; text: string }>>;
}

const useCases = (container: Container) => resolve(container, ALBO_TOKENS.UseCases);

export interface AlboOptions {
  /** Rate limits and the hashing queue; absent, no rate limits (suites about other things send many
   * requests from one client) and the default hashing queue. */
  security?: SecurityConfig;
  /** Shared with another service: two instances on one store. */
  stores?: Stores;
  tokenSecret?: string;
  /** Wraps the service's password hasher (a spy counting computations). */
  wrapHasher?: (hasher: PasswordHasher) => PasswordHasher;
  /** Another rules folder (a maintainer's edit in a temp copy); absent: the fixture rules. */
  rulesDir?: string;
}

export async function startAlbo(at?: string, options: AlboOptions = {}): Promise<AlboService> {
  const apiKeys: ApiKey[] = Object.entries(KEYS).map(([role, key]) => ({
    role: role as Role,
    key,
    label: `${role}-1`,
  }));
  const container = buildContainer(
    {
      port: 0,
      rulesDir: options.rulesDir ?? RULES_DIR,
      apiKeys,
      logLevel: 'silent',
      passwordHashCost: 1 << 4,
      security: options.security ?? WITHOUT_RATE_LIMITS,
      tokenSecret: options.tokenSecret ?? null,
    },
    options.stores,
  );
  const clock = new TestClock(at);
  container.rebindSync(TOKENS.Clock).toConstantValue(clock);
  const { wrapHasher } = options;
  if (wrapHasher) {
    const hasher = resolve(container, TOKENS.PasswordHasher);
    container.rebindSync(TOKENS.PasswordHasher).toConstantValue(wrapHasher(hasher));
  }
  await loadRules(container);
  const app = resolve(container, TOKENS.HttpApp);
  const request = async (path: string, init?: RequestInit) => app.request(path, init);
  return {
    container,
    clock,
    albo: useCases(container),
    request,
    call: (method, path, as, body) =>
      request(path, {
        method,
        headers: {
          authorization: `Bearer ${typeof as === 'string' ? KEYS[as] : as.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    mailbox: async (to) => {
      await resolve(container, TOKENS.DispatchOutbox).run();
      return resolve(container, TOKENS.Mailbox).messages(to);
    },
  };
}

export const company = (fiscalCode: string): RegistryCompany => {
  const found = FIXTURE_COMPANIES.find((c) => c.fiscalCode === fiscalCode);
  if (!found) throw new Error(`no fixture company ${fiscalCode}`);
  return found;
};

export const ROSSI = company('07845120018');
export const BIANCHI = company('09362180151');
export const ESPOSITO_NO_PEC = company('04123690630');
export const VENETA_MIXED_CASE_PEC = company('03214570230');
export const LO_PRESTI_NO_PHONE = company('05896320826');

/** A certified-pec registration of the company with its registry PEC, unless overridden. */
export function registrationOf(
  c: RegistryCompany,
  overrides: Partial<RegistrationRequest> = {},
): RegistrationRequest {
  return {
    mode: 'certified-pec',
    fiscalCode: c.fiscalCode,
    registerNumber: c.registerNumber,
    email: c.pec ?? 'nessuna@pec.it',
    phone: '011 1234567',
    ...overrides,
  };
}

/** The credentials of the newest credentials e-mail to this address. */
export async function credentialsFor(
  service: AlboService,
  to: string,
): Promise<{ matricola: string; pin: string; password: string }> {
  const mail = (await service.mailbox(to)).find((m) => m.subject.startsWith('Credenziali'));
  if (!mail) throw new Error(`no credentials e-mail to ${to}`);
  return {
    matricola: field(mail.text, 'Numero di matricola'),
    pin: field(mail.text, 'PIN'),
    password: field(mail.text, 'Password temporanea'),
  };
}

/** The temporary password of the newest RESET PASSWORD e-mail to this address. */
export async function resetPasswordFor(service: AlboService, to: string): Promise<string> {
  const mail = (await service.mailbox(to)).find((m) => m.subject.startsWith('RESET PASSWORD'));
  if (!mail) throw new Error(`no reset e-mail to ${to}`);
  return field(mail.text, 'Nuova password temporanea');
}

function field(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" in:\n${text}`);
  return line.slice(label.length + 2);
}

export const NEW_PASSWORD = 'Camion#2017';

/** The first bytes of a PNG file, then filler: enough for the signature check. */
export const PNG_BASE64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString(
  'base64',
);

/** Registers, reads the credentials and changes the password: an account ready to act. */
export async function activeAccount(
  service: AlboService,
  c: RegistryCompany,
  overrides: Partial<RegistrationRequest> = {},
): Promise<{ matricola: string; email: string; password: string }> {
  const request = registrationOf(c, overrides);
  const registered = await service.albo.register.execute(request);
  if (!registered.ok) throw new Error(`registration refused: ${JSON.stringify(registered.error)}`);
  const { matricola, password } = await credentialsFor(service, request.email);
  const changed = await service.albo.changePassword.execute(matricola, {
    currentPassword: password,
    newPassword: NEW_PASSWORD,
    confirmPassword: NEW_PASSWORD,
  });
  if (!changed.ok) throw new Error(`password change refused: ${JSON.stringify(changed.error)}`);
  return { matricola, email: request.email, password: NEW_PASSWORD };
}
