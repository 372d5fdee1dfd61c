// Errors as `application/problem+json` (RFC 9457) [§5]. Each stable `code` has exactly one HTTP
// status and title, so a caller can branch on `code` and trust `status` to agree.

export const PROBLEMS = {
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  INVALID_REQUEST: { status: 400, title: "The request breaks the operation's schema" },
  UNAUTHENTICATED: { status: 401, title: 'A valid API key is required' },
  FORBIDDEN: { status: 403, title: "The API key's role does not allow this operation" },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  UNKNOWN_POLICY: { status: 404, title: 'No policy with this id' },
  UNKNOWN_DECISION: { status: 404, title: 'No decision with this id' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'The path does not answer this method' },
  RULESET_UNAVAILABLE: { status: 409, title: 'The ruleset that made this decision is no longer available' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be application/json' },
  INVALID_FACTS: { status: 422, title: "The facts break the policy's schema" },
  INVALID_FIELDS: { status: 422, title: 'The request is well-formed but some fields are not acceptable' },
  POLICY_DENIED: { status: 422, title: 'A policy refused the request' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  UNKNOWN_PAYMENT: { status: 404, title: 'No payment with this notice or position' },
  AMOUNT_MISMATCH: { status: 422, title: 'The amount paid differs from the amount due' },
  RECEIPT_CONFLICT: { status: 409, title: 'The payment already has a different receipt' },
  CREDITOR_MISMATCH: { status: 422, title: 'The receipt names another creditor than the position' },
  PAYMENT_EXPIRED: { status: 422, title: 'The receipt is dated after the due date of the position' },
  RECEIPT_NOT_CONFIRMED: { status: 422, title: 'pagoPA GPD does not show the position paid by this receipt' },
  PAYMENT_GATEWAY_UNAVAILABLE: { status: 503, title: 'pagoPA GPD could not be asked; notify again later' },
  NO_VERSION_IN_FORCE: { status: 422, title: 'No version of the policy is in force on the evaluation date' },
  EVALUATION_FAILED: { status: 422, title: 'The policy could not be evaluated on these facts' },
  RULES_INVALID: { status: 422, title: 'The rule files are invalid; the previous set keeps serving' },
  RULES_UNREADABLE: { status: 503, title: 'The rules folder cannot be read; the previous set keeps serving' },
  // Road-haulage register procedure.
  COMPANY_NOT_IN_REGISTER: { status: 422, title: 'The company is not in the road-haulage register' },
  ALREADY_REGISTERED: { status: 409, title: 'The company is already registered to the portal' },
  INVALID_CREDENTIALS: { status: 401, title: 'Wrong matricola or password' },
  ACCOUNT_SUSPENDED: { status: 403, title: 'The account is suspended' },
  CURRENT_PASSWORD_WRONG: { status: 422, title: 'The current password is wrong' },
  UNKNOWN_ACCOUNT: { status: 404, title: 'No account with this matricola' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'The password must be changed first' },
  RESET_REQUEST_NOT_MATCHED: { status: 422, title: 'The matricola and register number match no account' },
  RESET_PHONE_MISMATCH: { status: 422, title: 'The telephone number is not the one given at registration' },
  UNKNOWN_RESET_REQUEST: { status: 404, title: 'No password-reset request with this id' },
  RESET_ALREADY_APPROVED: { status: 409, title: 'The password-reset request was already approved' },
  INVALID_FLEET: { status: 422, title: 'The fleet is not valid' },
  PAYMENT_NOT_PAID: { status: 409, title: 'The payment has not been paid yet' },
  INVALID_SCREENSHOT: { status: 422, title: 'The screenshot is not accepted' },
  UNKNOWN_TICKET: { status: 404, title: 'No assistance ticket with this id' },
  PARAMETER_MISSING: { status: 503, title: 'A parameter the procedure needs is missing from the rules' },
  // CNS issuance procedure.
  UNKNOWN_APPLICATION: { status: 404, title: 'No CNS application with this id' },
  UNKNOWN_SLOT: { status: 404, title: 'No appointment slot with this id' },
  SLOT_TAKEN: { status: 409, title: 'The appointment slot is no longer free' },
  APPOINTMENT_ALREADY_BOOKED: { status: 409, title: 'The application already holds an appointment' },
  APPLICATION_STATE_CONFLICT: { status: 409, title: 'The application is not in a state that allows this' },
  PAYMENT_POSITION_PENDING: { status: 503, title: 'The pagoPA position is not created yet' },
  STORE_UNAVAILABLE: { status: 503, title: 'The data store is unavailable' },
  DEADLINE_EXCEEDED: { status: 503, title: 'The service could not answer in time' },
  // Recognition by CNS: proof of possession of the card's authentication certificate.
  CNS_RECOGNITION_NOT_CONFIGURED: {
    status: 503,
    title: 'Recognition by CNS is not configured (no trust anchors)',
  },
  CLIENT_CERTIFICATE_MISSING: { status: 422, title: 'No card certificate was presented' },
  UNTRUSTED_PROXY: {
    status: 403,
    title: 'A client certificate came from an address that is not a trusted proxy',
  },
  INVALID_CERTIFICATE: { status: 422, title: 'The certificate is malformed or lacks what recognition reads' },
  UNTRUSTED_CERTIFICATE: { status: 422, title: 'The certificate does not chain to a CNS trust anchor' },
  CERTIFICATE_NOT_YET_VALID: { status: 422, title: 'The certificate is not valid yet' },
  BAD_SIGNATURE: { status: 422, title: "The signature over the challenge is not the certificate's" },
  NONCE_UNKNOWN: { status: 422, title: 'The challenge nonce is unknown, replaced or already used' },
  NONCE_EXPIRED: { status: 422, title: 'The challenge nonce has expired' },
  INVALID_FISCAL_CODE: { status: 422, title: 'The codice fiscale in the certificate is not valid' },
  // Sessions and limits.
  RATE_LIMITED: { status: 429, title: 'Too many requests; retry after the time given' },
  BUSY: { status: 503, title: 'The service is busy; retry after the time given' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** A request field that is wrong: JSON Pointer into the facts (or the body, for request fields). */
export interface FieldViolation {
  field: string;
  reason: string;
}

/** A rule file that is wrong: file under rules/, JSON Pointer inside it. */
export interface RuleFileViolation {
  file: string;
  path: string;
  /** Where `path` is in the file (1-based). */
  line?: number;
  column?: number;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  violations?: FieldViolation[] | RuleFileViolation[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: problemType(code), title, status, detail, code, ...extensions };
}

/** A URN rather than a URL: stable, and it does not pretend to be a page someone can open. */
export function problemType(code: ProblemCode): string {
  return `urn:pa-policy-engine:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}
