// Where the service keeps its data: every repository port, chosen together (MONGODB_URI: MongoDB;
// unset: memory, the embedded default). The composition root binds whatever this returns.
import type { PaymentRepository } from '../application/payments/payment-repository.js';
import type { DecisionLog } from '../application/ports/decision-log.js';
import type { RateLimiter } from '../application/ports/rate-limiter.js';
import type { RulesetArchive } from '../application/ports/ruleset-archive.js';
import type { RulesetPublications } from '../application/ports/ruleset-publications.js';
import { MemoryDecisionLog } from './memory/memory-decision-log.js';
import { MemoryPaymentRepository } from './memory/memory-payment-repository.js';
import { MemoryRateLimiter } from './memory/memory-rate-limiter.js';
import { MemoryRulesetArchive } from './memory/memory-ruleset-archive.js';
import { MemoryRulesetPublications } from './memory/memory-ruleset-publications.js';
import type { Procedure, ProcedureStores } from './procedure.js';
import { PROCEDURES } from './procedures.js';

export interface Stores {
  /** For the start-up banner: which store, and where. */
  description: string;
  decisionLog: DecisionLog;
  rulesetArchive: RulesetArchive;
  /** The rule sets published for instances that follow the store (RULES_SOURCE=store). */
  rulesetPublications: RulesetPublications;
  payments: PaymentRepository;
  /** Rate-limit counters: shared by every instance when they are in MongoDB. */
  rateLimiter: RateLimiter;
  /** Each procedure's repositories, by procedure name. */
  procedures: ReadonlyMap<string, ProcedureStores>;
  /** Answers when the store can be reached (readiness); throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Each procedure's repositories on one store, by procedure name. */
export function procedureStores(
  procedures: readonly Procedure[],
  open: (stores: NonNullable<Procedure['stores']>) => ProcedureStores,
): ReadonlyMap<string, ProcedureStores> {
  return new Map(procedures.flatMap((p) => (p.stores ? [[p.name, open(p.stores)] as const] : [])));
}

export function memoryStores(procedures: readonly Procedure[] = PROCEDURES): Stores {
  return {
    description: 'memory (embedded default: data lasts as long as the process)',
    decisionLog: new MemoryDecisionLog(),
    rulesetArchive: new MemoryRulesetArchive(),
    rulesetPublications: new MemoryRulesetPublications(),
    payments: new MemoryPaymentRepository(),
    rateLimiter: new MemoryRateLimiter(),
    procedures: procedureStores(procedures, (s) => s.memory()),
    ping: async () => {},
    close: async () => {},
  };
}
