// Where the service keeps its data: every repository port, chosen together (MONGODB_URI: MongoDB;
// unset: memory, the embedded default). The composition root binds whatever this returns.
import type { AlboAccountRepository } from '../application/albo/account-repository.js';
import type { AssistanceTicketRepository } from '../application/albo/assistance-ticket.js';
import type { FleetRepository } from '../application/albo/fleet.js';
import type { CnsApplicationRepository } from '../application/cns/ports/application-repository.js';
import type { AppointmentAgenda } from '../application/cns/ports/appointment-agenda.js';
import type { PaymentRepository } from '../application/payments/payment-repository.js';
import type { DecisionLog } from '../application/ports/decision-log.js';
import type { RateLimiter } from '../application/ports/rate-limiter.js';
import type { RulesetArchive } from '../application/ports/ruleset-archive.js';
import { MemoryAlboAccounts } from './memory/memory-albo-accounts.js';
import { MemoryAlboFleets } from './memory/memory-albo-fleets.js';
import { MemoryAlboTickets } from './memory/memory-albo-tickets.js';
import { MemoryCnsAgenda } from './memory/memory-cns-agenda.js';
import { MemoryCnsApplications } from './memory/memory-cns-applications.js';
import { MemoryDecisionLog } from './memory/memory-decision-log.js';
import { MemoryPaymentRepository } from './memory/memory-payment-repository.js';
import { MemoryRateLimiter } from './memory/memory-rate-limiter.js';
import { MemoryRulesetArchive } from './memory/memory-ruleset-archive.js';
import { memoryRegistryGuardState, type RegistryGuardState } from './registry/registry-guard-state.js';

export interface Stores {
  /** For the start-up banner: which store, and where. */
  description: string;
  decisionLog: DecisionLog;
  rulesetArchive: RulesetArchive;
  payments: PaymentRepository;
  alboAccounts: AlboAccountRepository;
  alboFleets: FleetRepository;
  alboTickets: AssistanceTicketRepository;
  cnsApplications: CnsApplicationRepository;
  cnsAgenda: AppointmentAgenda;
  /** Rate-limit counters: shared by every instance when they are in MongoDB. */
  rateLimiter: RateLimiter;
  /** The PEC check's call quota and answer cache: shared by every instance when they are in MongoDB. */
  registryGuard(maxCallsPerMinute: number): RegistryGuardState;
  /** Answers when the store can be reached (readiness); throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function memoryStores(): Stores {
  return {
    description: 'memory (embedded default: data lasts as long as the process)',
    decisionLog: new MemoryDecisionLog(),
    rulesetArchive: new MemoryRulesetArchive(),
    payments: new MemoryPaymentRepository(),
    alboAccounts: new MemoryAlboAccounts(),
    alboFleets: new MemoryAlboFleets(),
    alboTickets: new MemoryAlboTickets(),
    cnsApplications: new MemoryCnsApplications(),
    cnsAgenda: new MemoryCnsAgenda(),
    rateLimiter: new MemoryRateLimiter(),
    registryGuard: (maxCallsPerMinute) => memoryRegistryGuardState(maxCallsPerMinute),
    ping: async () => {},
    close: async () => {},
  };
}
