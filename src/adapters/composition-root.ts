// The one place that wires ports to adapters: a single inversify container, factories only, no
// decorators. Each procedure (procedures.ts) adds its own bindings; service.ts runs what this wires.
import { randomBytes } from 'node:crypto';
import { Container } from 'inversify';
import { pino } from 'pino';
import { DecisionService } from '../application/decisions/decision-service.js';
import { EvaluatorFallbacks } from '../application/decisions/evaluator-fallbacks.js';
import { DispatchOutbox } from '../application/mail/dispatch-outbox.js';
import { OpenPayment } from '../application/payments/open-payment.js';
import { RecordReceipt } from '../application/payments/record-receipt.js';
import { RetryPendingPositions } from '../application/payments/retry-pending-positions.js';
import { PolicyCatalog } from '../application/policies/policy-catalog.js';
import { RulesetRegistry } from '../application/rules/ruleset-registry.js';
import { devRoutesFor } from './dev-routes.js';
import { ApiKeyring } from './http/api-keys.js';
import { createApp } from './http/app.js';
import { HttpRateLimits } from './http/rate-limits.js';
import { ServiceLifecycle } from './lifecycle.js';
import { MemoryMailbox } from './mail/memory-mailbox.js';
import { SmtpMailTransport } from './mail/smtp-mail-transport.js';
import { GpdHttpClient } from './pagopa/gpd-http-client.js';
import { MemoryGpdSimulator } from './pagopa/memory-gpd-simulator.js';
import type { Procedure } from './procedure.js';
import { PROCEDURES } from './procedures.js';
import { AjvSchemaValidator } from './rules/ajv-schema-validator.js';
import { RecheckPatternChecker } from './rules/recheck-pattern-checker.js';
import { ruleSourceFor, rulesOriginOf, rulesPublisherFor } from './rules/rule-source.js';
import { defaultInstanceId } from './rules/rules-source-config.js';
import { BoundedPasswordHasher } from './security/bounded-password-hasher.js';
import { cryptoSecrets } from './security/crypto-secrets.js';
import { HmacTokenIssuer } from './security/hmac-token-issuer.js';
import { ScryptPasswordHasher } from './security/scrypt-password-hasher.js';
import { DEFAULT_SECURITY_CONFIG } from './security/security-config.js';
import type { ServiceConfig } from './service-config.js';
import { memoryStores, type Stores } from './stores.js';
import { randomIds } from './system/random-ids.js';
import { shiftedClock } from './system/shifted-clock.js';
import { systemClock } from './system/system-clock.js';
import { bindFactory, bindValue, TOKENS } from './tokens.js';

/**
 * Wires everything; `stores` defaults to fresh in-memory ones (startService passes MongoDB's), and
 * `procedures` to the registered ones (procedures.ts).
 */
export function buildContainer(
  config: ServiceConfig,
  stores?: Stores,
  procedures: readonly Procedure[] = PROCEDURES,
): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  const kept = stores ?? memoryStores(procedures);
  bindValue(c, TOKENS.Config, config);
  bindValue(c, TOKENS.Lifecycle, new ServiceLifecycle());
  bindFactory(c, TOKENS.Logger, () => pino({ level: config.logLevel }));
  bindRules(c, config, kept);
  bindSecurity(c, config);
  bindPaymentsAndMail(c, config, kept);
  for (const procedure of procedures) {
    kept.procedures.get(procedure.name)?.bind(c);
    procedure.bind(c, config);
  }
  bindFactory(c, TOKENS.PaymentPaidHandlers, (get) =>
    Object.assign({}, ...procedures.map((p) => p.paymentHandlers?.(get) ?? {})),
  );
  bindFactory(c, TOKENS.OutboxStores, () => [
    kept.payments,
    ...[...kept.procedures.values()].flatMap((s) => s.outboxes),
  ]);
  bindFactory(c, TOKENS.RouteModules, (get) => procedures.map((p) => p.routes(get, config)));
  bindHttp(c, config, kept);
  return c;
}

/** One checker per process: its verdicts are kept, and each pattern is analysed once. */
const sharedPatternChecker = new RecheckPatternChecker();

/** The rule set, the decisions on it and their log, the clock and ids they are stamped with. */
function bindRules(c: Container, config: ServiceConfig, stores: Stores): void {
  bindFactory(c, TOKENS.RuleFileSource, () => ruleSourceFor(config.rulesDir, config.rulesSource, stores));
  bindFactory(c, TOKENS.SchemaValidator, () => new AjvSchemaValidator());
  bindValue(c, TOKENS.DecisionLog, stores.decisionLog);
  bindValue(c, TOKENS.RulesetArchive, stores.rulesetArchive);
  bindValue(c, TOKENS.Clock, config.clockAt ? shiftedClock(config.clockAt) : systemClock);
  bindValue(c, TOKENS.IdGenerator, randomIds);
  bindValue(c, TOKENS.PatternChecker, sharedPatternChecker);
  // The gate runs the suites on the real date, as `npm run rules:test` does, whatever CLOCK_AT says.
  bindFactory(
    c,
    TOKENS.RulesetRegistry,
    (get) =>
      new RulesetRegistry(
        get(TOKENS.RuleFileSource),
        get(TOKENS.SchemaValidator),
        get(TOKENS.RulesetArchive),
        {
          patterns: get(TOKENS.PatternChecker),
          suiteGate: true,
          clock: systemClock,
        },
      ),
  );
  bindFactory(
    c,
    TOKENS.DecisionService,
    (get) =>
      new DecisionService(
        get(TOKENS.RulesetRegistry),
        get(TOKENS.DecisionLog),
        get(TOKENS.Clock),
        get(TOKENS.IdGenerator),
        new EvaluatorFallbacks((fallback) =>
          get(TOKENS.Logger).warn(fallback, 'json-rules-engine answered for the compiled evaluator'),
        ),
      ),
  );
  bindFactory(
    c,
    TOKENS.PolicyCatalog,
    (get) => new PolicyCatalog(get(TOKENS.RulesetRegistry), get(TOKENS.Clock)),
  );
}

/** API keys, secrets, password hashing and the signed tokens of companies and applicants. */
function bindSecurity(c: Container, config: ServiceConfig): void {
  const security = config.security ?? DEFAULT_SECURITY_CONFIG;
  bindFactory(c, TOKENS.ApiKeyring, () => new ApiKeyring(config.apiKeys));
  bindValue(c, TOKENS.SecretGenerator, cryptoSecrets);
  bindValue(
    c,
    TOKENS.PasswordHasher,
    new BoundedPasswordHasher(new ScryptPasswordHasher(config.passwordHashCost), security.hashing),
  );
  bindFactory(
    c,
    TOKENS.TokenIssuer,
    (get) =>
      new HmacTokenIssuer(config.tokenSecret ?? randomBytes(32).toString('base64url'), get(TOKENS.Clock)),
  );
}

/** Payments (pagoPA GPD or its simulator) and mail (outbox; SMTP or the embedded mailbox). */
function bindPaymentsAndMail(c: Container, config: ServiceConfig, stores: Stores): void {
  bindValue(c, TOKENS.PaymentRepository, stores.payments);
  bindValue(c, TOKENS.GpdSimulator, new MemoryGpdSimulator());
  const gpd = config.integrations?.pagopa;
  bindFactory(c, TOKENS.PaymentGateway, (get) =>
    gpd
      ? new GpdHttpClient({ baseUrl: gpd.gpdUrl, subscriptionKey: gpd.subscriptionKey })
      : get(TOKENS.GpdSimulator),
  );
  const smtpUrl = config.mail?.smtpUrl;
  if (smtpUrl)
    bindValue(
      c,
      TOKENS.MailTransport,
      new SmtpMailTransport({
        url: smtpUrl,
        from: config.mail?.from,
        requireTLS: config.mail?.requireTls !== false,
      }),
    );
  else {
    bindValue(c, TOKENS.Mailbox, new MemoryMailbox());
    bindFactory(c, TOKENS.MailTransport, (get) => get(TOKENS.Mailbox));
  }
  bindFactory(
    c,
    TOKENS.OpenPayment,
    (get) =>
      new OpenPayment(
        get(TOKENS.PaymentRepository),
        get(TOKENS.PaymentGateway),
        get(TOKENS.Clock),
        get(TOKENS.IdGenerator),
        get(TOKENS.SecretGenerator),
      ),
  );
  bindFactory(
    c,
    TOKENS.RecordReceipt,
    (get) =>
      new RecordReceipt(
        get(TOKENS.PaymentRepository),
        get(TOKENS.PaymentPaidHandlers),
        get(TOKENS.Clock),
        get(TOKENS.PaymentGateway),
      ),
  );
  bindFactory(
    c,
    TOKENS.RetryPendingPositions,
    (get) => new RetryPendingPositions(get(TOKENS.PaymentRepository), get(TOKENS.PaymentGateway)),
  );
  bindFactory(
    c,
    TOKENS.DispatchOutbox,
    (get) => new DispatchOutbox(get(TOKENS.OutboxStores), get(TOKENS.MailTransport), get(TOKENS.Clock)),
  );
}

/** The HTTP API: the engine's routes, the procedures' modules, the dev routes when allowed. */
function bindHttp(c: Container, config: ServiceConfig, stores: Stores): void {
  const security = config.security ?? DEFAULT_SECURITY_CONFIG;
  const dev = devRoutesFor(config);
  bindFactory(c, TOKENS.HttpApp, (get) =>
    createApp({
      registry: get(TOKENS.RulesetRegistry),
      decisions: get(TOKENS.DecisionService),
      catalog: get(TOKENS.PolicyCatalog),
      keyring: get(TOKENS.ApiKeyring),
      logger: get(TOKENS.Logger),
      tokens: get(TOKENS.TokenIssuer),
      payments: { recordReceipt: get(TOKENS.RecordReceipt) },
      rules: {
        instanceId: config.rulesSource?.instanceId ?? defaultInstanceId(),
        origin: rulesOriginOf(get(TOKENS.RuleFileSource)),
      },
      rulesPublisher: rulesPublisherFor(config.rulesDir, {
        validator: get(TOKENS.SchemaValidator),
        patterns: get(TOKENS.PatternChecker),
        archive: stores.rulesetArchive,
        publications: stores.rulesetPublications,
        clock: systemClock,
      }),
      modules: get(TOKENS.RouteModules),
      requestDeadlineMs: config.requestDeadlineMs,
      readiness: { lifecycle: get(TOKENS.Lifecycle), pingStore: () => stores.ping() },
      rateLimits: new HttpRateLimits(stores.rateLimiter, security.rateLimits, security.trustedProxies),
      ...(dev.mailbox || dev.payments
        ? {
            dev: {
              mailbox: dev.mailbox ? get(TOKENS.Mailbox) : undefined,
              simulator: dev.payments ? get(TOKENS.GpdSimulator) : undefined,
              dispatch: get(TOKENS.DispatchOutbox),
              clock: get(TOKENS.Clock),
            },
          }
        : {}),
    }),
  );
}
