/** Who a bearer token speaks for, besides API keys (see the HTTP adapter). */
export type Principal =
  | {
      kind: 'company';
      matricola: string;
      scope: 'full' | 'payment-only';
      /** Until the first password change, the token allows nothing but changing it [P-PASSWORD]. */
      passwordChangeRequired: boolean;
      /** The account's session epoch when issued: a suspension, password change, reset or logout ends it. */
      epoch: number;
    }
  | {
      kind: 'applicant';
      applicationId: string;
      /** The application's session epoch when issued: the applicant's logout ends it. */
      epoch: number;
    };

/** Short-lived signed tokens for companies (after login) and CNS applicants (at application). */
export interface TokenIssuer {
  issue(principal: Principal, ttlSeconds: number): Promise<string>;
  /** The principal, or null for a token that is malformed, forged or expired. */
  verify(token: string): Promise<Principal | null>;
}
