// What the HTTP adapter needs from the application, and what a request carries between handlers.
import type { Logger } from 'pino';
import type { DecisionService } from '../../application/decisions/decision-service.js';
import type { DispatchOutbox } from '../../application/mail/dispatch-outbox.js';
import type { RecordReceipt } from '../../application/payments/record-receipt.js';
import type { PolicyCatalog } from '../../application/policies/policy-catalog.js';
import type { Clock } from '../../application/ports/clock.js';
import type { TokenIssuer } from '../../application/ports/token-issuer.js';
import type { RulesetRegistry } from '../../application/rules/ruleset-registry.js';
import type { MemoryMailbox } from '../mail/memory-mailbox.js';
import type { MemoryGpdSimulator } from '../pagopa/memory-gpd-simulator.js';
import type { ApiKeyring } from './api-keys.js';
import type { Caller } from './auth.js';
import type { RouteModule } from './route-module.js';

export interface AppDeps {
  registry: RulesetRegistry;
  decisions: DecisionService;
  catalog: PolicyCatalog;
  keyring: ApiKeyring;
  logger: Logger;
  tokens: TokenIssuer;
  payments: { recordReceipt: RecordReceipt };
  /** Procedures' route modules (register, CNS), each with its OpenAPI part. */
  modules: RouteModule[];
  /** Embedded default only. */
  dev?: { mailbox: MemoryMailbox; simulator: MemoryGpdSimulator; dispatch: DispatchOutbox; clock: Clock };
}

export interface AppEnv {
  Variables: { caller: Caller };
}
