// The container's keys for what every procedure shares; each procedure keeps its own keys beside
// its module (procedures.ts lists the modules).
import type { Hono } from 'hono';
import type { Container } from 'inversify';
import type { Logger } from 'pino';
import type { DecisionService } from '../application/decisions/decision-service.js';
import type { DispatchOutbox } from '../application/mail/dispatch-outbox.js';
import type { OpenPayment } from '../application/payments/open-payment.js';
import type { PaymentPaidHandlers } from '../application/payments/payment-handlers.js';
import type { PaymentRepository } from '../application/payments/payment-repository.js';
import type { RecordReceipt } from '../application/payments/record-receipt.js';
import type { RetryPendingPositions } from '../application/payments/retry-pending-positions.js';
import type { PolicyCatalog } from '../application/policies/policy-catalog.js';
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
import type { RulesetRegistry } from '../application/rules/ruleset-registry.js';
import type { ApiKeyring } from './http/api-keys.js';
import type { AppEnv, RouteModule } from './http/app-env.js';
import type { ServiceLifecycle } from './lifecycle.js';
import type { MemoryMailbox } from './mail/memory-mailbox.js';
import type { MemoryGpdSimulator } from './pagopa/memory-gpd-simulator.js';
import type { ServiceConfig } from './service-config.js';

/** A symbol that remembers the type bound to it, so `resolve` needs no cast at the call site. */
export type Token<T> = symbol & { readonly __bound?: T };
export const token = <T>(name: string) => Symbol(name) as Token<T>;

/** One token per key of the type map `M`, typed by the key's type there. */
export type TokenTable<M> = { readonly [K in keyof M]: Token<M[K]> };

/**
 * The token table of a type map: each key's token is made the first time it is read and is the same
 * symbol ever after, so the map, written once as a type, is all a procedure states.
 */
export function tokenTable<M>(scope: string): TokenTable<M> {
  const made = new Map<string, symbol>();
  return new Proxy({} as TokenTable<M>, {
    get(_, key) {
      if (typeof key !== 'string') return undefined;
      const id = made.get(key) ?? Symbol(`${scope}${key}`);
      made.set(key, id);
      return id;
    },
    set: () => false,
  });
}

/** The container, or the context a factory resolves its dependencies from. */
export interface Resolver {
  get<T>(id: symbol): T;
}

export function resolve<T>(from: Resolver, id: Token<T>): T {
  return from.get<T>(id);
}

/** What a factory is handed: each dependency by its token, typed by it. */
export type Get = <T>(id: Token<T>) => T;

/** What the container binds for every procedure, by key: `TOKENS.<key>` is its typed token. */
export interface SharedBindings {
  Config: ServiceConfig;
  /** Draining, dispatcher running: what /readyz reports besides the store and the rules. */
  Lifecycle: ServiceLifecycle;
  Logger: Logger;
  RuleFileSource: RuleFileSource;
  SchemaValidator: SchemaValidator;
  PatternChecker: PatternChecker;
  DecisionLog: DecisionLog;
  RulesetArchive: RulesetArchive;
  Clock: Clock;
  IdGenerator: IdGenerator;
  RulesetRegistry: RulesetRegistry;
  DecisionService: DecisionService;
  PolicyCatalog: PolicyCatalog;
  ApiKeyring: ApiKeyring;
  HttpApp: Hono<AppEnv>;
  TokenIssuer: TokenIssuer;
  SecretGenerator: SecretGenerator;
  PasswordHasher: PasswordHasher;
  PaymentRepository: PaymentRepository;
  PaymentGateway: PaymentGateway;
  GpdSimulator: MemoryGpdSimulator;
  MailTransport: MailTransport;
  Mailbox: MemoryMailbox;
  OpenPayment: OpenPayment;
  RecordReceipt: RecordReceipt;
  /** What each procedure does when its payment is paid. */
  PaymentPaidHandlers: PaymentPaidHandlers;
  /** Every repository that keeps an outbox: payments' and the procedures'. */
  OutboxStores: OutboxStore[];
  DispatchOutbox: DispatchOutbox;
  RetryPendingPositions: RetryPendingPositions;
  /** The procedures' HTTP route modules. */
  RouteModules: RouteModule[];
}

export const TOKENS = tokenTable<SharedBindings>('');

/** Binds `id` to what `make` builds from other bindings, once per container. */
export function bindFactory<T>(c: Container, id: Token<T>, make: (get: Get) => T): void {
  c.bind<T>(id)
    .toDynamicValue((ctx) => make((dep) => resolve(ctx, dep)))
    .inSingletonScope();
}

export function bindValue<T>(c: Container, id: Token<T>, value: T): void {
  c.bind<T>(id).toConstantValue(value);
}
