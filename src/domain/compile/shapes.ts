// Objects whose keys are only known at run time (`renameFields`, `withField`) are slow to build in
// V8 when the keys are stored one by one (each store misses its inline cache), and fast from an
// object literal. So a compiled call site keeps, for the few key lists its items actually have, a
// function made once per key list that builds the answer as an object literal: what a JIT's
// polymorphic inline cache does. Past a few key lists the site stops making builders and hands its
// lists to the library function.
//
// Keys enter the generated source only as JSON string literals. As elsewhere in compile/, values are
// JSON data (parsed bodies, stored decisions, suites): own enumerable string keys, no accessors, no
// symbol keys, so an item's `Object.keys` are exactly what a spread or `Object.entries` would copy.
import { literal } from './source.js';

export type Builder = (item: Record<string, unknown>, value: unknown) => Record<string, unknown>;

/** The most key lists a site makes builders for (V8's own polymorphic limit is 4). */
const MAX_SHAPES = 4;

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** A literal's key: `"__proto__": x` would set the prototype, `["__proto__"]: x` defines the key. */
const keyCode = (key: string): string => (key === '__proto__' ? `[${literal(key)}]` : literal(key));

export class BuilderCache {
  private readonly keyLists: Array<readonly string[]> = [];
  private readonly builders: Array<Builder | null> = [];

  /** `make` gives the builder for a key list, or null when that list is left to the library. */
  constructor(private readonly make: (keys: readonly string[]) => Builder | null) {}

  /** The builder for `item`'s keys; null: use the library function. */
  builderFor(item: object): Builder | null {
    const keys = Object.keys(item);
    for (let i = 0; i < this.keyLists.length; i++)
      if (sameKeys(keys, this.keyLists[i] as readonly string[])) return this.builders[i] as Builder | null;
    if (this.keyLists.length >= MAX_SHAPES) return null;
    const builder = this.make(keys);
    this.keyLists.push(keys);
    this.builders.push(builder);
    return builder;
  }
}

/** `{[target[i]]: item[keys[i]], …}` in key order, as assigning each in turn would (last one wins). */
function literalBuilder(lead: string | null, keys: readonly string[], targets: readonly string[]): Builder {
  const entries = keys.map((key, i) => `${keyCode(targets[i] as string)}: item[${literal(key)}]`);
  if (lead !== null) entries.unshift(`${keyCode(lead)}: value`);
  return new Function('item', 'value', `"use strict"; return {${entries.join(', ')}};`) as Builder;
}

/** Builders for `renameFields` under a fixed table: each key renamed to `renames[key] ?? key`. */
export const renamingBuilders = (renames: Record<string, unknown>): BuilderCache =>
  new BuilderCache((keys) => {
    const targets = keys.map((key) => renames[key] ?? key);
    // A target that is not a string (a number, an object…) becomes a key by conversion: left to the library.
    if (!targets.every((t): t is string => typeof t === 'string')) return null;
    return literalBuilder(null, keys, targets);
  });

/** Builders for `withField`: `{[field]: value, ...item}`. */
export const leadingFieldBuilders = (field: string): BuilderCache =>
  new BuilderCache((keys) => literalBuilder(field, keys, keys));
