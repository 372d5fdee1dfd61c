// pagoPA's receipt notification [§4][§5]: idempotent; pagoPA calls with an API key of role service.
import { type Static, Type } from '@sinclair/typebox';
import type { Hono } from 'hono';
import type { RecordReceipt } from '../../../application/payments/record-receipt.js';
import type { AppEnv } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { readBody } from '../json-body.js';
import { problem, problemResponse } from '../problem.js';
import type { RouteModule } from '../route-module.js';

export const ReceiptNotificationBody = Type.Object(
  {
    iupd: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    noticeNumber: Type.Optional(Type.String({ pattern: '^3\\d{17}$' })),
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
  { additionalProperties: false, $id: 'ReceiptNotification' },
);

export function registerReceiptRoute(app: Hono<AppEnv>, recordReceipt: RecordReceipt): void {
  app.post('/v1/pagopa/receipts', allowRoles('service', 'admin'), async (c) => {
    const body = await readBody(c, ReceiptNotificationBody);
    if (!body.ok) return body.response;
    const n: Static<typeof ReceiptNotificationBody> = body.value;
    if (!n.iupd && !n.noticeNumber)
      return problemResponse(
        problem('INVALID_BODY', 'Give the iupd or the notice number.', {
          violations: [{ field: '/iupd', reason: 'iupd or noticeNumber is required' }],
        }),
      );
    const result = await recordReceipt.execute({
      ...(n.iupd ? { iupd: n.iupd } : {}),
      ...(n.noticeNumber ? { noticeNumber: n.noticeNumber } : {}),
      receipt: {
        receiptId: n.receiptId,
        paidAt: n.paymentDateTime,
        amountCents: n.amountCents,
        pspName: n.pspName,
        pspCommissionCents: n.pspCommissionCents,
      },
    });
    if (result.ok) return c.json(result.value);
    const { error } = result;
    if (error.code === 'AMOUNT_MISMATCH')
      return problemResponse(problem('AMOUNT_MISMATCH', `The amount due is ${error.expectedCents} cents.`));
    if (error.code === 'RECEIPT_CONFLICT')
      return problemResponse(
        problem('RECEIPT_CONFLICT', 'This payment was already paid with another receipt.'),
      );
    return problemResponse(problem('UNKNOWN_PAYMENT', 'No payment has this iupd or notice number.'));
  });
}

export const paymentsModule: RouteModule = {
  name: 'payments',
  register: (app, deps) => registerReceiptRoute(app, deps.payments.recordReceipt),
  openApi: {
    tags: [{ name: 'pagopa', description: 'Notifications from pagoPA.' }],
    schemas: { ReceiptNotification: JSON.parse(JSON.stringify(ReceiptNotificationBody)) },
    paths: {
      '/v1/pagopa/receipts': {
        post: {
          tags: ['pagopa'],
          operationId: 'recordReceipt',
          summary: 'A payment receipt from pagoPA (idempotent: the same receipt again changes nothing)',
          description: 'Roles: service, admin.',
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
            404: { $ref: '#/components/responses/Problem' },
            409: { $ref: '#/components/responses/Problem' },
            422: { $ref: '#/components/responses/Problem' },
          },
        },
      },
    },
  },
};
