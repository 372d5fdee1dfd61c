// Small, mostly type-preserving edits of suite facts, so that many mutants still pass the policy's
// facts schema and reach the rules: numbers nudged across thresholds, dates shifted by days, strings
// swapped with other strings of the same facts (equal/unequal pairs), list items dropped or doubled,
// optional fields dropped.
import fc from 'fast-check';

export interface Mutation {
  node: number;
  op: number;
  n: number;
  s: string;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  node: fc.nat(),
  op: fc.nat(),
  n: fc.integer({ min: -400, max: 400 }),
  s: fc.string({ maxLength: 12 }),
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

type Container = Record<string, unknown> | unknown[];
type Slot = { parent: Container; key: string | number };

function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (value === null || typeof value !== 'object') return out;
  const container = value as Container;
  const keys: Array<string | number> = Array.isArray(container)
    ? container.map((_, i) => i)
    : Object.keys(container);
  for (const key of keys) {
    out.push({ parent: container, key });
    slots((container as Record<string | number, unknown>)[key], out);
  }
  return out;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(strings);
}

function mutateValue(value: unknown, m: Mutation, pool: string[]): unknown {
  if (typeof value === 'number') {
    const choices = [value + 1, value - 1, value + m.n, 0, -value, value * 2, Math.trunc(value / 2), m.n];
    return choices[m.op % choices.length];
  }
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) {
      const choices = [
        shiftDate(value, m.n),
        shiftDate(value, 1),
        shiftDate(value, -1),
        shiftDate(value, m.n * 30),
      ];
      return choices[m.op % choices.length];
    }
    const other = pool.length > 0 ? pool[Math.abs(m.n) % pool.length] : value;
    const choices = [
      m.s,
      other,
      `${value}${m.s}`,
      value.slice(0, Math.abs(m.n) % (value.length + 1)),
      value.toUpperCase(),
    ];
    return choices[m.op % choices.length];
  }
  if (Array.isArray(value)) {
    const copy = [...value];
    const i = Math.abs(m.n) % Math.max(copy.length, 1);
    if (m.op % 3 === 0) copy.splice(i, 1);
    else if (m.op % 3 === 1 && copy.length > 0) copy.splice(i, 0, structuredClone(copy[i]));
    else copy.length = 0;
    return copy;
  }
  return value;
}

/** `facts` with the mutations applied (a copy; the suite's facts are left alone). */
export function mutateFacts(
  facts: Record<string, unknown>,
  mutations: readonly Mutation[],
): Record<string, unknown> {
  const copy = structuredClone(facts);
  for (const m of mutations) {
    const all = slots(copy);
    if (all.length === 0) break;
    const { parent, key } = all[m.node % all.length] as Slot;
    // One edit in five drops the field (an optional one survives the schema) instead of changing it.
    if (!Array.isArray(parent) && m.op % 5 === 4) {
      delete parent[key as string];
      continue;
    }
    const target = parent as Record<string | number, unknown>;
    target[key] = mutateValue(target[key], m, strings(copy));
  }
  return copy;
}

/** A date from 2015-01-01 to 2031-12-31. */
export const dateArb: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 6208 })
  .map((days) => shiftDate('2015-01-01', days));
