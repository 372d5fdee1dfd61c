// Only with the embedded adapters, never with NODE_ENV=production (dev-routes.ts): read the mailbox
// and pay a notice through the pagoPA simulator, so a person can run the procedures end to end
// (README walkthrough). Operators and admins only.
import { Type } from '@sinclair/typebox';
import { allowRoles } from '../auth.js';
import { readBody } from '../json-body.js';
import { problem, problemResponse } from '../problem.js';
import type { RouteModule } from '../route-module.js';

const PayNoticeBody = Type.Object(
  {
    noticeNumber: Type.String({ pattern: '^3\\d{17}$' }),
    pspName: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })),
    pspCommissionCents: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const devModule: RouteModule = {
  name: 'dev',
  register(app, deps) {
    const dev = deps.dev;
    if (!dev) return;
    const guard = allowRoles('operator', 'admin');
    const mailbox = dev.mailbox;
    if (mailbox)
      app.get('/v1/dev/mailbox', guard, async (c) => {
        await dev.dispatch.run();
        return c.json({ messages: mailbox.messages(c.req.query('to')) });
      });
    const simulator = dev.simulator;
    if (!simulator) return;
    // The simulator is the payment provider here: its receipt goes to the use case in process.
    app.post('/v1/dev/pagopa/payments', guard, async (c) => {
      const body = await readBody(c, PayNoticeBody);
      if (!body.ok) return body.response;
      const { noticeNumber, pspName, pspCommissionCents } = body.value;
      const notification = simulator.pay(noticeNumber, dev.clock.now(), {
        name: pspName ?? 'PSP simulato',
        commissionCents: pspCommissionCents ?? 100,
      });
      if (!notification)
        return problemResponse(
          problem('UNKNOWN_PAYMENT', `No open pagoPA position has notice ${noticeNumber}.`),
        );
      const result = await deps.payments.recordReceipt.execute(notification);
      await dev.dispatch.run();
      return c.json({ notification, result });
    });
  },
  openApi: {
    tags: [{ name: 'dev', description: 'Embedded default only: the mailbox and the pagoPA simulator.' }],
    paths: {
      '/v1/dev/mailbox': {
        get: {
          tags: ['dev'],
          operationId: 'devMailbox',
          summary: 'Messages delivered by the embedded mail transport, newest first',
          description:
            'Roles: operator, admin. Query `to` filters by address. Not served when SMTP_URL is set (mail then leaves over SMTP).',
          parameters: [{ name: 'to', in: 'query', required: false, schema: { type: 'string' } }],
          responses: {
            200: { description: 'The messages.' },
            401: { $ref: '#/components/responses/Problem' },
            403: { $ref: '#/components/responses/Problem' },
          },
        },
      },
      '/v1/dev/pagopa/payments': {
        post: {
          tags: ['dev'],
          operationId: 'devPayNotice',
          summary: 'Pay a notice through the pagoPA simulator, which then notifies the receipt',
          description: 'Roles: operator, admin.',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: JSON.parse(JSON.stringify(PayNoticeBody)) } },
          },
          responses: {
            200: { description: 'Paid; the notification and its result.' },
            400: { $ref: '#/components/responses/Problem' },
            401: { $ref: '#/components/responses/Problem' },
            403: { $ref: '#/components/responses/Problem' },
            404: { $ref: '#/components/responses/Problem' },
            415: { $ref: '#/components/responses/Problem' },
          },
        },
      },
    },
  },
};
