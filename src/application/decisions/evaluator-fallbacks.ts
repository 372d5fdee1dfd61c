// Each time json-rules-engine answers instead of the compiled evaluator (much slower: bench:engine),
// counted for GET /v1/rules/status and told to `report` (the adapters log it), never silent.
import type { EvaluatorFallback } from '../../domain/evaluate.js';

export interface EvaluatorFallbackCounts {
  total: number;
  /** By policy id, then by reason (`not-compilable`, `evaluation-failed`). */
  byPolicy: Record<string, Partial<Record<EvaluatorFallback['reason'], number>>>;
}

export class EvaluatorFallbacks {
  private total = 0;
  private readonly byPolicy = new Map<string, Partial<Record<EvaluatorFallback['reason'], number>>>();

  constructor(private readonly report: (fallback: EvaluatorFallback) => void = () => {}) {}

  readonly record = (fallback: EvaluatorFallback): void => {
    this.total++;
    const reasons = this.byPolicy.get(fallback.policy) ?? {};
    reasons[fallback.reason] = (reasons[fallback.reason] ?? 0) + 1;
    this.byPolicy.set(fallback.policy, reasons);
    this.report(fallback);
  };

  counts(): EvaluatorFallbackCounts {
    return { total: this.total, byPolicy: Object.fromEntries(this.byPolicy) };
  }
}
