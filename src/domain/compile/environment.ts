// What compiling one policy version knows: which names are derived facts (and their slots), and
// which parameters the version reads (each gets a slot, filled per evaluation date).
import { entryInForce } from '../parameters.js';
import type { DatedValue, Parameter } from '../types.js';
import type { Eval } from './scope.js';

/** Thrown while compiling when a version uses something only the reference engine handles. */
export class NotCompilable extends Error {}

export class CompileEnvironment {
  readonly derivedNames: string[];
  private readonly derivedSlots: Map<string, number>;
  private readonly paramSlots = new Map<string, number>();
  private readonly paramHistories: Array<readonly DatedValue[] | null> = [];

  constructor(
    computed: Record<string, unknown>,
    private readonly parameters: ReadonlyMap<string, Parameter>,
  ) {
    this.derivedNames = Object.keys(computed);
    this.derivedSlots = new Map(this.derivedNames.map((name, slot) => [name, slot]));
  }

  derivedSlot(name: string): number | undefined {
    return this.derivedSlots.get(name);
  }

  /** A fact as expressions and messages read it (the reference's `EvaluationContext.fact`). */
  exprFact(name: string): Eval {
    if (name === 'at') return (s) => s.at;
    const slot = this.derivedSlot(name);
    if (slot !== undefined) return (s) => s.computed(slot);
    return (s) => s.facts[name] ?? null;
  }

  paramSlot(name: string): number {
    let slot = this.paramSlots.get(name);
    if (slot === undefined) {
      slot = this.paramHistories.length;
      this.paramSlots.set(name, slot);
      this.paramHistories.push(this.parameters.get(name)?.history ?? null);
    }
    return slot;
  }

  /** The whole history, as `paramHistory` returns it (a fresh empty list when unknown, as the reference). */
  history(name: string): () => readonly DatedValue[] {
    const history = this.parameters.get(name)?.history;
    return history ? () => history : () => [];
  }

  /** The value of a parameter on a date other than `at` (`{param, asOf}`). */
  valueOn(name: string): (date: string) => unknown {
    const history = this.parameters.get(name)?.history;
    return history ? (date) => entryInForce(history, date)?.value ?? null : () => null;
  }

  /** Every parameter slot's value in force on `at`; computed once per date and version. */
  paramResolver(): (at: string) => readonly unknown[] {
    const histories = [...this.paramHistories];
    const byDate = new Map<string, readonly unknown[]>();
    return (at) => {
      let values = byDate.get(at);
      if (values === undefined) {
        values = histories.map((h) => (h ? (entryInForce(h, at)?.value ?? null) : null));
        // Evaluation dates are few; the bound only keeps a date-scanning client from growing it.
        if (byDate.size >= 4096) byDate.clear();
        byDate.set(at, values);
      }
      return values;
    };
  }
}
