// pagoPA's receipt notification [§4][§5]: idempotent. Only the payment provider's own credential
// (role payment-provider) may post one; every refusal is logged (warn) with the payment's id and the
// caller's key label, never a key or a token.
import { type Static, Type } from '@sinclair/typebox';
import type { Hono, MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { ReceiptRefusal, RecordReceipt } from '../../../application/payments/record-receipt.js';
import type { AppEnv, Caller } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { readBody } from '../json-body.js';
import { problem, problemResponse } from '../problem.js';
import type { RouteModule } from '../route-module.js';

export const ReceiptNotificationBody = Type.Object(
  {
    iupd: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    noticeNumber: Type.Optional(Type.String({ pattern: '^3\\d{17}$' })),
    organizationFiscalCode: Type.String({
      pattern: '^\\d{11}$',
      description: "The creditor paid (GPD organization fiscal code); must be the position's.",
    }),
    receiptId: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The PSP's receipt id: the idempotency key.",
    }),
    paymentDateTime: Type.String({ format: 'date-time' }),
    amountCents: Type.Integer({ minimum: 1 }),
    pspName: Type.String({ minLength: 1, maxLength: 140 }),
    pspCommissionCents: Type.Integer({ minimum: 0 }),
  },
  {
    additionalProperties: false,
    $id: 'ReceiptNotification',
    description: 'The position paid is named by its iupd, its notice number, or both.',
    anyOf: [{ required: ['iupd'] }, { required: ['noticeNumber'] }],
  },
);

/** Who called, for the log: a key's label and role, or the kind of token (never the secret). */
const whoIs = (caller: Caller) =>
  caller.kind === 'service' ? { label: caller.label, role: caller.role } : { kind: caller.kind };

function refusal(error: ReceiptRefusal): Response {
  switch (error.code) {
    case 'UNKNOWN_PAYMENT':
      return problemResponse(
        problem('UNKNOWN_PAYMENT', 'No payment has this iupd or notice number (or they name two payments).'),
      );
    case 'CREDITOR_MISMATCH':
      return problemResponse(
        problem('CREDITOR_MISMATCH', 'The position is payable to another creditor.', {
          violations: [{ field: '/organizationFiscalCode', reason: "is not the position's creditor" }],
        }),
      );
    case 'AMOUNT_MISMATCH':
      return problemResponse(
        problem('AMOUNT_MISMATCH', `The amount due is ${error.expectedCents} cents.`, {
          violations: [{ field: '/amountCents', reason: `must be ${error.expectedCents}` }],
        }),
      );
    case 'PAYMENT_EXPIRED':
      return problemResponse(
        problem('PAYMENT_EXPIRED', `The position was payable until ${error.dueDate} (Europe/Rome).`, {
          violations: [{ field: '/paymentDateTime', reason: `is after the due date ${error.dueDate}` }],
        }),
      );
    case 'RECEIPT_NOT_CONFIRMED':
      return problemResponse(
        problem(
          'RECEIPT_NOT_CONFIRMED',
          `pagoPA GPD shows the position ${error.gpdStatus ?? 'as unknown'}, not paid by this receipt.`,
        ),
      );
    case 'RECEIPT_CONFLICT':
      return problemResponse(
        problem('RECEIPT_CONFLICT', 'This payment was already paid with another receipt.'),
      );
    case 'PAYMENT_GATEWAY_UNAVAILABLE':
      return problemResponse(
        problem('PAYMENT_GATEWAY_UNAVAILABLE', 'pagoPA GPD did not answer; the receipt was not recorded.'),
        { 'retry-after': '60' },
      );
  }
}

export function registerReceiptRoute(app: Hono<AppEnv>, recordReceipt: RecordReceipt, logger: Logger): void {
  const onlyTheProvider = allowRoles('payment-provider');
  const guard: MiddlewareHandler<AppEnv> = (c, next) => {
    const caller = c.get('caller');
    if (caller.kind !== 'service' || caller.role !== 'payment-provider')
      logger.warn({ caller: whoIs(caller) }, 'pagoPA receipt refused: not the payment provider');
    return onlyTheProvider(c, next);
  };
  app.post('/v1/pagopa/receipts', guard, async (c) => {
    const body = await readBody(c, ReceiptNotificationBody);
    if (!body.ok) return body.response;
    const n: Static<typeof ReceiptNotificationBody> = body.value;
    const result = await recordReceipt.execute({
      ...(n.iupd ? { iupd: n.iupd } : {}),
      ...(n.noticeNumber ? { noticeNumber: n.noticeNumber } : {}),
      organizationFiscalCode: n.organizationFiscalCode,
      receipt: {
        receiptId: n.receiptId,
        paidAt: n.paymentDateTime,
        amountCents: n.amountCents,
        pspName: n.pspName,
        pspCommissionCents: n.pspCommissionCents,
      },
    });
    if (result.ok) return c.json(result.value);
    const { code, ...details } = result.error;
    logger.warn(
      { code, ...details, iupd: n.iupd, noticeNumber: n.noticeNumber, caller: whoIs(c.get('caller')) },
      'pagoPA receipt refused',
    );
    return refusal(result.error);
  });
}

export const paymentsModule: RouteModule = {
  name: 'payments',
  register: (app, deps) => registerReceiptRoute(app, deps.payments.recordReceipt, deps.logger),
  openApi: {
    tags: [{ name: 'pagopa', description: 'Notifications from pagoPA.' }],
    schemas: { ReceiptNotification: JSON.parse(JSON.stringify(ReceiptNotificationBody)) },
    paths: {
      '/v1/pagopa/receipts': {
        post: {
          tags: ['pagopa'],
          operationId: 'recordReceipt',
          summary: 'A payment receipt from pagoPA (idempotent: the same receipt again changes nothing)',
          description:
            "Role: payment-provider only (pagoPA's own credential). The receipt must match the open position (creditor, amount, paid by the due date) and GPD's record of it (paid, by this receipt when GPD names one); every refusal is logged.",
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ReceiptNotification' } } },
          },
          responses: {
            200: {
              description: 'Recorded, or recognised as a duplicate.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { paymentId: { type: 'string' }, duplicate: { type: 'boolean' } },
                  },
                },
              },
            },
            400: { $ref: '#/components/responses/Problem' },
            401: { $ref: '#/components/responses/Problem' },
            403: { $ref: '#/components/responses/Problem' },
            404: { $ref: '#/components/responses/Problem' },
            409: { $ref: '#/components/responses/Problem' },
            422: { $ref: '#/components/responses/Problem' },
            503: { $ref: '#/components/responses/Problem' },
          },
        },
      },
    },
  },
};
