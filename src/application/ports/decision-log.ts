import type { Messages, Violation } from '../../domain/types.js';

/** One decision made through the API [E-LOG]; secret facts are left out, personal ones masked. */
export interface LoggedDecision {
  id: string;
  time: string;
  policy: string;
  rulesetHash: string;
  at: string;
  facts: Record<string, unknown>;
  /** Names of facts removed as secret; replay then uses the logged derived facts instead. */
  redacted: string[];
  /** JSON pointers of the personal facts whose values were masked (policy `personalFacts`). */
  masked?: string[];
  /** Derived facts, kept only when facts were redacted or masked. */
  computed?: Record<string, unknown>;
  outcome: 'allow' | 'deny';
  violations: Violation[];
  outputs: Record<string, unknown>;
}

export type { Messages };

/** Which logged decisions to list: all bounds optional, combined with "and". */
export interface DecisionQuery {
  /** Only decisions logged at or after this instant (ISO 8601, compared as `time`). */
  since?: string;
  policy?: string;
  /** The latest `limit` decisions matching (required: a log grows without end). */
  limit: number;
}

/** Append-only log of decisions. */
export interface DecisionLog {
  append(entry: LoggedDecision): Promise<void>;
  get(id: string): Promise<LoggedDecision | null>;
  /** The latest `query.limit` decisions matching, oldest first by `time` (decisions of one instant in an order of the adapter's choosing). */
  list(query: DecisionQuery): Promise<LoggedDecision[]>;
}
