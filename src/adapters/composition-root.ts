// The one place that wires ports to adapters (inversify, factories only, no decorators), loads the
// rules, watches rules/ for edits [E-RELOAD] and serves the HTTP API.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { Container } from 'inversify';
import { type Logger, pino } from 'pino';
import type { AlboAccountRepository } from '../application/albo/account-repository.js';
import { type AlboUseCases, createAlboUseCases } from '../application/albo/albo-use-cases.js';
import type { AssistanceTicketRepository } from '../application/albo/assistance-ticket.js';
import type { CompanyRegistry } from '../application/albo/company-registry.js';
import type { FleetRepository } from '../application/albo/fleet.js';
import { type CnsUseCases, cnsUseCases } from '../application/cns/cns-use-cases.js';
import { DEFAULT_CNS_OPTIONS } from '../application/cns/deps.js';
import type { CnsApplicationRepository } from '../application/cns/ports/application-repository.js';
import type { AppointmentAgenda } from '../application/cns/ports/appointment-agenda.js';
import type { CertificateVerifier } from '../application/cns/ports/certificate-verifier.js';
import type { CodeSealer } from '../application/cns/ports/code-sealer.js';
import { DecisionService } from '../application/decisions/decision-service.js';
import { DispatchOutbox } from '../application/mail/dispatch-outbox.js';
import { OpenPayment } from '../application/payments/open-payment.js';
import type { PaymentPaidHandlers } from '../application/payments/payment-handlers.js';
import type { PaymentRepository } from '../application/payments/payment-repository.js';
import { RecordReceipt } from '../application/payments/record-receipt.js';
import { PolicyCatalog } from '../application/policies/policy-catalog.js';
import type { Clock } from '../application/ports/clock.js';
import type { DecisionLog } from '../application/ports/decision-log.js';
import type { IdGenerator } from '../application/ports/id-generator.js';
import type { MailTransport, OutboxStore } from '../application/ports/mail.js';
import type { PasswordHasher } from '../application/ports/password-hasher.js';
import type { PatternChecker } from '../application/ports/pattern-checker.js';
import type { PaymentGateway } from '../application/ports/payment-gateway.js';
import type { RuleFileSource } from '../application/ports/rule-file-source.js';
import type { RulesetArchive } from '../application/ports/ruleset-archive.js';
import type { SchemaValidator } from '../application/ports/schema-validator.js';
import type { SecretGenerator } from '../application/ports/secret-generator.js';
import type { TokenIssuer } from '../application/ports/token-issuer.js';
import {
  type ReloadResult,
  RulesetRegistry,
  type RulesStatus,
} from '../application/rules/ruleset-registry.js';
import type { Config } from './config.js';
import { DEFAULT_RULES_POLL_MS } from './config.js';
import { type CnsRecognitionConfig, NO_CNS_RECOGNITION } from './crypto/cns-recognition-config.js';
import { type Argon2Params, OpenPgpCodeSealer } from './crypto/openpgp-code-sealer.js';
import { X509CertificateVerifier } from './crypto/x509-certificate-verifier.js';
import { devRoutesFor } from './dev-routes.js';
import { alboModule } from './http/albo/albo-module.js';
import { type ApiKey, ApiKeyring } from './http/api-keys.js';
import { createApp } from './http/app.js';
import type { AppEnv } from './http/app-env.js';
import { cnsModule } from './http/cns/cns-module.js';
import { DEFAULT_REQUEST_DEADLINE_MS } from './http/deadline.js';
import { trackConnections } from './http/drain.js';
import { HttpRateLimits } from './http/rate-limits.js';
import type { RouteModule } from './http/route-module.js';
import { DEFAULT_REGISTRY_CONFIG, type IntegrationsConfig } from './integrations-config.js';
import { ServiceLifecycle } from './lifecycle.js';
import type { MailConfig } from './mail/mail-config.js';
import { MemoryMailbox } from './mail/memory-mailbox.js';
import { SmtpMailTransport } from './mail/smtp-mail-transport.js';
import { openMongoStores } from './mongo/mongo-stores.js';
import { GpdHttpClient } from './pagopa/gpd-http-client.js';
import { MemoryGpdSimulator } from './pagopa/memory-gpd-simulator.js';
import {
  behaviourOf,
  FixtureCompanyRegistry,
  type RegistryMode,
} from './registry/fixture-company-registry.js';
import { DEFAULT_REGISTRY_GUARD, GuardedCompanyRegistry } from './registry/guarded-company-registry.js';
import { InfoCamereHttpClient } from './registry/infocamere-http-client.js';
import { AjvSchemaValidator } from './rules/ajv-schema-validator.js';
import { FsRuleFileSource } from './rules/fs-rule-file-source.js';
import { RecheckPatternChecker } from './rules/recheck-pattern-checker.js';
import { BoundedPasswordHasher } from './security/bounded-password-hasher.js';
import { cryptoSecrets } from './security/crypto-secrets.js';
import { HmacTokenIssuer } from './security/hmac-token-issuer.js';
import { ScryptPasswordHasher } from './security/scrypt-password-hasher.js';
import { DEFAULT_SECURITY_CONFIG, type SecurityConfig } from './security/security-config.js';
import { memoryStores, type Stores } from './stores.js';
import { randomIds } from './system/random-ids.js';
import { shiftedClock } from './system/shifted-clock.js';
import { systemClock } from './system/system-clock.js';

/** The configuration the service runs with: API keys are settled (given or generated) by then. */
export interface ServiceConfig
  extends Omit<
    Config,
    | 'apiKeys'
    | 'tokenSecret'
    | 'clockAt'
    | 'registryFixture'
    | 'integrations'
    | 'mail'
    | 'mongodbUri'
    | 'shutdownGraceMs'
    | 'requestDeadlineMs'
    | 'storeTimeoutMs'
    | 'cnsRecognition'
    | 'production'
    | 'rulesPollMs'
    | 'security'
  > {
  /** RULES_POLL_MS: the content check of rules/ behind the watcher (default 2000 ms; 0: none). */
  rulesPollMs?: number;
  apiKeys: ApiKey[];
  /** CLOCK_AT: the clock starts on this day (embedded default); absent or null: the real clock. */
  clockAt?: string | null;
  /** How the embedded business-register fixture answers (default normal). */
  registryFixture?: RegistryMode;
  /** pagoPA GPD and InfoCamere over HTTP; absent: the embedded simulator and fixture. */
  integrations?: IntegrationsConfig;
  /** SMTP_URL and MAIL_FROM; absent or no smtpUrl: the embedded mailbox. */
  mail?: MailConfig;
  /** CNS trust anchors and the proxy forwarding client certificates; absent: recognition by CNS off. */
  cnsRecognition?: CnsRecognitionConfig;
  /** MONGODB_URI; absent or null: the in-memory stores (startService opens MongoDB when set). */
  mongodbUri?: string | null;
  /** Interface to listen on (tests: 127.0.0.1); absent: all interfaces. */
  hostname?: string;
  /** Random per container when absent: tokens then die with the process. */
  tokenSecret?: string | null;
  /** STORE_TIMEOUT_MS: the longest one MongoDB operation may take before 503 (default 2.5 s). */
  storeTimeoutMs?: number;
  /** REQUEST_DEADLINE_MS: the longest a request may take (default 30 s). */
  requestDeadlineMs?: number;
  /** SHUTDOWN_GRACE_MS: how long requests in flight may take to finish once shutdown starts. */
  shutdownGraceMs?: number;
  /** scrypt cost N; tests lower it to stay fast. */
  passwordHashCost?: number;
  /** NODE_ENV=production: never any /v1/dev/* route. */
  production?: boolean;
  /** Argon2 cost of the CNS key lock; tests lower it to stay fast (default PRODUCTION_ARGON2). */
  sealingArgon2?: Argon2Params;
  /** Rate limits, trusted proxies, the hashing queue, applicant tokens; absent: the defaults. */
  security?: SecurityConfig;
}

/** A symbol that remembers the type bound to it, so `resolve` needs no cast at the call site. */
export type Token<T> = symbol & { readonly __bound?: T };
const token = <T>(name: string) => Symbol(name) as Token<T>;

export const TOKENS = {
  Config: token<ServiceConfig>('Config'),
  /** Draining, dispatcher running: what /readyz reports besides the store and the rules. */
  Lifecycle: token<ServiceLifecycle>('Lifecycle'),
  /** Every repository, memory or MongoDB (stores.ts). */
  Stores: token<Stores>('Stores'),
  Logger: token<Logger>('Logger'),
  RuleFileSource: token<RuleFileSource>('RuleFileSource'),
  SchemaValidator: token<SchemaValidator>('SchemaValidator'),
  PatternChecker: token<PatternChecker>('PatternChecker'),
  DecisionLog: token<DecisionLog>('DecisionLog'),
  RulesetArchive: token<RulesetArchive>('RulesetArchive'),
  Clock: token<Clock>('Clock'),
  IdGenerator: token<IdGenerator>('IdGenerator'),
  RulesetRegistry: token<RulesetRegistry>('RulesetRegistry'),
  DecisionService: token<DecisionService>('DecisionService'),
  PolicyCatalog: token<PolicyCatalog>('PolicyCatalog'),
  ApiKeyring: token<ApiKeyring>('ApiKeyring'),
  HttpApp: token<Hono<AppEnv>>('HttpApp'),
  TokenIssuer: token<TokenIssuer>('TokenIssuer'),
  SecretGenerator: token<SecretGenerator>('SecretGenerator'),
  PasswordHasher: token<PasswordHasher>('PasswordHasher'),
  PaymentRepository: token<PaymentRepository>('PaymentRepository'),
  PaymentGateway: token<PaymentGateway>('PaymentGateway'),
  GpdSimulator: token<MemoryGpdSimulator>('GpdSimulator'),
  MailTransport: token<MailTransport>('MailTransport'),
  Mailbox: token<MemoryMailbox>('Mailbox'),
  OpenPayment: token<OpenPayment>('OpenPayment'),
  RecordReceipt: token<RecordReceipt>('RecordReceipt'),
  /** What each procedure does when its payment is paid; procedures add theirs here. */
  PaymentPaidHandlers: token<PaymentPaidHandlers>('PaymentPaidHandlers'),
  /** Every repository that keeps an outbox; procedures add theirs here. */
  OutboxStores: token<OutboxStore[]>('OutboxStores'),
  DispatchOutbox: token<DispatchOutbox>('DispatchOutbox'),
  /** The procedures' HTTP route modules. */
  RouteModules: token<RouteModule[]>('RouteModules'),
} as const;

/** The road-haulage register procedure's own bindings (see bindAlbo). */
export const ALBO_TOKENS = {
  Accounts: token<AlboAccountRepository>('AlboAccounts'),
  Fleets: token<FleetRepository>('AlboFleets'),
  Tickets: token<AssistanceTicketRepository>('AlboTickets'),
  /** The embedded registry fixture itself, whose behaviour tests switch. */
  RegistryFixture: token<FixtureCompanyRegistry>('AlboRegistryFixture'),
  /** The registry as the procedure sees it: the fixture behind the throttle, cache and timeout. */
  CompanyRegistry: token<CompanyRegistry>('AlboCompanyRegistry'),
  UseCases: token<AlboUseCases>('AlboUseCases'),
} as const;

/** The CNS issuance procedure's own bindings (see bindCns). */
export const CNS_TOKENS = {
  Applications: token<CnsApplicationRepository>('CnsApplications'),
  Agenda: token<AppointmentAgenda>('CnsAgenda'),
  CodeSealer: token<CodeSealer>('CnsCodeSealer'),
  CertificateVerifier: token<CertificateVerifier>('CnsCertificateVerifier'),
  UseCases: token<CnsUseCases>('CnsUseCases'),
} as const;

export function resolve<T>(container: Container, id: Token<T>): T {
  return container.get<T>(id);
}

/** Wires everything; `stores` defaults to fresh in-memory ones (startService passes MongoDB's). */
export function buildContainer(config: ServiceConfig, stores: Stores = memoryStores()): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Config).toConstantValue(config);
  c.bind(TOKENS.Stores).toConstantValue(stores);
  const lifecycle = new ServiceLifecycle();
  c.bind(TOKENS.Lifecycle).toConstantValue(lifecycle);
  c.bind(TOKENS.Logger)
    .toDynamicValue(() => pino({ level: config.logLevel }))
    .inSingletonScope();
  c.bind(TOKENS.RuleFileSource)
    .toDynamicValue(() => new FsRuleFileSource(config.rulesDir))
    .inSingletonScope();
  c.bind(TOKENS.SchemaValidator)
    .toDynamicValue(() => new AjvSchemaValidator())
    .inSingletonScope();
  c.bind(TOKENS.DecisionLog).toConstantValue(stores.decisionLog);
  c.bind(TOKENS.RulesetArchive).toConstantValue(stores.rulesetArchive);
  c.bind(TOKENS.Clock).toConstantValue(config.clockAt ? shiftedClock(config.clockAt) : systemClock);
  c.bind(TOKENS.IdGenerator).toConstantValue(randomIds);
  c.bind(TOKENS.ApiKeyring)
    .toDynamicValue(() => new ApiKeyring(config.apiKeys))
    .inSingletonScope();
  c.bind(TOKENS.PatternChecker).toConstantValue(sharedPatternChecker);
  // The gate runs the suites on the real date, as `npm run rules:test` does, whatever CLOCK_AT says.
  c.bind(TOKENS.RulesetRegistry)
    .toResolvedValue(
      (
        source: RuleFileSource,
        validator: SchemaValidator,
        archive: RulesetArchive,
        patterns: PatternChecker,
      ) => new RulesetRegistry(source, validator, archive, { patterns, suiteGate: true, clock: systemClock }),
      [TOKENS.RuleFileSource, TOKENS.SchemaValidator, TOKENS.RulesetArchive, TOKENS.PatternChecker],
    )
    .inSingletonScope();
  c.bind(TOKENS.DecisionService)
    .toResolvedValue(
      (registry: RulesetRegistry, log: DecisionLog, clock: Clock, ids: IdGenerator) =>
        new DecisionService(registry, log, clock, ids),
      [TOKENS.RulesetRegistry, TOKENS.DecisionLog, TOKENS.Clock, TOKENS.IdGenerator],
    )
    .inSingletonScope();
  c.bind(TOKENS.PolicyCatalog)
    .toResolvedValue(
      (registry: RulesetRegistry, clock: Clock) => new PolicyCatalog(registry, clock),
      [TOKENS.RulesetRegistry, TOKENS.Clock],
    )
    .inSingletonScope();
  const security = config.security ?? DEFAULT_SECURITY_CONFIG;
  bindPaymentsAndMail(c, config, stores, security);
  bindAlbo(c, config, stores);
  const cnsRecognition = config.cnsRecognition ?? NO_CNS_RECOGNITION;
  bindCns(c, stores, security, cnsRecognition, config.sealingArgon2);
  c.bind(TOKENS.RouteModules).toConstantValue([alboModule, cnsModule(cnsRecognition.forwarded)]);
  const dev = devRoutesFor(config);
  c.bind(TOKENS.HttpApp)
    .toDynamicValue((ctx) =>
      createApp({
        registry: ctx.get(TOKENS.RulesetRegistry),
        decisions: ctx.get(TOKENS.DecisionService),
        catalog: ctx.get(TOKENS.PolicyCatalog),
        keyring: ctx.get(TOKENS.ApiKeyring),
        logger: ctx.get(TOKENS.Logger),
        tokens: ctx.get(TOKENS.TokenIssuer),
        payments: { recordReceipt: ctx.get(TOKENS.RecordReceipt) },
        modules: ctx.get(TOKENS.RouteModules),
        requestDeadlineMs: config.requestDeadlineMs,
        readiness: { lifecycle, pingStore: () => stores.ping() },
        rateLimits: new HttpRateLimits(stores.rateLimiter, security.rateLimits, security.trustedProxies),
        albo: ctx.get(ALBO_TOKENS.UseCases),
        cns: ctx.get(CNS_TOKENS.UseCases),
        ...(dev.mailbox || dev.payments
          ? {
              dev: {
                mailbox: dev.mailbox ? ctx.get(TOKENS.Mailbox) : undefined,
                simulator: dev.payments ? ctx.get(TOKENS.GpdSimulator) : undefined,
                dispatch: ctx.get(TOKENS.DispatchOutbox),
                clock: ctx.get(TOKENS.Clock),
              },
            }
          : {}),
      }),
    )
    .inSingletonScope();
  return c;
}

/** Security, payments (pagoPA GPD or its simulator) and mail (outbox; SMTP or the embedded mailbox). */
function bindPaymentsAndMail(
  c: Container,
  config: ServiceConfig,
  stores: Stores,
  security: SecurityConfig,
): void {
  c.bind(TOKENS.SecretGenerator).toConstantValue(cryptoSecrets);
  c.bind(TOKENS.PasswordHasher).toConstantValue(
    new BoundedPasswordHasher(new ScryptPasswordHasher(config.passwordHashCost), security.hashing),
  );
  c.bind(TOKENS.TokenIssuer)
    .toResolvedValue(
      (clock: Clock) =>
        new HmacTokenIssuer(config.tokenSecret ?? randomBytes(32).toString('base64url'), clock),
      [TOKENS.Clock],
    )
    .inSingletonScope();
  c.bind(TOKENS.PaymentRepository).toConstantValue(stores.payments);
  c.bind(TOKENS.GpdSimulator).toConstantValue(new MemoryGpdSimulator());
  const gpd = config.integrations?.pagopa;
  c.bind(TOKENS.PaymentGateway).toResolvedValue(
    (sim: MemoryGpdSimulator) =>
      gpd ? new GpdHttpClient({ baseUrl: gpd.gpdUrl, subscriptionKey: gpd.subscriptionKey }) : sim,
    [TOKENS.GpdSimulator],
  );
  const smtpUrl = config.mail?.smtpUrl;
  if (smtpUrl)
    c.bind(TOKENS.MailTransport).toConstantValue(
      new SmtpMailTransport({
        url: smtpUrl,
        from: config.mail?.from,
        requireTLS: config.mail?.requireTls !== false,
      }),
    );
  else {
    c.bind(TOKENS.Mailbox).toConstantValue(new MemoryMailbox());
    c.bind(TOKENS.MailTransport).toResolvedValue((box: MemoryMailbox) => box, [TOKENS.Mailbox]);
  }
  c.bind(TOKENS.OpenPayment)
    .toResolvedValue(
      (
        repo: PaymentRepository,
        gateway: PaymentGateway,
        clock: Clock,
        ids: IdGenerator,
        secrets: SecretGenerator,
      ) => new OpenPayment(repo, gateway, clock, ids, secrets),
      [
        TOKENS.PaymentRepository,
        TOKENS.PaymentGateway,
        TOKENS.Clock,
        TOKENS.IdGenerator,
        TOKENS.SecretGenerator,
      ],
    )
    .inSingletonScope();
  c.bind(TOKENS.PaymentPaidHandlers)
    .toResolvedValue(
      (albo: AlboUseCases, cns: CnsUseCases) => ({ 'albo-fee': albo.feePaid, 'cns-issuance': cns.paid }),
      [ALBO_TOKENS.UseCases, CNS_TOKENS.UseCases],
    )
    .inSingletonScope();
  c.bind(TOKENS.RecordReceipt)
    .toResolvedValue(
      (repo: PaymentRepository, handlers: PaymentPaidHandlers, clock: Clock, gateway: PaymentGateway) =>
        new RecordReceipt(repo, handlers, clock, gateway),
      [TOKENS.PaymentRepository, TOKENS.PaymentPaidHandlers, TOKENS.Clock, TOKENS.PaymentGateway],
    )
    .inSingletonScope();
  c.bind(TOKENS.OutboxStores)
    .toResolvedValue(
      (payments: PaymentRepository, albo: AlboAccountRepository, cns: CnsApplicationRepository) => [
        payments,
        albo,
        cns,
      ],
      [TOKENS.PaymentRepository, ALBO_TOKENS.Accounts, CNS_TOKENS.Applications],
    )
    .inSingletonScope();
  c.bind(TOKENS.DispatchOutbox)
    .toResolvedValue(
      (stores: OutboxStore[], transport: MailTransport, clock: Clock) =>
        new DispatchOutbox(stores, transport, clock),
      [TOKENS.OutboxStores, TOKENS.MailTransport, TOKENS.Clock],
    )
    .inSingletonScope();
}

/** The road-haulage register: its repositories, the registry (fixture or InfoCamere) behind its guard, the use cases. */
function bindAlbo(c: Container, config: ServiceConfig, stores: Stores): void {
  c.bind(ALBO_TOKENS.Accounts).toConstantValue(stores.alboAccounts);
  c.bind(ALBO_TOKENS.Fleets).toConstantValue(stores.alboFleets);
  c.bind(ALBO_TOKENS.Tickets).toConstantValue(stores.alboTickets);
  const fixture = new FixtureCompanyRegistry();
  fixture.setBehaviour(behaviourOf(config.registryFixture ?? 'normal'));
  c.bind(ALBO_TOKENS.RegistryFixture).toConstantValue(fixture);
  // InfoCamere over HTTP when REGISTRY_URL is set (the roll stays the embedded one), else the fixture.
  const { url, ratePerMinute, timeoutMs } = config.integrations?.registry ?? DEFAULT_REGISTRY_CONFIG;
  const online = url ? new InfoCamereHttpClient({ baseUrl: url, timeoutMs }, fixture) : fixture;
  c.bind(ALBO_TOKENS.CompanyRegistry).toConstantValue(
    new GuardedCompanyRegistry(
      online,
      { ...DEFAULT_REGISTRY_GUARD, maxCallsPerMinute: ratePerMinute, timeoutMs },
      undefined,
      stores.registryGuard(ratePerMinute),
    ),
  );
  c.bind(ALBO_TOKENS.UseCases)
    .toDynamicValue((ctx) =>
      createAlboUseCases({
        accounts: ctx.get(ALBO_TOKENS.Accounts),
        fleets: ctx.get(ALBO_TOKENS.Fleets),
        tickets: ctx.get(ALBO_TOKENS.Tickets),
        registry: ctx.get(ALBO_TOKENS.CompanyRegistry),
        payments: ctx.get(TOKENS.PaymentRepository),
        openPayment: ctx.get(TOKENS.OpenPayment),
        decisions: ctx.get(TOKENS.DecisionService),
        rules: ctx.get(TOKENS.RulesetRegistry),
        hasher: ctx.get(TOKENS.PasswordHasher),
        secrets: ctx.get(TOKENS.SecretGenerator),
        tokens: ctx.get(TOKENS.TokenIssuer),
        ids: ctx.get(TOKENS.IdGenerator),
        clock: ctx.get(TOKENS.Clock),
      }),
    )
    .inSingletonScope();
}

/** The CNS issuance procedure: applications and agenda, OpenPGP sealing, X.509, the use cases. */
function bindCns(
  c: Container,
  stores: Stores,
  security: SecurityConfig,
  recognition: CnsRecognitionConfig,
  argon2?: Argon2Params,
): void {
  c.bind(CNS_TOKENS.Applications).toConstantValue(stores.cnsApplications);
  c.bind(CNS_TOKENS.Agenda).toConstantValue(stores.cnsAgenda);
  c.bind(CNS_TOKENS.CodeSealer).toConstantValue(new OpenPgpCodeSealer(argon2));
  c.bind(CNS_TOKENS.CertificateVerifier).toConstantValue(
    new X509CertificateVerifier(recognition.trustAnchors),
  );
  c.bind(CNS_TOKENS.UseCases)
    .toDynamicValue((ctx) =>
      cnsUseCases({
        applications: ctx.get(CNS_TOKENS.Applications),
        agenda: ctx.get(CNS_TOKENS.Agenda),
        sealer: ctx.get(CNS_TOKENS.CodeSealer),
        certificates: ctx.get(CNS_TOKENS.CertificateVerifier),
        decisions: ctx.get(TOKENS.DecisionService),
        registry: ctx.get(TOKENS.RulesetRegistry),
        openPayment: ctx.get(TOKENS.OpenPayment),
        tokens: ctx.get(TOKENS.TokenIssuer),
        secrets: ctx.get(TOKENS.SecretGenerator),
        ids: ctx.get(TOKENS.IdGenerator),
        clock: ctx.get(TOKENS.Clock),
        options: { ...DEFAULT_CNS_OPTIONS, applicantTokenTtlSeconds: security.applicantTokenTtlSeconds },
      }),
    )
    .inSingletonScope();
}

/** One checker per process: its verdicts are kept, and each pattern is analysed once. */
const sharedPatternChecker = new RecheckPatternChecker();

/** rules/ does not load or fails its suites: start-up stops and every problem is printed. */
export class RulesLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the rule files cannot serve (${problems.length} problem(s)):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
}

/** First load of the rules; returns the ruleset hash or throws RulesLoadError. */
export async function loadRules(container: Container): Promise<string> {
  const result = await resolve(container, TOKENS.RulesetRegistry).reload();
  if (!result.ok) throw new RulesLoadError(result.status.problems);
  return result.hash;
}

export interface WatchOptions {
  /** The content check's period (default: the configuration's, else 2000 ms); 0: no poll. */
  pollMs?: number;
  /** Whether to watch the folder for events (default true); tests turn it off to try the poll alone. */
  watch?: boolean;
}

/**
 * Keeps the set serving in step with the files on disk [E-RELOAD]: the folder's watcher and a
 * periodic content check both ask the registry to refresh, which loads only when the content hash
 * differs from the set serving and the last one rejected. Requests arriving while a refresh runs
 * are coalesced into one more, so the last save is always the one looked at.
 */
export function watchRules(container: Container, options: WatchOptions = {}): () => Promise<void> {
  const source = resolve(container, TOKENS.RuleFileSource);
  const registry = resolve(container, TOKENS.RulesetRegistry);
  const logger = resolve(container, TOKENS.Logger);
  const pollMs = options.pollMs ?? resolve(container, TOKENS.Config).rulesPollMs ?? DEFAULT_RULES_POLL_MS;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let trigger = 'watcher';
  const refresh = (by: 'watcher' | 'poll') => {
    if (stopped) return;
    trigger = by;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const before = registry.status().state;
        try {
          const result = await registry.refresh();
          if (result) logReload(logger, result, trigger);
          else if (registry.status().state !== before) logStatus(logger, registry.status(), trigger);
        } catch (error) {
          logger.error({ err: error }, 'rules refresh failed');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = pollMs > 0 ? setInterval(() => refresh('poll'), pollMs) : undefined;
  timer?.unref();
  const unwatch =
    options.watch !== false && source.watch ? source.watch(() => refresh('watcher')) : async () => {};
  return async () => {
    stopped = true;
    clearInterval(timer);
    await unwatch();
    await running;
  };
}

/** One log line per outcome, the problems as `file:line:column  reason`, for people and machines. */
export function logReload(logger: Logger, result: ReloadResult, trigger: string): void {
  if (result.ok)
    logger.info(
      { hash: result.hash, filesHash: result.status.serving?.hash, changed: result.changed, trigger },
      'rules reloaded',
    );
  else logStatus(logger, result.status, trigger);
}

function logStatus(logger: Logger, status: RulesStatus, trigger: string): void {
  const serving = status.serving?.hash ?? 'nothing';
  const fields = { state: status.state, serving, disk: status.disk.hash, trigger, problems: status.problems };
  if (status.state === 'current') logger.info(fields, 'rules on disk match the set serving again');
  else
    logger.warn(
      fields,
      `rules ${status.state}, still serving ${serving}:\n${status.problems.map((p) => `  ${p}`).join('\n')}`,
    );
}

export interface RunningService {
  url: string;
  port: number;
  rulesetHash: string;
  container: Container;
  /** Where the data is kept (the stores' description). */
  storage: string;
  /**
   * Stops watching rules/ and accepting connections, lets requests in flight finish (up to the
   * grace period, then drops what is left), drains the mail dispatcher, then closes the stores.
   */
  close(): Promise<void>;
}

export async function startService(config: ServiceConfig): Promise<RunningService> {
  // MongoDB when MONGODB_URI is set: connected and indexed before anything is served.
  const stores = config.mongodbUri
    ? await openMongoStores(config.mongodbUri, { timeoutMs: config.storeTimeoutMs })
    : memoryStores();
  let stopWatching: () => Promise<void> = async () => {};
  let listening: { server: ServerType; port: number };
  let container: Container;
  let rulesetHash: string;
  try {
    container = buildContainer(config, stores);
    const logger = resolve(container, TOKENS.Logger);
    rulesetHash = await loadRules(container);
    logger.info({ hash: rulesetHash, rulesDir: config.rulesDir }, 'rules loaded');
    stopWatching = watchRules(container);
    listening = await listen(
      resolve(container, TOKENS.HttpApp),
      config.port,
      config.hostname,
      config.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
    );
  } catch (error) {
    await stopWatching();
    await stores.close();
    throw error;
  }
  const logger = resolve(container, TOKENS.Logger);
  const { server, port } = listening;
  const connections = trackConnections(server as Server);
  logger.info({ port }, 'listening');
  // The outbox is drained in the background; a failed delivery waits for its backoff.
  const dispatch = resolve(container, TOKENS.DispatchOutbox);
  const mailTimer = setInterval(() => {
    dispatch.run().then(
      (r) => (r.sent || r.failed) && logger.info(r, 'mail dispatched'),
      (error) => logger.error({ err: error }, 'mail dispatch failed'),
    );
  }, 1_000);
  mailTimer.unref();
  const lifecycle = resolve(container, TOKENS.Lifecycle);
  lifecycle.dispatcherRunning = true;
  return {
    url: `http://localhost:${port}`,
    port,
    rulesetHash,
    container,
    storage: stores.description,
    close: async () => {
      lifecycle.draining = true;
      await stopWatching();
      clearInterval(mailTimer);
      lifecycle.dispatcherRunning = false;
      await connections.drain(config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
      // A dispatch under way finishes its writes before the store closes.
      await dispatch.run().catch(() => undefined);
      await stores.close();
    },
  };
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

function listen(
  app: Hono<AppEnv>,
  port: number,
  hostname: string | undefined,
  deadlineMs: number,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((done, fail) => {
    // A client that sends its request too slowly is cut off by the server itself (408).
    const serverOptions = { requestTimeout: deadlineMs, headersTimeout: Math.min(deadlineMs, 60_000) };
    const server = serve(
      { fetch: app.fetch, port, serverOptions, ...(hostname ? { hostname } : {}) },
      (info) => done({ server, port: info.port }),
    );
    server.once('error', fail);
  });
}
