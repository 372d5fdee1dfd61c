// Procedures hand policies the context they have, and the policy's own facts schema picks what it
// reads. So a maintainer who declares a new optional fact the context holds (the company's seat,
// say) gets it from the running procedure without a code change, and the decision log keeps only
// what the schema picked: the rest of the context is neither evaluated nor logged.

/**
 * What a procedure knows when it asks a policy: plain JSON-like values by name. A top-level member
 * may be `lazy(…)` when loading it costs a read: it is loaded only for a policy that declares it.
 */
export type PolicyContext = Readonly<Record<string, unknown>>;

/** A context member loaded on first use, once, however many policies read it. */
export class Lazy<T> {
  private loaded: Promise<T> | undefined;
  constructor(private readonly load: () => Promise<T>) {}
  get(): Promise<T> {
    this.loaded ??= this.load();
    return this.loaded;
  }
}

export const lazy = <T>(load: () => Promise<T>): Lazy<T> => new Lazy(load);

type Schema = Readonly<Record<string, unknown>>;

/**
 * The facts a policy reads from a context: at the top level only the properties its schema
 * declares; inside a declared object whose schema lists `properties` with
 * `additionalProperties: false`, only those (recursively), and likewise in each element of an array
 * whose `items` is such a schema. A member the context lacks (or holds as undefined) is left out,
 * never set to null; null is kept, being a value. Anything else is handed over as it is, so a
 * value of the wrong shape still reaches the schema check and is refused there, with its field.
 */
export function factsFor(schema: Schema, context: PolicyContext): Record<string, unknown> {
  return pickDeclared(isObject(schema.properties) ? schema.properties : {}, context);
}

/** `factsFor` after loading the lazy members the schema declares. */
export async function factsFromContext(
  schema: Schema,
  context: PolicyContext,
): Promise<Record<string, unknown>> {
  const declared = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  const loaded: Record<string, unknown> = {};
  for (const name of declared) {
    if (!Object.hasOwn(context, name)) continue;
    const value = context[name];
    define(loaded, name, value instanceof Lazy ? await value.get() : value);
  }
  return factsFor(schema, loaded);
}

function pickDeclared(properties: Schema, value: PolicyContext): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (!Object.hasOwn(value, name) || value[name] === undefined) continue;
    define(picked, name, pick(schema, value[name]));
  }
  return picked;
}

function pick(schema: unknown, value: unknown): unknown {
  if (!isObject(schema)) return value;
  if (Array.isArray(value)) {
    const items = schema.items;
    return isObject(items) ? value.map((element) => pick(items, element)) : value;
  }
  if (isObject(value) && closed(schema)) return pickDeclared(schema.properties as Schema, value);
  return value;
}

/** A schema that refuses undeclared properties: the ones to keep are exactly those listed. */
const closed = (schema: Schema): boolean =>
  schema.additionalProperties === false && isObject(schema.properties);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A fact named like an Object.prototype member (`__proto__`) stays an own, plain property.
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A record as a context member: members that are null or undefined left out (here and in nested
 * objects), so a schema that declares an optional object or string needs no `null` alternative.
 */
export function absentNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(absentNulls) as T;
  if (!isObject(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value))
    if (member !== null && member !== undefined) define(kept, name, absentNulls(member));
  return kept as T;
}
