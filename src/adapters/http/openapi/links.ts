// OpenAPI links: what a created resource leads to, so a client generator (and schemathesis' stateful
// phase) can follow a registration, an application, a payment or a reset to the operations on it.
// Kept in one table over the whole document, by operationId, so the procedures' fragments stay as
// they are; a link whose target is not served (dev routes off) is left out.
import type { JsonObject } from './components.js';

type Link = { operationId: string; parameters?: JsonObject; requestBody?: unknown; description?: string };

const byId = (expression: string, ...targets: string[]): Record<string, Link> =>
  Object.fromEntries(targets.map((t) => [t, { operationId: t, parameters: { id: expression } }]));

const decisionLinks = {
  getDecision: { operationId: 'getDecision', parameters: { decisionId: '$response.body#/decisionId' } },
  replayDecision: { operationId: 'replayDecision', parameters: { decisionId: '$response.body#/decisionId' } },
};

const CNS_APPLICATION_OPERATIONS = [
  'cnsGetApplication',
  'cnsRectifyApplication',
  'cnsBookAppointment',
  'cnsOpenPayment',
  'cnsReceipt',
  'cnsRecognitionChallenge',
  'cnsRecognition',
  'cnsInPersonRecognition',
  'cnsAdvance',
  'cnsTimeline',
  'cnsIssueAccessToken',
  'cnsRevoke',
];

/** operationId → status → links. `decide.*` stands for every per-policy decision operation. */
const LINKS: Record<string, Record<string, Record<string, Link>>> = {
  decide: { 200: decisionLinks },
  'decide.*': { 200: decisionLinks },
  alboRegister: {
    201: Object.fromEntries(
      ['alboProfile', 'alboGetFleet', 'alboPutFleet'].map((t) => [
        t,
        { operationId: t, parameters: { matricola: '$response.body#/matricola' } },
      ]),
    ),
  },
  alboRequestReset: { 202: byId('$response.body#/id', 'alboApproveReset') },
  alboOpenTicket: { 201: byId('$response.body#/id', 'alboGetTicket') },
  alboPayFee: {
    201: {
      ...byId('$response.body#/paymentId', 'alboReceipt'),
      devPayNotice: {
        operationId: 'devPayNotice',
        requestBody: { noticeNumber: '$response.body#/noticeNumber' },
      },
    },
  },
  cnsCreateApplication: { 201: byId('$response.body#/id', ...CNS_APPLICATION_OPERATIONS) },
  cnsOpenPayment: {
    201: {
      ...byId('$response.body#/applicationId', 'cnsReceipt', 'cnsTimeline'),
      devPayNotice: {
        operationId: 'devPayNotice',
        requestBody: { noticeNumber: '$response.body#/noticeNumber' },
      },
    },
  },
  cnsRevoke: { 201: byId('$response.body#/newApplication/id', 'cnsGetApplication', 'cnsOpenPayment') },
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** The document's paths with the links of LINKS added (a copy: the procedures' fragments are shared). */
export function withLinks(original: Record<string, JsonObject>): Record<string, JsonObject> {
  const paths = structuredClone(original);
  const operations = new Map<string, JsonObject>();
  for (const item of Object.values(paths))
    for (const method of METHODS) {
      const operation = item[method] as JsonObject | undefined;
      if (typeof operation?.operationId === 'string') operations.set(operation.operationId, operation);
    }
  for (const [operationId, operation] of operations) {
    const table = LINKS[operationId] ?? (operationId.startsWith('decide.') ? LINKS['decide.*'] : undefined);
    const responses = operation.responses as Record<string, JsonObject> | undefined;
    for (const [status, links] of Object.entries(table ?? {})) {
      const response = responses?.[status];
      if (!response || '$ref' in response) continue;
      const served = Object.entries(links).filter(([, link]) => operations.has(link.operationId));
      if (served.length > 0) response.links = Object.fromEntries(served);
    }
  }
  return paths;
}
