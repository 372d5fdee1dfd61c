// Source text for one compiled version. Nothing from a rule file is ever written into it as code:
// names appear only as JSON string literals, and every other value (objects, functions, parameter
// histories) is passed in a constant pool and referred to as k0, k1, … .

export class Source {
  private readonly pool: unknown[] = [];
  private readonly indexOf = new Map<unknown, number>();

  /** An identifier bound to `value` (the same one for the same value). */
  constant(value: unknown): string {
    let i = this.indexOf.get(value);
    if (i === undefined) {
      i = this.pool.length;
      this.pool.push(value);
      this.indexOf.set(value, i);
    }
    return `k${i}`;
  }

  /** A literal for primitives (strings as JSON literals), a constant for anything else. */
  value(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'boolean' || value === null) return String(value);
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return `(${value})`;
    return this.constant(value);
  }

  /** `k0 = K[0], …`: the pool as declarations at the top of the generated module. */
  declarations(): string {
    return this.pool.length === 0 ? '' : `const ${this.pool.map((_, i) => `k${i} = K[${i}]`).join(', ')};`;
  }

  constants(): readonly unknown[] {
    return this.pool;
  }
}

export const literal = (name: string): string => JSON.stringify(name);
