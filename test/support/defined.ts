/** `value`, or a thrown error naming what is missing: a checked `!` for the set-up of a test. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found none`);
  return value;
}
