// The decision as published [E-DECISION]: the evaluation's internals (which rules held, the derived
// facts) are for auditors, so they travel only inside the trace, when one was asked for.
import type { LoggedDecision } from '../../application/ports/decision-log.js';
import type { Decision, Trace } from '../../domain/types.js';

export type PublishedDecision<D extends Decision> = Omit<D, 'ruleResults' | 'computed' | 'trace'> & {
  trace?: Trace & { ruleResults: Record<string, boolean> };
};

export function decisionView<D extends Decision>(decision: D): PublishedDecision<D> {
  const { ruleResults, computed: _computed, trace, ...published } = decision;
  return trace ? { ...published, trace: { ...trace, ruleResults } } : published;
}

/** A logged decision as published: its id is `decisionId`, the name a decision's answer gives it. */
export function loggedDecisionView(
  entry: LoggedDecision,
): Omit<LoggedDecision, 'id'> & { decisionId: string } {
  const { id, ...rest } = entry;
  return { decisionId: id, ...rest };
}
