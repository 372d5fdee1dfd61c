// The decision as published [E-DECISION]: the evaluation's internals (which rules held, the derived
// facts) are for auditors, so they travel only inside the trace, when one was asked for.
import type { Decision, Trace } from '../../domain/types.js';

export type PublishedDecision<D extends Decision> = Omit<D, 'ruleResults' | 'computed' | 'trace'> & {
  trace?: Trace & { ruleResults: Record<string, boolean> };
};

export function decisionView<D extends Decision>(decision: D): PublishedDecision<D> {
  const { ruleResults, computed: _computed, trace, ...published } = decision;
  return trace ? { ...published, trace: { ...trace, ruleResults } } : published;
}
