// The register procedure's part of the OpenAPI document: its paths, and its TypeBox schemas as
// components named Albo.<name>.
import type { JsonObject } from '../openapi/components.js';
import type { OpenApiContribution } from '../route-module.js';
import { ALBO_SCHEMAS } from './schemas.js';

const TAG = 'albo';
const schema = (name: keyof typeof ALBO_SCHEMAS | string): JsonObject => ({
  $ref: `#/components/schemas/Albo.${name}`,
});
const problems = (...statuses: number[]): JsonObject =>
  Object.fromEntries(statuses.map((s) => [s, { $ref: '#/components/responses/Problem' }]));
const ok = (description: string, name: string, status = 200): JsonObject => ({
  [status]: { description, content: { 'application/json': { schema: schema(name) } } },
});
const pathParam = (name: string, description: string, extra: JsonObject = {}): JsonObject => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', ...extra },
});
const matricola = pathParam('matricola', 'The company’s matricola (starts with IT).', {
  pattern: '^IT[0-9]{8}$',
});
const year = pathParam('year', 'Fee year, 2000 to 2100 (as the policies’ facts allow).', {
  type: 'integer',
  minimum: 2000,
  maximum: 2100,
  examples: [2017],
});
const statusQuery = (...values: string[]): JsonObject => ({
  name: 'status',
  in: 'query',
  required: false,
  schema: { enum: values },
});

interface Operation {
  summary: string;
  description: string;
  /** The answers besides the refusals (`ok(…)` for JSON). */
  responses: JsonObject;
  /** Refusals as problem+json, besides 401, 403 and 500 that every operation may give. */
  problems?: number[];
  /** Name of the JSON request body's schema. */
  body?: string;
}

/** An operation of the register: its id, its parameters when it has any, and the rest by name. */
function op(operationId: string, ...args: [Operation] | [params: JsonObject[], Operation]): JsonObject {
  const [params, { summary, description, responses, problems: refusals = [], body }] =
    args.length === 1 ? [undefined, args[0]] : args;
  return {
    tags: [TAG],
    operationId,
    summary,
    description,
    ...(params ? { parameters: params } : {}),
    ...(body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schema(body) } } } }
      : {}),
    responses: { ...responses, ...problems(...refusals, 401, 403, 500) },
  };
}

export const alboOpenApi: OpenApiContribution = {
  tags: [
    {
      name: TAG,
      description:
        'Road-haulage register portal (seed 000): registration, login and lockout, passwords, RESET PASSWORD, the annual fee paid through pagoPA, receipts, help desk.',
    },
  ],
  schemas: Object.fromEntries(
    Object.entries(ALBO_SCHEMAS).map(([name, s]) => [
      `Albo.${name}`,
      JSON.parse(JSON.stringify(s)) as JsonObject,
    ]),
  ),
  paths: {
    '/v1/albo/registrations': {
      post: op('alboRegister', {
        summary: 'Register a company to the portal [P-REGMODE]',
        description:
          'Roles: service, operator, admin (the portal). The company must be in the register; albo.registration decides (PEC checked with InfoCamere in certified-pec mode; simplified mode from 2017-02-13, payment only; telephone required). The credentials (matricola, PIN, temporary password) are e-mailed to the address given. 422 POLICY_DENIED lists every violation; 409 ALREADY_REGISTERED.',
        responses: ok('Registered; credentials e-mailed.', 'Registration', 201),
        problems: [400, 409, 415, 422],
        body: 'RegistrationBody',
      }),
    },
    '/v1/albo/sessions': {
      post: op('alboLogIn', {
        summary: 'Log in with matricola and password [P-LOCKOUT]',
        description:
          'Roles: service, operator, admin (the portal, on the company’s behalf). Returns a short-lived company token. After account.lockout’s maximum of consecutive wrong passwords the account is suspended: 403 ACCOUNT_SUSPENDED with the seed’s message, even with the right password, until a RESET PASSWORD; the suspension ends every session of the account. Until the first password change the token allows only the change. Rate-limited per client and per matricola (429 RATE_LIMITED with Retry-After); 503 BUSY when password hashing is at capacity.',
        responses: ok('Logged in.', 'Session'),
        problems: [400, 415, 422, 429, 503],
        body: 'SessionBody',
      }),
    },
    '/v1/albo/sessions/current': {
      delete: op('alboLogOut', {
        summary: 'Log out: end every session of the account',
        description:
          'The company’s own token. Every token of the account issued so far stops working (401 afterwards), on every instance.',
        responses: { 204: { description: 'Logged out.' } },
      }),
    },
    '/v1/albo/accounts/{matricola}': {
      get: op('alboProfile', [matricola], {
        summary: 'The company’s profile (full scope only)',
        description: 'The company with a full-scope token, or roles operator, admin.',
        responses: ok('The profile, without secrets.', 'AccountProfile'),
        problems: [404],
      }),
    },
    '/v1/albo/accounts/{matricola}/password': {
      post: op('alboChangePassword', [matricola], {
        summary: 'Change the password [P-PASSWORD]',
        description:
          'The company itself, also before its first change and with a payment-only token. account.password reports every violation at once (422 POLICY_DENIED); the new password must differ from the last passwords used (history depth from rules/, current included). A wrong current password counts as a failed login (the account.lockout maximum suspends the account). Returns a new token; every earlier token of the account stops working. Rate-limited per client and per matricola (429).',
        responses: ok('Changed.', 'PasswordChanged'),
        problems: [400, 404, 409, 415, 422, 429, 503],
        body: 'PasswordChangeBody',
      }),
    },
    '/v1/albo/password-resets': {
      post: op('alboRequestReset', {
        summary: 'Record a RESET PASSWORD request (not a recovery)',
        description:
          'Roles: service, operator, admin (the help desk). Subject `RESET PASSWORD`, matricola, register number and telephone, which must be the account’s own (422 RESET_PHONE_MISMATCH naming /phone; spaces and +39 aside); while one is pending, writing again updates it (same id).',
        responses: ok('Recorded, waiting for approval.', 'ResetRequestView', 202),
        problems: [400, 415, 422],
        body: 'ResetRequestBody',
      }),
      get: op('alboListResets', [statusQuery('pending', 'approved')], {
        summary: 'Password-reset requests',
        description: 'Roles: operator, admin. Query `status`: pending (default) or approved.',
        responses: ok('The requests, oldest first.', 'ResetRequestList'),
        problems: [400],
      }),
    },
    '/v1/albo/password-resets/{id}/approval': {
      post: op('alboApproveReset', [pathParam('id', 'The request id.')], {
        summary: 'Approve a RESET PASSWORD request',
        description:
          'Role: admin only (the Amministratore di Sistema of seed 000; an operator gets 403). A new temporary password goes to the registered e-mail; the lockout is cleared and the change is forced at first access. approvedBy records the label of the approving API key, never the key.',
        responses: ok('Approved.', 'ResetRequestView'),
        problems: [404, 409],
      }),
    },
    '/v1/albo/companies/{matricola}/fleet': {
      get: op('alboGetFleet', [matricola], {
        summary: 'The company’s fleet',
        description: 'The company with a full-scope token, or roles operator, admin.',
        responses: ok('The fleet.', 'Fleet'),
        problems: [404],
      }),
      put: op('alboPutFleet', [matricola], {
        summary: 'Replace the company’s fleet [P-QUOTA]',
        description:
          'The company with a full-scope token, or roles operator, admin. Each vehicle with its kind, mass (massKg for a vehicle, towableMassKg for a tractor) and the days it entered and left the fleet. Plates are stored in upper case without spaces. 422 INVALID_FLEET names each field: a missing mass, a window ending before it starts, a plate in the fleet twice on overlapping days (it would be charged twice), and a plate that is not an Italian format of its kind (violation code PLATE_FORMAT_INVALID of policy albo.plate).',
        responses: ok('Stored.', 'Fleet'),
        problems: [400, 404, 415, 422],
        body: 'FleetBody',
      }),
    },
    '/v1/albo/quotas/{year}': {
      get: op('alboQuota', [year], {
        summary: 'The annual fee of the company for a year [P-QUOTA]',
        description:
          'The company (full or payment-only token). albo.quota on the fleet as recorded, with its components, what was paid (paidCents) and what is still due (balanceDueCents: the difference once the fleet was corrected upwards after payment); 422 POLICY_DENIED NO_FEE_SCHEDULE for a year without a schedule.',
        responses: ok('The fee.', 'Quota'),
        problems: [400, 404, 422],
      }),
    },
    '/v1/albo/payments': {
      get: op('alboListPayments', {
        summary: 'The company’s payments page: every annual-fee payment with its receipt [P-RECEIPT-ALBO]',
        description:
          'The company (full or payment-only token) only, and only its own payments, newest fee year first: status, amounts, cost items, notice number, due date, and for a paid one the link to re-print its receipt.',
        responses: ok('The payments.', 'FeePaymentList'),
      }),
      post: op('alboPayFee', {
        summary: 'Open the pagoPA payment of the annual fee [P-DEADLINE]',
        description:
          'The company (full or payment-only token). Within albo.payment-deadline for today, a GPD debt position for the albo.quota amount; asking again returns the same notice (200). Once paid, if the fleet was corrected upwards since, a second position for the difference is opened (201), then returned again until paid (200).',
        responses: {
          ...ok('Opened.', 'FeePayment', 201),
          ...ok('Already opened for this year.', 'FeePayment'),
        },
        problems: [400, 415, 422, 503],
        body: 'PaymentBody',
      }),
    },
    '/v1/albo/payments/{id}/receipt': {
      get: op('alboReceipt', [pathParam('id', 'The payment id.')], {
        summary: 'The receipt of a paid annual fee, as JSON or a printable page [P-RECEIPT-ALBO]',
        description:
          'The company that paid (full or payment-only token), or roles operator, admin. `Accept: text/html` gives the printable document.',
        responses: {
          200: {
            description: 'The receipt.',
            content: {
              'application/json': { schema: schema('FeeReceipt') },
              'text/html': { schema: { type: 'string' } },
            },
          },
        },
        problems: [404, 409, 503],
      }),
    },
    '/v1/albo/assistance-tickets': {
      post: op('alboOpenTicket', {
        summary: 'Record a request for technical assistance',
        description:
          'Roles: service, operator, admin. Description, optional screenshot (PNG or JPEG, base64, at most 512 KiB), register number, matricola when known, telephone.',
        responses: ok('Recorded.', 'Ticket', 201),
        problems: [400, 413, 415, 422],
        body: 'TicketBody',
      }),
      get: op('alboListTickets', [statusQuery('open', 'closed')], {
        summary: 'Assistance tickets (without screenshot data)',
        description: 'Roles: operator, admin. Query `status`: open or closed.',
        responses: ok('The tickets, oldest first.', 'TicketList'),
        problems: [400],
      }),
    },
    '/v1/albo/assistance-tickets/{id}': {
      get: op('alboGetTicket', [pathParam('id', 'The ticket id.')], {
        summary: 'One assistance ticket, with its screenshot',
        description: 'Roles: operator, admin.',
        responses: ok('The ticket.', 'Ticket'),
        problems: [404],
      }),
    },
    '/v1/albo/outreach/{year}': {
      get: op('alboOutreach', [year], {
        summary: 'Companies to call for a fee year: not registered, or registered and not paid',
        description:
          'Roles: operator, admin. With their telephone numbers (the one given at registration first). 422 POLICY_DENIED NO_FEE_SCHEDULE (albo.quota) for a year without a fee schedule: no fee is due, so nobody is listed as not paid.',
        responses: ok('The list.', 'Outreach'),
        problems: [400, 422],
      }),
    },
  },
};
