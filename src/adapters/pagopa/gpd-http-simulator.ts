// A pagoPA simulator that speaks GPD over HTTP (same paths, bodies, statuses and subscription-key
// header as the real service), so GpdHttpClient is exercised over loopback. Positions live in a
// MemoryGpdSimulator ledger. Its own "pay" action (not part of GPD) pays a notice as a PSP would and
// POSTs the receipt to our /v1/pagopa/receipts with a payment-provider API key, as many times as asked:
// pagoPA retries notifications, and the service must record each payment once.
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type Context, Hono } from 'hono';
import type { ReceiptNotification } from '../../application/payments/record-receipt.js';
import type { GpdDebtPosition } from '../../application/ports/payment-gateway.js';
import type { ReceiptNotificationBody } from '../http/routes/payments.js';
import { gpdRequestCheck } from './gpd-published-schema.js';
import { type GpdEntry, MemoryGpdSimulator } from './memory-gpd-simulator.js';

/** GPD refuses a position that breaks its published PaymentPositionModel: 400 with a ProblemJson. */
const checkCreate = gpdRequestCheck('createPosition');

const PayBody = Type.Object({
  noticeNumber: Type.String({ pattern: '^3\\d{17}$' }),
  /** How many times the receipt is notified (pagoPA retries); default 1. */
  times: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  pspName: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })),
  pspCommissionCents: Type.Optional(Type.Integer({ minimum: 0 })),
});

export interface GpdHttpSimulatorOptions {
  subscriptionKey: string;
  /** Where receipts go: the service's POST /v1/pagopa/receipts, with an API key of role payment-provider. */
  receipts?: { url: string; apiKey: string };
  ledger?: MemoryGpdSimulator;
  now?: () => Date;
}

export interface PayOutcome {
  notification: ReceiptNotification;
  /** Each delivery of the notification: HTTP status (0: no answer) and the answer's JSON. */
  deliveries: Array<{ status: number; body: unknown }>;
}

export interface RunningGpdSimulator {
  /** Base URL to give GpdHttpClient (PAGOPA_GPD_URL). */
  url: string;
  ledger: MemoryGpdSimulator;
  /** Pays the notice and notifies the receipt `times` times at once; null: no valid position. */
  pay(noticeNumber: string, options?: { times?: number; pspName?: string }): Promise<PayOutcome | null>;
  /** Where receipts go from now on (the service may start after the simulator). */
  notifyTo(target: { url: string; apiKey: string }): void;
  close(): Promise<void>;
}

const problemJson = (c: Context, status: 400 | 401 | 404 | 409, title: string, detail: string) =>
  c.json({ title, status, detail }, status);

/** PaymentPositionModel (create, publish answers) and PaymentPositionModelBaseResponse (get). */
function positionModel(entry: GpdEntry) {
  return { ...entry.position, status: entry.status };
}
function positionResponse(entry: GpdEntry) {
  const { iupd, type, companyName, paymentOption } = entry.position;
  return {
    iupd,
    organizationFiscalCode: entry.organizationFiscalCode,
    type,
    companyName,
    insertedDate: entry.insertedDate,
    ...(entry.publishDate ? { publishDate: entry.publishDate } : {}),
    ...(entry.paymentDate ? { paymentDate: entry.paymentDate } : {}),
    status: entry.status,
    lastUpdatedDate: entry.paymentDate ?? entry.publishDate ?? entry.insertedDate,
    paymentOption: paymentOption.map((o) => ({
      ...o,
      organizationFiscalCode: entry.organizationFiscalCode,
      status: entry.status === 'PAID' ? 'PO_PAID' : 'PO_UNPAID',
      ...(entry.status === 'PAID' && entry.paymentDate ? { paymentDate: entry.paymentDate } : {}),
      ...(entry.status === 'PAID' && entry.idReceipt ? { idReceipt: entry.idReceipt } : {}),
    })),
  };
}

export function gpdSimulatorApp(options: GpdHttpSimulatorOptions & { ledger: MemoryGpdSimulator }): Hono {
  const { ledger } = options;
  const app = new Hono();
  const owned = (org: string, iupd: string) => {
    const entry = ledger.get(iupd);
    return entry && entry.organizationFiscalCode === org ? entry : null;
  };
  app.use('/organizations/*', async (c, next) => {
    if (c.req.header('Ocp-Apim-Subscription-Key') !== options.subscriptionKey)
      return c.json({ statusCode: 401, message: 'Access denied due to invalid subscription key.' }, 401);
    await next();
  });
  app.post('/organizations/:org/debtpositions', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    if (body === undefined) return problemJson(c, 400, 'BAD_REQUEST', 'malformed JSON');
    const issues = checkCreate(body);
    if (issues.length > 0)
      return problemJson(c, 400, 'BAD_REQUEST', issues.map((i) => `${i.path}: ${i.reason}`).join('; '));
    // The published model is looser than what this project sends (one option, one transfer);
    // GpdDebtPosition is the part the ledger reads.
    const position = body as GpdDebtPosition;
    const result = ledger.create(c.req.param('org'), position, c.req.query('toPublish') === 'true');
    if (result.outcome === 'invalid') return problemJson(c, 400, 'BAD_REQUEST', result.detail);
    if (result.outcome === 'duplicate')
      return problemJson(
        c,
        409,
        'Conflict',
        `Debt Position with the given iupd ${position.iupd} already exists.`,
      );
    return c.json(positionModel(result.entry), 201);
  });
  app.get('/organizations/:org/debtpositions/:iupd', (c) => {
    const entry = owned(c.req.param('org'), c.req.param('iupd'));
    return entry
      ? c.json(positionResponse(entry))
      : problemJson(c, 404, 'Not found', 'No debt position found.');
  });
  app.post('/organizations/:org/debtpositions/:iupd/publish', (c) => {
    const entry = owned(c.req.param('org'), c.req.param('iupd'));
    if (!entry) return problemJson(c, 404, 'Not found', 'No debt position found.');
    const result = ledger.publish(entry.position.iupd);
    return result.outcome === 'published'
      ? c.json(positionModel(result.entry))
      : problemJson(c, 409, 'Conflict', 'Debt position is not in publishable state.');
  });
  return app;
}

/** Starts the simulator on 127.0.0.1 (port 0: any free port). */
export async function startGpdHttpSimulator(
  options: GpdHttpSimulatorOptions & { port?: number },
): Promise<RunningGpdSimulator> {
  const ledger = options.ledger ?? new MemoryGpdSimulator();
  const now = options.now ?? (() => new Date());
  let receipts = options.receipts;
  const app = gpdSimulatorApp({ ...options, ledger });
  const pay: RunningGpdSimulator['pay'] = async (noticeNumber, payOptions = {}) => {
    const notification = ledger.pay(noticeNumber, now(), {
      name: payOptions.pspName ?? 'PSP simulato',
      commissionCents: 100,
    });
    if (!notification) return null;
    const deliveries = await Promise.all(
      Array.from({ length: payOptions.times ?? 1 }, () => notify(receipts, notification)),
    );
    return { notification, deliveries };
  };
  // The simulator's own action, for a person driving it with curl.
  app.post('/simulator/payments', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    if (!Value.Check(PayBody, body))
      return problemJson(c, 400, 'BAD_REQUEST', 'expected {noticeNumber, times?}');
    const outcome = await pay(body.noticeNumber, {
      ...(body.times ? { times: body.times } : {}),
      ...(body.pspName ? { pspName: body.pspName } : {}),
    });
    return outcome ? c.json(outcome) : problemJson(c, 404, 'Not found', 'No valid position has this notice.');
  });
  const server = await new Promise<ServerType>((done, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => done(s));
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ledger,
    pay,
    notifyTo: (target) => {
      receipts = target;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** The notification in the shape POST /v1/pagopa/receipts accepts (its schema's own type). */
export function receiptNotificationBody(
  notification: ReceiptNotification,
): Static<typeof ReceiptNotificationBody> {
  const { receipt } = notification;
  return {
    iupd: notification.iupd,
    organizationFiscalCode: notification.organizationFiscalCode,
    receiptId: receipt.receiptId,
    paymentDateTime: receipt.paidAt,
    amountCents: receipt.amountCents,
    pspName: receipt.pspName,
    pspCommissionCents: receipt.pspCommissionCents,
  };
}

/** POSTs the receipt notification to /v1/pagopa/receipts. */
async function notify(
  target: GpdHttpSimulatorOptions['receipts'],
  notification: ReceiptNotification,
): Promise<{ status: number; body: unknown }> {
  if (!target) return { status: 0, body: null };
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(receiptNotificationBody(notification)),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch {
    return { status: 0, body: null };
  }
}
