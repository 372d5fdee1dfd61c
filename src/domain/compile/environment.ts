// What generating one policy version knows: its source under construction, which names are derived
// facts (each becomes a local v0, v1, … of the generated function), which parameters it reads (each
// gets a slot of `P`, resolved once per evaluation date) and which values several call sites share
// (each a lazily set local s0, s1, …).
import { entryInForce } from '../parameters.js';
import type { DatedValue, Parameter } from '../types.js';
import { literal, Source } from './source.js';

/** Thrown while compiling when a version uses something only the reference engine handles. */
export class NotCompilable extends Error {}

export class CompileEnvironment {
  readonly source = new Source();
  readonly derivedNames: string[];
  private readonly derivedSlots: Map<string, number>;
  private readonly paramSlots = new Map<string, number>();
  private readonly paramHistories: Array<readonly DatedValue[] | null> = [];
  private readonly sharedSlots = new Map<string, number>();

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

  /** The local holding derived fact `slot` (set before anything reads it, see program.ts). */
  derived(slot: number): string {
    return `v${slot}`;
  }

  /**
   * An expression evaluated at most once per evaluation, and only if some call site using it is
   * reached: `code` must be a pure function of the evaluation (the same text, the same value).
   */
  shared(code: string): string {
    let slot = this.sharedSlots.get(code);
    if (slot === undefined) {
      slot = this.sharedSlots.size;
      this.sharedSlots.set(code, slot);
    }
    return `(s${slot} !== U ? s${slot} : (s${slot} = ${code}))`;
  }

  /** The shared values' locals, each starting unset. */
  sharedLocals(): string[] {
    return Array.from({ length: this.sharedSlots.size }, (_, slot) => `s${slot} = U`);
  }

  private holders = 0;

  /** A local of the run for generated code to pass a value between two sites; null until set. */
  holder(): string {
    return `z${this.holders++}`;
  }

  /** The holders' locals, each starting null. */
  holderLocals(): string[] {
    return Array.from({ length: this.holders }, (_, n) => `z${n} = null`);
  }

  /** A fact as expressions and messages read it (the reference's `EvaluationContext.fact`). */
  exprFact(name: string): string {
    if (name === 'at') return 'at';
    const slot = this.derivedSlot(name);
    return slot !== undefined ? this.derived(slot) : `facts[${literal(name)}]`;
  }

  /** The value in force on `at` of parameter `name`. */
  param(name: string): string {
    let slot = this.paramSlots.get(name);
    if (slot === undefined) {
      slot = this.paramHistories.length;
      this.paramSlots.set(name, slot);
      this.paramHistories.push(this.parameters.get(name)?.history ?? null);
    }
    return `P[${slot}]`;
  }

  /** The whole history, as `paramHistory` gives it (a fresh empty list when unknown, as the reference). */
  history(name: string): string {
    const history = this.parameters.get(name)?.history;
    return history ? this.source.constant(history) : '[]';
  }

  /** A function giving the value of `name` on another date (`{param, asOf}`). */
  valueOn(name: string): string {
    const history = this.parameters.get(name)?.history;
    const valueOn = history ? (date: string) => entryInForce(history, date)?.value ?? null : () => null;
    return this.source.constant(valueOn);
  }

  /** Every parameter slot's value in force on `at`; computed once per date and version. */
  paramResolver(): (at: string) => readonly unknown[] {
    const histories = [...this.paramHistories];
    const byDate = new Map<string, readonly unknown[]>();
    let lastAt: string | null = null;
    let last: readonly unknown[] = [];
    return (at) => {
      if (at === lastAt) return last;
      let values = byDate.get(at);
      if (values === undefined) {
        values = histories.map((h) => (h ? (entryInForce(h, at)?.value ?? null) : null));
        // Evaluation dates are few; the bound only keeps a date-scanning client from growing it.
        if (byDate.size >= 4096) byDate.clear();
        byDate.set(at, values);
      }
      lastAt = at;
      last = values;
      return values;
    };
  }
}
