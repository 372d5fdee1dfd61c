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

/** What an auditor searches the log by [E-LOG]; every field given must match. */
export interface DecisionQuery {
  policy?: string;
  outcome?: 'allow' | 'deny';
  rulesetHash?: string;
  /** Decisions made at or after this instant (ISO 8601, UTC). */
  fromTime?: string;
  /** Decisions made strictly before this instant (ISO 8601, UTC). */
  toTime?: string;
  /** At most this many entries (1–500). */
  limit: number;
  /** The `next` of the previous page: the page goes on from there. */
  cursor?: string;
}

/** A page of matches, newest first; `next` is null on the last page. */
export interface DecisionPage {
  entries: LoggedDecision[];
  next: string | null;
}

/** Append-only log of decisions. */
export interface DecisionLog {
  append(entry: LoggedDecision): Promise<void>;
  get(id: string): Promise<LoggedDecision | null>;
  /**
   * Matching entries, newest first (by `time`; entries of the same instant in an order of the log's
   * own, the same from page to page). The cursor is opaque to
   * callers and only meaningful to the log that gave it; an unreadable one is a bad request
   * (`InvalidCursorError`).
   */
  search(query: DecisionQuery): Promise<DecisionPage>;
}

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`not a cursor this log gave: ${JSON.stringify(cursor)}`);
  }
}
