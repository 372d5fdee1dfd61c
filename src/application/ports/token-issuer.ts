/** Who a bearer token speaks for, besides API keys (see the HTTP adapter). */
export type Principal =
  | {
      kind: 'company';
      matricola: string;
      scope: 'full' | 'payment-only';
      /** Until the first password change, the token allows nothing but changing it [P-PASSWORD]. */
      passwordChangeRequired: boolean;
    }
  | { kind: 'applicant'; applicationId: string };

/** Short-lived signed tokens for companies (after login) and CNS applicants (at application). */
export interface TokenIssuer {
  issue(principal: Principal, ttlSeconds: number): Promise<string>;
  /** The principal, or null for a token that is malformed, forged or expired. */
  verify(token: string): Promise<Principal | null>;
}
