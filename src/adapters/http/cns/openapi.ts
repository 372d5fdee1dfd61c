// The CNS part of the OpenAPI document [§5]: request bodies from the TypeBox schemas, responses
// described here, refusals as problem+json.
import type { TSchema } from '@sinclair/typebox';
import { type JsonObject, ref } from '../openapi/components.js';
import type { OpenApiContribution } from '../route-module.js';
import {
  ApplicationBody,
  AppointmentBody,
  InPersonBody,
  RecognitionBody,
  RectificationBody,
  RevocationBody,
  ShipmentBody,
  SlotsBody,
  StatusBody,
} from './schemas.js';

const plain = (schema: TSchema): JsonObject => {
  const { $id: _id, ...rest } = JSON.parse(JSON.stringify(schema)) as JsonObject;
  return rest;
};
const problemRef = { $ref: '#/components/responses/Problem' };
const json = (schema: JsonObject) => ({ content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const APPLICANT = "Callers: the application's own access token, or an API key with role operator or admin.";
const OPERATOR = 'Callers: an API key with role operator or admin.';

function operation(
  id: string,
  summary: string,
  description: string,
  ok: { status: number; schema: JsonObject; description: string },
  options: { body?: string; path?: boolean; refusals?: number[] } = {},
): JsonObject {
  const refusals = options.refusals ?? [404, 409, 422];
  return {
    tags: ['cns'],
    operationId: id,
    summary,
    description,
    ...(options.path === false ? {} : { parameters: [idParam] }),
    ...(options.body ? { requestBody: { required: true, ...json(ref(options.body)) } } : {}),
    responses: {
      [ok.status]: { description: ok.description, ...json(ok.schema) },
      400: problemRef,
      401: problemRef,
      403: problemRef,
      ...Object.fromEntries(refusals.map((s) => [s, problemRef])),
    },
  };
}

const dateOrNull = { type: ['string', 'null'], format: 'date' };
const costItems = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'amountCents'],
    properties: { description: { type: 'string' }, amountCents: { type: 'integer' } },
  },
};

const schemas: Record<string, JsonObject> = {
  CnsApplicationRequest: plain(ApplicationBody),
  CnsRectificationRequest: plain(RectificationBody),
  CnsAppointmentRequest: plain(AppointmentBody),
  CnsAgendaRequest: plain(SlotsBody),
  CnsRecognitionRequest: plain(RecognitionBody),
  CnsInPersonRequest: plain(InPersonBody),
  CnsStatusRequest: plain(StatusBody),
  CnsShipmentRequest: plain(ShipmentBody),
  CnsRevocationRequest: plain(RevocationBody),
  CnsApplication: {
    type: 'object',
    description: 'An application as its applicant and operators see it (never the keys or the passphrase).',
    required: ['id', 'status', 'applicant', 'recognitionMethod', 'delivery', 'receiptHeading', 'waitingFor'],
    properties: {
      id: { type: 'string' },
      status: {
        enum: ['registered', 'paid', 'recognized', 'in-production', 'shipped', 'delivered', 'revoked'],
      },
      applicant: { type: 'object' },
      applicantType: { enum: ['private', 'legal-representative'] },
      company: { type: ['object', 'null'] },
      contact: { type: 'object' },
      recognitionMethod: { enum: ['webcam', 'cns'] },
      delivery: { type: 'object' },
      receiptHeading: { type: 'object' },
      receiptHeadingIsDefault: { type: 'boolean' },
      competentChamber: { type: 'string' },
      passphraseSet: { type: 'boolean' },
      identityLocked: { type: 'boolean', description: 'Identity copied from the CNS used for recognition.' },
      appointment: { type: ['object', 'null'] },
      payment: { type: ['object', 'null'] },
      receipt: { oneOf: [ref('CnsReceipt'), { type: 'null' }] },
      sessions: { type: 'array', items: { type: 'object' } },
      recognition: { type: ['object', 'null'] },
      inPersonRecognition: { type: ['object', 'null'] },
      timeline: { type: ['object', 'null'] },
      history: { type: 'array', items: { type: 'object' } },
      replaces: { type: ['string', 'null'] },
      replacedBy: { type: ['string', 'null'] },
      waitingFor: { type: 'array', items: { enum: ['payment', 'recognition'] } },
    },
  },
  CnsApplicationCreated: {
    type: 'object',
    required: ['id', 'accessToken', 'application'],
    properties: {
      id: { type: 'string' },
      accessToken: { type: 'string', description: "The applicant's bearer token for this application." },
      application: ref('CnsApplication'),
    },
  },
  CnsPayment: {
    type: 'object',
    required: ['applicationId', 'paymentId', 'noticeNumber', 'amountCents', 'items', 'dueDate', 'status'],
    properties: {
      applicationId: { type: 'string' },
      paymentId: { type: 'string' },
      noticeNumber: { type: 'string', description: 'pagoPA notice number (aux digit 3).' },
      iupd: { type: 'string' },
      amountCents: { type: 'integer' },
      items: costItems,
      dueDate: { type: 'string', format: 'date' },
      status: { enum: ['open', 'paid'] },
    },
  },
  CnsReceipt: {
    type: 'object',
    description: 'Each cost item and the PSP commission; no VAT, no invoice [P-RECEIPT-HEADING].',
    required: ['heading', 'items', 'pspCommissionCents', 'totalCents', 'vatApplicable', 'invoiceIssued'],
    properties: {
      heading: { type: 'object' },
      items: costItems,
      pspName: { type: 'string' },
      pspCommissionCents: { type: 'integer' },
      totalCents: { type: 'integer' },
      receiptId: { type: 'string' },
      paidAt: { type: 'string', format: 'date-time' },
      paymentDate: { type: 'string', format: 'date' },
      vatApplicable: { type: 'boolean' },
      invoiceIssued: { type: 'boolean' },
    },
  },
  CnsTimeline: {
    type: 'object',
    required: [
      'applicationId',
      'status',
      'waitingFor',
      'productionStartBy',
      'deliveryFrom',
      'deliveryTo',
      'events',
    ],
    properties: {
      applicationId: { type: 'string' },
      status: { type: 'string' },
      waitingFor: { type: 'array', items: { enum: ['payment', 'recognition'] } },
      clockStart: dateOrNull,
      productionStartBy: dateOrNull,
      deliveryFrom: dateOrNull,
      deliveryTo: dateOrNull,
      decisionId: { type: ['string', 'null'], description: 'The cns.timeline decision.' },
      problems: { type: 'array', items: { type: 'string' } },
      events: { type: 'array', items: { type: 'object' } },
    },
  },
  CnsRecognitionChallenge: {
    type: 'object',
    required: ['applicationId', 'nonce', 'expiresAt', 'toBeSigned'],
    properties: {
      applicationId: { type: 'string' },
      nonce: { type: 'string' },
      expiresAt: { type: 'string', format: 'date-time' },
      toBeSigned: {
        type: 'string',
        description:
          'The text whose UTF-8 bytes the card signs: SHA-256 with RSA PKCS#1 v1.5, or ECDSA (DER or r‖s).',
      },
    },
  },
  CnsSlot: {
    type: 'object',
    required: ['id', 'startsAt', 'endsAt', 'desk'],
    properties: {
      id: { type: 'string' },
      startsAt: { type: 'string', format: 'date-time' },
      endsAt: { type: 'string', format: 'date-time' },
      desk: { type: 'string' },
    },
  },
};

const application = (description: string) => ({ status: 200, schema: ref('CnsApplication'), description });

export const cnsOpenApi: OpenApiContribution = {
  tags: [
    {
      name: 'cns',
      description: 'Online issuance of the Carta Nazionale dei Servizi (Camera di commercio di Torino).',
    },
  ],
  schemas,
  paths: {
    '/v1/cns/applications': {
      post: operation(
        'cnsCreateApplication',
        'File an application (cns.jurisdiction and cns.delivery: every reason at once, with competentChamber)',
        'Callers: an API key with role service (the issuance portal), operator or admin. The summary e-mail is queued; the response carries the access token of the applicant. 422 INVALID_FIELDS names /applicant/fiscalCode (wrong check character) and /applicant/birthDate, /applicant/sex or /applicant/birthPlace when the codice fiscale contradicts them (a birthplace only when it is another municipality of the ANPR register than the one the code names).',
        { status: 201, schema: ref('CnsApplicationCreated'), description: 'Registered.' },
        { body: 'CnsApplicationRequest', path: false, refusals: [422] },
      ),
    },
    '/v1/cns/applications/{id}': {
      get: operation('cnsGetApplication', 'Read an application', APPLICANT, application('The application.'), {
        refusals: [404],
      }),
      patch: operation(
        'cnsRectifyApplication',
        'Correct data (cns.rectification; receipt heading: cns.receipt-heading)',
        `${APPLICANT} Refused from production on, with remedy revoke-and-reissue; identity locked after recognition by CNS; 422 INVALID_FIELDS naming /applicant/birthDate, /applicant/sex or /applicant/birthPlace when the corrected data and the codice fiscale disagree.`,
        application('Corrected; a new summary e-mail is queued.'),
        { body: 'CnsRectificationRequest' },
      ),
    },
    '/v1/cns/appointment-slots': {
      get: {
        tags: ['cns'],
        operationId: 'cnsFreeSlots',
        summary: 'Free webcam-recognition slots, earliest first',
        description: 'Callers: any API key, or an applicant token.',
        responses: {
          200: {
            description: 'The free slots.',
            ...json({ type: 'object', properties: { slots: { type: 'array', items: ref('CnsSlot') } } }),
          },
          401: problemRef,
          403: problemRef,
        },
      },
      post: operation(
        'cnsLoadAgenda',
        "Load the week's agenda of slots (same start and desk: skipped)",
        `${OPERATOR} All or none: a slot in the past is refused with 422 INVALID_FIELDS naming /slots/{i}/startsAt; cns.appointment-slot refuses one that is not on a Torino working day (SLOT_NOT_WORKING_DAY) or not within the office hours (SLOT_OUTSIDE_OFFICE_HOURS), 422 POLICY_DENIED naming /slots/{i}.`,
        {
          status: 201,
          description: 'Slots added.',
          schema: {
            type: 'object',
            properties: { added: { type: 'array', items: ref('CnsSlot') }, skipped: { type: 'integer' } },
          },
        },
        { body: 'CnsAgendaRequest', path: false, refusals: [422] },
      ),
    },
    '/v1/cns/applications/{id}/appointment': {
      post: operation(
        'cnsBookAppointment',
        'Book a slot (cns.appointment: NO_SLOTS_AVAILABLE when none is left)',
        `${APPLICANT} Without slotId the earliest free slot is taken. One slot per application. cns.appointment-slot is asked again for the slot booked (the rules may have changed since it was loaded): 422 POLICY_DENIED SLOT_NOT_WORKING_DAY or SLOT_OUTSIDE_OFFICE_HOURS, and the slot stays free.`,
        application('Booked.'),
        { body: 'CnsAppointmentRequest' },
      ),
      put: operation(
        'cnsMoveAppointment',
        'Move the appointment to another slot (cns.appointment-change decides until when)',
        `${APPLICANT} Allowed until cns.appointment-change.minHoursBefore hours before the booked start (422 POLICY_DENIED APPOINTMENT_CHANGE_TOO_LATE); without slotId the earliest free slot. The old slot is freed first; when the new one cannot be had (SLOT_TAKEN 409, UNKNOWN_SLOT 404, NO_SLOTS_AVAILABLE or the slot's own rules 422) the old one is booked again if still free.`,
        application('Moved.'),
        { body: 'CnsAppointmentRequest' },
      ),
      delete: operation(
        'cnsCancelAppointment',
        'Cancel the appointment before it happens (cns.appointment-change decides until when)',
        `${APPLICANT} Until cns.appointment-change.minHoursBefore hours before its start (422 POLICY_DENIED APPOINTMENT_CHANGE_TOO_LATE); the slot is freed at once for others to book; 409 when there is none or it has taken place.`,
        application('Cancelled.'),
      ),
    },
    '/v1/cns/applications/{id}/payment': {
      post: operation(
        'cnsOpenPayment',
        'Open the pagoPA payment (cns.payment-readiness first: all unmet requirements at once)',
        `${APPLICANT} Asking again returns the same notice.`,
        { status: 201, schema: ref('CnsPayment'), description: 'The pagoPA notice.' },
        { refusals: [404, 409, 422, 503] },
      ),
    },
    '/v1/cns/applications/{id}/receipt': {
      get: operation('cnsReceipt', 'The payment receipt', APPLICANT, {
        status: 200,
        schema: ref('CnsReceipt'),
        description: 'The receipt.',
      }),
    },
    '/v1/cns/applications/{id}/recognition/challenge': {
      post: operation(
        'cnsRecognitionChallenge',
        'A one-time nonce for recognition by CNS (challenge-response)',
        `${APPLICANT} Sign toBeSigned (UTF-8) with the card's authentication key and send it to …/recognition before expiresAt; a new challenge replaces the previous one, and each is good for one attempt. 503 CNS_RECOGNITION_NOT_CONFIGURED without trust anchors.`,
        { status: 201, schema: ref('CnsRecognitionChallenge'), description: 'The challenge.' },
        { refusals: [404, 409, 503] },
      ),
    },
    '/v1/cns/applications/{id}/recognition': {
      post: operation(
        'cnsRecognition',
        'Record recognition: a webcam or counter session (operators), or proof of a CNS (cns.recognition-certificate)',
        `${APPLICANT} Webcam and counter sessions: operators only. Recognition by CNS proves possession of the card: either \`{"method":"cns"}\` alone, through the TLS proxy that verified the client certificate (header from CNS_TRUSTED_PROXIES only), or the certificate (and intermediates) with a signature over a challenge. The certificate must chain to a CNS trust anchor (CNS_TRUST_ANCHORS); the identity is copied from it. A webcam session is refused before the booked appointment's start (409 APPLICATION_STATE_CONFLICT). Refusals: UNTRUSTED_CERTIFICATE, INVALID_CERTIFICATE, CERTIFICATE_NOT_YET_VALID, BAD_SIGNATURE, NONCE_UNKNOWN, NONCE_EXPIRED, INVALID_FISCAL_CODE, CLIENT_CERTIFICATE_MISSING (422), UNTRUSTED_PROXY (403), CNS_RECOGNITION_NOT_CONFIGURED (503), POLICY_DENIED with SIGNATURE_CERTIFICATE_SELECTED, CNS_EXPIRED or FISCAL_CODE_MISMATCH.`,
        application('Recorded.'),
        { body: 'CnsRecognitionRequest', refusals: [404, 409, 422, 503] },
      ),
    },
    '/v1/cns/applications/{id}/in-person-recognition': {
      post: operation(
        'cnsInPersonRecognition',
        'Online recognition proved impossible: the applicant must come to the counter (shipping not refunded)',
        OPERATOR,
        application('Marked.'),
        { body: 'CnsInPersonRequest' },
      ),
    },
    '/v1/cns/applications/{id}/status': {
      post: operation(
        'cnsAdvance',
        'Move production on: in-production (encrypted codes e-mail), shipped, delivered',
        `${OPERATOR} shipped needs the parcel's trackingNumber (insured parcel with return receipt): without it 422 INVALID_FIELDS naming /trackingNumber.`,
        application('Moved on.'),
        { body: 'CnsStatusRequest' },
      ),
    },
    '/v1/cns/applications/{id}/shipment': {
      patch: operation(
        'cnsSetTrackingNumber',
        'Set or correct the tracking number of a shipped card',
        `${OPERATOR} Only while the application is shipped (409 otherwise); the applicant is e-mailed the number.`,
        application('Updated.'),
        { body: 'CnsShipmentRequest' },
      ),
    },
    '/v1/cns/applications/{id}/timeline': {
      get: operation('cnsTimeline', 'Production and delivery dates (cns.timeline)', APPLICANT, {
        status: 200,
        schema: ref('CnsTimeline'),
        description: 'The timeline (dates null until both payment and recognition are complete).',
      }),
    },
    '/v1/cns/applications/{id}/access-tokens': {
      post: operation(
        'cnsIssueAccessToken',
        'A fresh access token for the applicant',
        'Callers: an API key with role service, operator or admin (the portal, once it has identified the applicant again). Applicant tokens are short-lived (APPLICANT_TOKEN_TTL).',
        {
          status: 201,
          description: 'The token and its lifetime in seconds.',
          schema: {
            type: 'object',
            properties: { accessToken: { type: 'string' }, expiresIn: { type: 'integer' } },
          },
        },
        { refusals: [404] },
      ),
    },
    '/v1/cns/sessions/current': {
      delete: {
        tags: ['cns'],
        operationId: 'cnsLogOut',
        summary: 'Log out: end every token of the application',
        description:
          "The applicant's own token. Every token of the application issued so far stops working (401).",
        responses: {
          204: { description: 'Logged out.' },
          401: problemRef,
          403: problemRef,
          500: problemRef,
        },
      },
    },
    '/v1/cns/applications/{id}/revocation': {
      post: operation(
        'cnsRevoke',
        'Revoke the card and open a new application, to be paid again',
        `${APPLICANT} Only once production has started.`,
        {
          status: 201,
          description: 'Revoked; the new application with its token.',
          schema: {
            type: 'object',
            properties: { revoked: ref('CnsApplication'), newApplication: ref('CnsApplicationCreated') },
          },
        },
        { body: 'CnsRevocationRequest' },
      ),
    },
  },
};
