// The state of one compiled evaluation: the request's facts and date, derived facts memoised on
// first use (as the reference's EvaluationContext does), and the parameter values in force on `at`.

/** A compiled expression or fact accessor: reads what it needs from the scope. */
export type Eval = (scope: Scope) => unknown;

/** What a Scope needs from its compiled version to compute derived facts. */
export interface DerivedFacts {
  readonly names: readonly string[];
  readonly exprs: readonly Eval[];
}

const UNSET: unique symbol = Symbol('unset');

export class Scope {
  private readonly values: unknown[];

  constructor(
    private readonly derived: DerivedFacts,
    readonly facts: Record<string, unknown>,
    readonly at: string,
    readonly overrides: Record<string, unknown>,
    /** Values of the version's parameters in force on `at`, by parameter slot. */
    readonly params: readonly unknown[],
  ) {
    this.values = new Array<unknown>(derived.names.length).fill(UNSET);
  }

  /** Derived fact number `slot`: the override when replaying, else its expression, once. */
  computed(slot: number): unknown {
    const memo = this.values[slot];
    if (memo !== UNSET) return memo;
    const name = this.derived.names[slot] as string;
    // `in`, not hasOwn: the reference tests `name in overrides` and so must we.
    const value = name in this.overrides ? this.overrides[name] : (this.derived.exprs[slot] as Eval)(this);
    this.values[slot] = value;
    return value;
  }
}
