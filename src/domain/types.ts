// The shapes of the engine: rule files as parsed, the loaded ruleset, decisions and traces.
// Dates are ISO `YYYY-MM-DD` strings in Europe/Rome; money is integer euro cents.

/** One entry of a dated history: the value is in force from `from` (inclusive) until the next entry. */
export interface DatedValue<T = unknown> {
  from: string;
  value: T;
  source: string;
}

export interface Parameter<T = unknown> {
  name: string;
  description: string;
  spec?: string[];
  unit?: string;
  /** Sorted by `from`, strictly increasing. `value: null` means "unset from this date". */
  history: DatedValue<T>[];
  /** Where the parameter was declared (relative path under rules/). */
  file: string;
}

/**
 * Expressions compute derived facts and outputs. A plain string, number, boolean or null is a
 * literal; an array is an array of expressions; an object is exactly one of the forms below.
 */
export type Expr =
  | string
  | number
  | boolean
  | null
  | Expr[]
  | { fact: string; path?: string }
  | { param: string; asOf?: Expr }
  | { paramHistory: string }
  | { const: unknown }
  | { fn: string; args?: Record<string, Expr> };

export interface RuleEvent {
  /** `violation`: the rule's conditions describe a broken requirement; `output`: they select outputs. */
  type: 'violation' | 'output';
  params?: {
    code?: string;
    /** Outputs set when the rule fires, overriding the version's defaults. */
    outputs?: Record<string, Expr>;
  };
}

/** A rule in json-rules-engine format plus the metadata every rule must carry [E-FILES]. */
export interface RuleDef {
  name: string;
  description: string;
  source: string;
  priority?: number;
  conditions: ConditionDef;
  event: RuleEvent;
}

export type ConditionDef =
  | { all: ConditionDef[] }
  | { any: ConditionDef[] }
  | { not: ConditionDef }
  | {
      fact: string;
      operator: string;
      value: unknown;
      path?: string;
      params?: Record<string, unknown>;
    };

export interface PolicyVersion {
  effectiveFrom: string;
  /** Inclusive; null when open-ended. */
  effectiveTo: string | null;
  computed: Record<string, Expr>;
  outputs: Record<string, Expr>;
  rules: RuleDef[];
}

export interface Messages {
  it: string;
  en: string;
}

export interface Policy {
  id: string;
  title: string;
  spec: string[];
  sources: string[];
  assumptions: string[];
  /** JSON Schema of the facts (validated outside the domain, through a port). */
  facts: Record<string, unknown>;
  /** Top-level facts never written to the decision log (replaced by the derived facts). */
  secretFacts: string[];
  /**
   * JSON pointers (`/contact/email`) of personal data, masked in the decision log; replay then
   * uses the logged derived facts, so it gives the same answer when rules read only those.
   */
  personalFacts: string[];
  /** A fact whose value is the evaluation date when none is given (e.g. `paymentDate`). */
  defaultAt?: string;
  messages: Record<string, Messages>;
  versions: PolicyVersion[];
  /** Relative path under rules/. */
  file: string;
}

export interface Ruleset {
  /** Content hash of every loaded rule file. */
  hash: string;
  policies: ReadonlyMap<string, Policy>;
  parameters: ReadonlyMap<string, Parameter>;
}

export interface Violation {
  code: string;
  message: Messages;
  rule: string;
  source: string;
}

export interface ConditionTrace {
  /** Present on leaves. */
  fact?: string;
  params?: Record<string, unknown>;
  path?: string;
  operator?: string;
  /** The expected value as written in the rule (may be a fact reference). */
  value?: unknown;
  /** The fact value seen. */
  factResult?: unknown;
  /** The expected value after resolving fact references. */
  valueResult?: unknown;
  /** true/false; undefined when the condition was not evaluated (short-circuit). */
  result?: boolean;
  all?: ConditionTrace[];
  any?: ConditionTrace[];
  not?: ConditionTrace;
}

export interface RuleTrace {
  name: string;
  description: string;
  source: string;
  priority: number;
  effect: 'violation' | 'output';
  code?: string;
  /** Whether the rule's conditions held (a violation rule that fired reports a violation). */
  fired: boolean;
  conditions: ConditionTrace;
}

export interface ParameterUse {
  name: string;
  /** The date the value was looked up for (usually `at`). */
  asOf: string;
  value: unknown;
  from: string | null;
  source: string | null;
}

export interface Trace {
  rules: RuleTrace[];
  parameters: ParameterUse[];
  computed: Record<string, unknown>;
}

export interface Decision {
  policy: string;
  title: string;
  version: { effectiveFrom: string; effectiveTo: string | null };
  rulesetHash: string;
  at: string;
  outcome: 'allow' | 'deny';
  violations: Violation[];
  outputs: Record<string, unknown>;
  /** Rules whose conditions held / did not hold, by name: the auditor's coverage input. */
  ruleResults: Record<string, boolean>;
  /** Values of the derived facts the evaluation computed (kept for replay of redacted facts). */
  computed: Record<string, unknown>;
  trace?: Trace;
}

/** Errors as values with stable codes at the domain boundary. */
export type EvaluationError =
  | { code: 'UNKNOWN_POLICY'; policy: string }
  | { code: 'INVALID_AT'; at: unknown }
  | { code: 'NO_VERSION_IN_FORCE'; policy: string; at: string }
  | { code: 'EVALUATION_FAILED'; policy: string; reason: string; rule?: string };

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/**
 * A value now, or a promise of one when it needs asynchronous work (graphql-js's PromiseOrValue):
 * a caller that awaits gets the same either way, and a bulk caller that awaits only promises pays
 * no promise and microtask for what is ready.
 */
export type PromiseOrValue<T> = T | Promise<T>;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
