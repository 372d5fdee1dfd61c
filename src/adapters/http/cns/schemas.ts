// Request bodies of the CNS routes as TypeBox schemas: validated by `readBody` (422 naming each
// field) and published as OpenAPI components. Unknown fields are refused everywhere.
import { type Static, Type } from '@sinclair/typebox';
import { PASSPHRASE_PATTERN } from '../../../application/cns/application-input.js';
import { MAX_INTERMEDIATES } from '../../crypto/x509-certificate-verifier.js';

const closed = { additionalProperties: false } as const;
const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
const Sigla = Type.String({ pattern: '^[A-Z]{2}$', description: 'Italian province sigla (TO, MI, …).' });

export const Address = Type.Object(
  {
    street: Text(200),
    city: Text(100),
    postalCode: Text(16),
    province: Type.Optional(Sigla),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' }),
  },
  // An Italian address names its province (cns.jurisdiction needs it); abroad it is optional.
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
  { ...closed, if: { properties: { country: { const: 'IT' } } }, then: { required: ['province'] } },
);

const Personal = Type.Object(
  {
    firstName: Text(100),
    lastName: Text(100),
    fiscalCode: Type.String({
      pattern: '^[A-Za-z0-9]{16}$',
      description: 'Codice fiscale of the natural person; its check character is verified.',
    }),
    birthDate: Type.String({ format: 'date', description: 'Must agree with the codice fiscale.' }),
    birthPlace: Text(100),
    sex: Type.Optional(
      Type.Union([Type.Literal('M'), Type.Literal('F')], {
        description: 'As on the identity document; must agree with the codice fiscale.',
      }),
    ),
    residence: Address,
  },
  {
    ...closed,
    description: "The natural person's own data (a legal representative's, never the company's).",
  },
);

const Company = Type.Object(
  {
    name: Text(200),
    registryProvince: Sigla,
    fiscalCode: Type.Optional(Type.String({ pattern: '^\\d{11}$' })),
  },
  { ...closed, description: 'The company the applicant legally represents.' },
);

const Contact = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254, description: 'Personal e-mail for the messages.' }),
    mobile: Type.Optional(
      Type.String({ maxLength: 32, description: 'Personal mobile number: OTP codes are sent to it.' }),
    ),
  },
  closed,
);

const DeliveryMode = Type.Union([Type.Literal('shipping'), Type.Literal('counter')]);
const Delivery = Type.Object(
  {
    mode: Type.Optional({ ...DeliveryMode, description: 'Default: shipping.' }),
    address: Type.Optional({ ...Address, description: 'Default: the residence.' }),
    attendedAddressConfirmed: Type.Boolean({
      description: 'Someone is at the address to sign for an insured parcel with return receipt.',
    }),
  },
  closed,
);

export const ReceiptHeading = Type.Object(
  {
    name: Text(200),
    fiscalCode: Type.Optional(Type.String({ pattern: '^([A-Za-z0-9]{16}|\\d{11})$' })),
    address: Type.Optional(Text(300)),
  },
  { ...closed, description: 'Who the receipt is addressed to; default: the applicant.' },
);

const Passphrase = Type.String({
  pattern: PASSPHRASE_PATTERN,
  writeOnly: true,
  description: 'Alphanumeric; opens the encrypted e-mail with PIN, PUK and emergency code. Never stored.',
});

export const ApplicationBody = Type.Object(
  {
    applicant: Personal,
    applicantType: Type.Union([Type.Literal('private'), Type.Literal('legal-representative')]),
    company: Type.Optional(Company),
    contact: Contact,
    recognitionMethod: Type.Union([Type.Literal('webcam'), Type.Literal('cns')]),
    delivery: Delivery,
    receiptHeading: Type.Optional(ReceiptHeading),
    passphrase: Passphrase,
  },
  { ...closed, $id: 'CnsApplicationRequest' },
);

const correctionFields = {
  // Sex is stated once: the codice fiscale and birth date it is checked against can be corrected.
  applicant: Type.Optional(Type.Partial(Type.Omit(Personal, ['sex']), { minProperties: 1 })),
  contact: Type.Optional(Type.Partial(Contact, { minProperties: 1 })),
  delivery: Type.Optional(Type.Partial(Delivery, { minProperties: 1 })),
  receiptHeading: Type.Optional(Type.Union([ReceiptHeading, Type.Null()])),
};

export const RectificationBody = Type.Object(correctionFields, {
  ...closed,
  minProperties: 1,
  $id: 'CnsRectificationRequest',
});

export const AppointmentBody = Type.Object(
  {
    slotId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Default: the earliest free.' }),
    ),
  },
  { ...closed, $id: 'CnsAppointmentRequest' },
);

export const SlotsBody = Type.Object(
  {
    slots: Type.Array(
      Type.Object(
        {
          startsAt: Type.String({ format: 'date-time' }),
          endsAt: Type.Optional(
            Type.String({ format: 'date-time', description: 'Default: 30 minutes later.' }),
          ),
          desk: Type.Optional(Text(20, "The operator's desk; default 1.")),
        },
        closed,
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { ...closed, $id: 'CnsAgendaRequest' },
);

const OperatorSession = Type.Object(
  {
    method: Type.Union([Type.Literal('webcam'), Type.Literal('counter')]),
    outcome: Type.Union([Type.Literal('completed'), Type.Literal('suspended')]),
    reason: Type.Optional(Type.Union([Type.Literal('technical'), Type.Literal('invalid-documents')])),
    signedDocuments: Type.Optional(
      Type.Array(Text(100), {
        maxItems: 20,
        description: 'Documents signed with an OTP sent to the registered mobile number.',
      }),
    ),
    note: Type.Optional(Text(1000)),
  },
  { ...closed, title: 'Operator session (webcam or counter)' },
);

const Certificate = Type.String({
  minLength: 1,
  maxLength: 16_384,
  description: 'X.509 certificate, PEM or base64 DER.',
});

/** The TLS client certificate, as the trusted reverse proxy forwards it (README, Security). */
const ForwardedCertificateRecognition = Type.Object(
  { method: Type.Literal('cns') },
  {
    ...closed,
    title: 'Recognition by CNS: the TLS client certificate forwarded by the trusted proxy',
  },
);

/** The answer to POST …/recognition/challenge: the card signs the challenge's toBeSigned text. */
const SignedNonceRecognition = Type.Object(
  {
    method: Type.Literal('cns'),
    certificate: { ...Certificate, description: "The card's authentication certificate, PEM or base64 DER." },
    intermediates: Type.Optional(
      Type.Array(Certificate, {
        maxItems: MAX_INTERMEDIATES,
        description:
          'CA certificates between the card and the CNS trust anchor, if the anchor is not its issuer.',
      }),
    ),
    nonce: Type.String({ minLength: 1, maxLength: 128, description: 'The nonce of the challenge.' }),
    signature: Type.String({
      pattern: '^[A-Za-z0-9+/_-]+={0,2}$',
      maxLength: 2048,
      description:
        "Base64 signature of the challenge's toBeSigned text (UTF-8) with the certificate's key: SHA-256 with RSA PKCS#1 v1.5, or ECDSA (DER or r‖s).",
    }),
  },
  { ...closed, title: 'Recognition by CNS: the certificate and its signature over the challenge' },
);

export const RecognitionBodies = {
  operator: OperatorSession,
  forwarded: ForwardedCertificateRecognition,
  signedNonce: SignedNonceRecognition,
};
export const RecognitionMethod = Type.Object({
  method: Type.Union([Type.Literal('webcam'), Type.Literal('counter'), Type.Literal('cns')]),
});
export const RecognitionBody = Type.Union(
  [OperatorSession, ForwardedCertificateRecognition, SignedNonceRecognition],
  { $id: 'CnsRecognitionRequest' },
);

export const InPersonBody = Type.Object({ reason: Text(500) }, { ...closed, $id: 'CnsInPersonRequest' });

export const StatusBody = Type.Object(
  {
    status: Type.Union([Type.Literal('in-production'), Type.Literal('shipped'), Type.Literal('delivered')]),
    trackingNumber: Type.Optional(Text(64, "The parcel's tracking number: required with shipped.")),
  },
  { ...closed, $id: 'CnsStatusRequest' },
);

export const ShipmentBody = Type.Object(
  { trackingNumber: Text(64, "The parcel's tracking number.") },
  { ...closed, $id: 'CnsShipmentRequest' },
);

export const RevocationBody = Type.Object(
  {
    reason: Text(500),
    passphrase: Type.Optional(Passphrase),
    corrections: Type.Optional(
      Type.Object(correctionFields, { ...closed, description: 'Data to correct on the new application.' }),
    ),
  },
  { ...closed, $id: 'CnsRevocationRequest' },
);

export type ApplicationRequest = Static<typeof ApplicationBody>;
