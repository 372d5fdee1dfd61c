// One reader for whole-number environment variables, so every one says the same thing when wrong.

/** `env[name]` as an integer in [min, max]; unset: `fallback`; anything else: an error naming it. */
export function integerIn(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  errors: string[],
): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    errors.push(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
    return fallback;
  }
  return value;
}
