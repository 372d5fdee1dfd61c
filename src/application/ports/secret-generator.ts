/** Random secrets: tokens, PINs, temporary passwords. */
export interface SecretGenerator {
  /** URL-safe random token with at least `bytes` bytes of entropy. */
  token(bytes?: number): string;
  /** `length` random decimal digits (PIN, PUK, codes). */
  digits(length: number): string;
  /** A temporary password with a digit, an upper-case letter and a symbol, `length` characters. */
  temporaryPassword(length?: number): string;
}
