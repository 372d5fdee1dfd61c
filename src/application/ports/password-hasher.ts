/** Slow, salted password hashing; `verify` compares in constant time. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

/**
 * Thrown by a hasher whose queue is full: the request is refused before any work or state change
 * (the HTTP adapter answers 503 with Retry-After).
 */
export class PasswordHasherBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('password hashing is at capacity');
    this.name = 'PasswordHasherBusy';
  }
}
