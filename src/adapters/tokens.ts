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

/** The container, or the context a factory resolves its dependencies from. */
export interface Resolver {
  get<T>(id: symbol): T;
}

export function resolve<T>(from: Resolver, id: Token<T>): T {
  return from.get<T>(id);
}

/** What a factory is handed: each dependency by its token, typed by it. */
export type Get = <T>(id: Token<T>) => T;

export const TOKENS = {
  Config: token<ServiceConfig>('Config'),
  /** Draining, dispatcher running: what /readyz reports besides the store and the rules. */
  Lifecycle: token<ServiceLifecycle>('Lifecycle'),
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
  /** What each procedure does when its payment is paid. */
  PaymentPaidHandlers: token<PaymentPaidHandlers>('PaymentPaidHandlers'),
  /** Every repository that keeps an outbox: payments' and the procedures'. */
  OutboxStores: token<OutboxStore[]>('OutboxStores'),
  DispatchOutbox: token<DispatchOutbox>('DispatchOutbox'),
  RetryPendingPositions: token<RetryPendingPositions>('RetryPendingPositions'),
  /** The procedures' HTTP route modules. */
  RouteModules: token<RouteModule[]>('RouteModules'),
} as const;

/** Binds `id` to what `make` builds from other bindings, once per container. */
export function bindFactory<T>(c: Container, id: Token<T>, make: (get: Get) => T): void {
  c.bind<T>(id)
    .toDynamicValue((ctx) => make((dep) => resolve(ctx, dep)))
    .inSingletonScope();
}

export function bindValue<T>(c: Container, id: Token<T>, value: T): void {
  c.bind<T>(id).toConstantValue(value);
}
