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

/** Append-only log of decisions. */
export interface DecisionLog {
  append(entry: LoggedDecision): Promise<void>;
  get(id: string): Promise<LoggedDecision | null>;
}
