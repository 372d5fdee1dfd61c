// Request and response bodies of the register procedure's routes (TypeBox, so one definition both
// validates requests and becomes the OpenAPI components).
import { type TSchema, Type } from '@sinclair/typebox';
import { MATRICOLA_PATTERN } from '../../../application/albo/account.js';

const Matricola = Type.String({
  pattern: MATRICOLA_PATTERN,
  description: 'Starts with IT.',
  examples: ['IT12345678'],
});
const RegisterNumber = Type.String({
  minLength: 1,
  maxLength: 20,
  description: "Numero di iscrizione all'Albo.",
  examples: ['TO/1234567/A'],
});
const Phone = Type.String({ minLength: 6, maxLength: 40, examples: ['011 5678901'] });
const IsoDate = Type.String({ format: 'date', examples: ['2015-03-01'] });
const Instant = Type.String({ format: 'date-time' });
const Cents = Type.Integer({ minimum: 0, description: 'Euro cents.' });
const Password = (description: string) => Type.String({ maxLength: 1024, description });
const Scope = Type.Union([Type.Literal('full'), Type.Literal('payment-only')]);
const Mode = Type.Union([Type.Literal('certified-pec'), Type.Literal('simplified')], {
  description:
    'certified-pec: the PEC of the Chamber of Commerce certificate, checked with InfoCamere (full profile); simplified (from 2017-02-13): any e-mail, not verified (payment only).',
});
const closed = { additionalProperties: false } as const;

export const RegistrationBody = Type.Object(
  {
    mode: Mode,
    fiscalCode: Type.String({
      pattern: '^([0-9]{11}|[A-Za-z0-9]{16})$',
      description: 'Partita IVA (11 digits) or codice fiscale of the company.',
      examples: ['07845120018'],
    }),
    registerNumber: RegisterNumber,
    email: Type.String({ format: 'email', maxLength: 254, description: 'The PEC (certified) or e-mail.' }),
    phone: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'Required by albo.registration (PHONE_REQUIRED otherwise).',
      }),
    ),
  },
  closed,
);

export const SessionBody = Type.Object(
  { matricola: Matricola, password: Type.String({ minLength: 1, maxLength: 1024 }) },
  closed,
);

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Password("The 'nuova password' field."),
    confirmPassword: Password("The 'conferma password' field."),
  },
  closed,
);

export const ResetRequestBody = Type.Object(
  {
    subject: Type.Literal('RESET PASSWORD'),
    matricola: Matricola,
    registerNumber: RegisterNumber,
    phone: Phone,
  },
  closed,
);

export const Vehicle = Type.Object(
  {
    plate: Type.String({ minLength: 1, maxLength: 20, examples: ['TO123AB'] }),
    kind: Type.Union([Type.Literal('vehicle'), Type.Literal('tractor')]),
    massKg: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 200_000, description: 'Massa complessiva; a vehicle’s.' }),
    ),
    towableMassKg: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 200_000, description: 'Massa rimorchiabile; a tractor’s.' }),
    ),
    inFleetFrom: IsoDate,
    inFleetTo: Type.Optional(IsoDate),
  },
  closed,
);

export const FleetBody = Type.Object({ vehicles: Type.Array(Vehicle, { maxItems: 10_000 }) }, closed);

export const PaymentBody = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100, examples: [2017] }) },
  closed,
);

export const TicketBody = Type.Object(
  {
    description: Type.String({ minLength: 10, maxLength: 4000, description: 'What went wrong.' }),
    registerNumber: RegisterNumber,
    matricola: Type.Optional(Matricola),
    phone: Phone,
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    screenshot: Type.Optional(
      Type.Object(
        {
          contentType: Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg')]),
          dataBase64: Type.String({
            minLength: 4,
            maxLength: 720_000,
            description: 'At most 512 KiB once decoded.',
          }),
        },
        closed,
      ),
    ),
  },
  closed,
);

// Responses (for the OpenAPI document).

export const Registration = Type.Object({
  matricola: Matricola,
  companyName: Type.String(),
  mode: Mode,
  scope: Scope,
  email: Type.String(),
  passwordChangeRequired: Type.Literal(true),
  decisionId: Type.String({ description: 'The albo.registration decision.' }),
});

export const Session = Type.Object({
  token: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds.' }),
  matricola: Matricola,
  scope: Scope,
  passwordChangeRequired: Type.Boolean({
    description: 'While true the token only allows the password change.',
  }),
});

export const PasswordChanged = Type.Object({
  matricola: Matricola,
  changedAt: Instant,
  decisionId: Type.String({ description: 'The account.password decision.' }),
  session: Session,
});

export const ResetRequestView = Type.Object({
  id: Type.String(),
  subject: Type.Literal('RESET PASSWORD'),
  matricola: Matricola,
  companyName: Type.String(),
  registerNumber: Type.String(),
  phone: Type.String(),
  receivedAt: Instant,
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved')]),
  approvedAt: Type.Union([Instant, Type.Null()]),
  approvedBy: Type.Union([Type.String(), Type.Null()]),
});

export const ResetRequestList = Type.Object({ requests: Type.Array(ResetRequestView) });

const PaidFee = Type.Object({
  paymentId: Type.String(),
  noticeNumber: Type.String(),
  amountCents: Cents,
  paidAt: Instant,
  receiptId: Type.String(),
});

export const AccountProfile = Type.Object({
  id: Type.String(),
  matricola: Matricola,
  fiscalCode: Type.String(),
  registerNumber: Type.String(),
  companyName: Type.String(),
  mode: Mode,
  scope: Scope,
  email: Type.String(),
  phone: Type.String(),
  passwordChangeRequired: Type.Boolean(),
  failedAttempts: Type.Integer(),
  suspendedAt: Type.Union([Instant, Type.Null()]),
  resetRequests: Type.Array(Type.Object({})),
  fees: Type.Record(Type.String(), PaidFee, { description: 'By fee year.' }),
  events: Type.Array(Type.Object({ type: Type.String(), at: Instant, detail: Type.Optional(Type.String()) })),
  registeredAt: Instant,
  registrationDecisionId: Type.String(),
});

export const Fleet = Type.Object({
  matricola: Matricola,
  vehicles: Type.Array(Vehicle),
  updatedAt: Type.Union([Instant, Type.Null()]),
});

const Component = Type.Object({
  code: Type.String({ examples: ['FIXED', 'FLEET_SIZE', 'MASS'] }),
  band: Type.Optional(Type.String()),
  vehicles: Type.Optional(Type.Integer()),
  amountCents: Cents,
});

export const Quota = Type.Object({
  matricola: Matricola,
  year: Type.Integer(),
  amountCents: Cents,
  fleetReferenceDate: IsoDate,
  vehiclesCounted: Type.Integer(),
  components: Type.Array(Component),
  decisionId: Type.String({ description: 'The albo.quota decision.' }),
  paid: Type.Union([PaidFee, Type.Null()]),
  paidCents: Type.Integer({
    minimum: 0,
    description: 'Paid through pagoPA for this year so far (fee and balances).',
  }),
  balanceDueCents: Type.Integer({
    minimum: 0,
    description:
      'Still to pay: the whole fee before it is paid; the difference once the fleet was corrected upwards after payment (POST /v1/albo/payments opens its position).',
  }),
});

const CostItem = Type.Object({ description: Type.String(), amountCents: Cents });

export const FeePayment = Type.Object({
  paymentId: Type.String(),
  year: Type.Integer(),
  status: Type.Union([Type.Literal('open'), Type.Literal('paid')]),
  amountCents: Cents,
  items: Type.Array(CostItem),
  dueDate: IsoDate,
  noticeNumber: Type.String({ pattern: '^3[0-9]{17}$', description: 'pagoPA notice number (aux digit 3).' }),
  iuv: Type.String(),
  iupd: Type.String({ description: 'GPD debt position.' }),
  createdAt: Instant,
  paidAt: Type.Union([Instant, Type.Null()]),
  created: Type.Boolean({ description: 'false when the payment of this year already existed.' }),
});

export const FeePaymentList = Type.Object({
  payments: Type.Array(
    Type.Object({
      ...Type.Omit(FeePayment, ['created']).properties,
      receiptUrl: Type.Union([Type.String(), Type.Null()], {
        description:
          'The receipt to re-print (JSON, or a printable page with Accept: text/html); null until paid.',
      }),
    }),
  ),
});

export const FeeReceipt = Type.Object({
  paymentId: Type.String(),
  year: Type.Integer(),
  company: Type.Object({
    name: Type.String(),
    fiscalCode: Type.String(),
    registerNumber: Type.String(),
    matricola: Matricola,
  }),
  creditor: Type.Object({ name: Type.String(), fiscalCode: Type.String() }),
  noticeNumber: Type.String(),
  iuv: Type.String(),
  iupd: Type.String(),
  amountCents: Cents,
  items: Type.Array(CostItem),
  dueDate: IsoDate,
  receipt: Type.Object({
    receiptId: Type.String(),
    paidAt: Instant,
    pspName: Type.String(),
    pspCommissionCents: Cents,
  }),
});

export const Ticket = Type.Object({
  id: Type.String(),
  description: Type.String(),
  registerNumber: Type.String(),
  matricola: Type.Union([Type.String(), Type.Null()]),
  phone: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  screenshot: Type.Union([
    Type.Object({
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
      dataBase64: Type.Optional(Type.String({ description: 'Only when one ticket is read.' })),
    }),
    Type.Null(),
  ]),
  receivedAt: Instant,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
});

export const TicketList = Type.Object({ tickets: Type.Array(Ticket) });

export const Outreach = Type.Object({
  year: Type.Integer(),
  notRegistered: Type.Integer(),
  notPaid: Type.Integer(),
  companies: Type.Array(
    Type.Object({
      reason: Type.Union([Type.Literal('not-registered'), Type.Literal('not-paid')]),
      fiscalCode: Type.String(),
      registerNumber: Type.String(),
      name: Type.String(),
      province: Type.String(),
      phones: Type.Array(Type.String()),
      matricola: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

/** Every schema above, as OpenAPI components named Albo.<name>. */
export const ALBO_SCHEMAS: Record<string, TSchema> = {
  RegistrationBody,
  SessionBody,
  PasswordChangeBody,
  ResetRequestBody,
  FleetBody,
  PaymentBody,
  TicketBody,
  Registration,
  Session,
  PasswordChanged,
  ResetRequestView,
  ResetRequestList,
  AccountProfile,
  Fleet,
  Quota,
  FeePayment,
  FeePaymentList,
  FeeReceipt,
  Ticket,
  TicketList,
  Outreach,
};
