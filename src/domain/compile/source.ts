// Source text for one compiled version. Nothing from a rule file is ever written into it as code:
// names appear only as JSON string literals, and every other value (objects, functions, parameter
// histories) is passed in a constant pool and referred to as k0, k1, … .

export class Source {
  private readonly pool: unknown[] = [];
  private readonly indexOf = new Map<unknown, number>();
  private readonly functions: string[] = [];
  private readonly functionNames = new Map<string, string>();

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

  /**
   * A function of the generated module, `f0`, `f1`, …: `code(name)` is its declaration. The same
   * declaration asked for twice is declared once.
   */
  function(code: (name: string) => string): string {
    const template = code('$NAME$');
    let name = this.functionNames.get(template);
    if (name === undefined) {
      name = `f${this.functions.length}`;
      this.functions.push(code(name));
      this.functionNames.set(template, name);
    }
    return name;
  }

  /** `k0 = K[0], …` and the generated functions: the top of the generated module. */
  declarations(): string {
    const constants =
      this.pool.length === 0 ? '' : `const ${this.pool.map((_, i) => `k${i} = K[${i}]`).join(', ')};`;
    return [constants, ...this.functions].join('\n');
  }

  constants(): readonly unknown[] {
    return this.pool;
  }
}

export const literal = (name: string): string => JSON.stringify(name);
