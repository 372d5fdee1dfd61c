/** What a ReDoS checker says of one regular expression (Unicode mode, as the engine runs it). */
export type PatternVerdict =
  | { status: 'safe' }
  | { status: 'vulnerable'; reason: string }
  | { status: 'unknown'; reason: string };

/** Checks a regular expression for catastrophic backtracking before a rule set may use it. */
export interface PatternChecker {
  check(pattern: string, flags: string): Promise<PatternVerdict>;
}
