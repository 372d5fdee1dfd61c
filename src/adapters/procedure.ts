// A procedure plugs into the service as one module, listed once in procedures.ts: its repositories
// (memory and MongoDB, with their indexes), its bindings and use cases, its HTTP routes with their
// OpenAPI part and session check, its outboxes and its payment handlers. The core names none.
import type { Container } from 'inversify';
import type { Db } from 'mongodb';
import type { PaymentPaidHandlers } from '../application/payments/payment-handlers.js';
import type { OutboxStore } from '../application/ports/mail.js';
import type { RouteModule } from './http/route-module.js';
import type { IndexSpec } from './mongo/mongo-documents.js';
import type { ServiceConfig } from './service-config.js';
import type { Get } from './tokens.js';

/** A procedure's repositories on one store. */
export interface ProcedureStores {
  /** Binds each repository to the procedure's token for it. */
  bind(c: Container): void;
  /** The repositories that keep an outbox of mails, for the dispatcher. */
  outboxes: readonly OutboxStore[];
}

export interface Procedure {
  name: string;
  /** Its repositories in memory (the embedded default) or on MongoDB, and the indexes they rely on. */
  stores?: {
    memory(): ProcedureStores;
    mongo(db: Db): ProcedureStores;
    indexes: readonly IndexSpec[];
  };
  /** Binds its own ports' adapters and its use cases (its repositories come from `stores`). */
  bind(c: Container, config: ServiceConfig): void;
  /** Its HTTP routes, OpenAPI part and session check, on what `bind` bound. */
  routes(get: Get, config: ServiceConfig): RouteModule;
  /** What it does when one of its payments is paid. */
  paymentHandlers?(get: Get): PaymentPaidHandlers;
}
