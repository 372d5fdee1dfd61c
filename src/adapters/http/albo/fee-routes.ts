// The annual fee [P-QUOTA][P-DEADLINE][P-RECEIPT-ALBO] [§5]: the fleet, the fee, the pagoPA payment
// and the receipt. A payment-only account may see its fee, pay it and print its receipt.
import type { Hono } from 'hono';
import type { AlboUseCases } from '../../../application/albo/albo-use-cases.js';
import type { AppEnv } from '../app-env.js';
import { readBody } from '../json-body.js';
import { allowCompany } from './company-guard.js';
import { alboProblemResponse } from './errors.js';
import { callerMatricola, yearParam } from './params.js';
import { receiptHtml } from './receipt-html.js';
import { FleetBody, PaymentBody } from './schemas.js';

export function registerFeeRoutes(app: Hono<AppEnv>, albo: AlboUseCases): void {
  const fleetGuard = allowCompany({ roles: ['operator', 'admin'] });
  app.get('/v1/albo/companies/:matricola/fleet', fleetGuard, async (c) => {
    const result = await albo.fleet.get(c.req.param('matricola'));
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });
  app.put('/v1/albo/companies/:matricola/fleet', fleetGuard, async (c) => {
    const body = await readBody(c, FleetBody);
    if (!body.ok) return body.response;
    const result = await albo.fleet.replace(c.req.param('matricola'), body.value.vehicles);
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });

  const payer = allowCompany({ paymentOnlyAllowed: true });
  app.get('/v1/albo/quotas/:year', payer, async (c) => {
    const year = yearParam(c);
    if (!year.ok) return year.response;
    const result = await albo.quota.execute(callerMatricola(c) ?? '', year.value);
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });

  // The payments page: the company's own payments only, so a company session and no service role.
  app.get('/v1/albo/payments', payer, async (c) => {
    const result = await albo.payments.execute(callerMatricola(c) ?? '');
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });

  app.post('/v1/albo/payments', payer, async (c) => {
    const body = await readBody(c, PaymentBody);
    if (!body.ok) return body.response;
    const result = await albo.payFee.execute(callerMatricola(c) ?? '', body.value.year);
    if (!result.ok) return alboProblemResponse(result.error);
    return c.json(result.value, result.value.created ? 201 : 200);
  });

  app.get(
    '/v1/albo/payments/:id/receipt',
    allowCompany({ paymentOnlyAllowed: true, roles: ['operator', 'admin'] }),
    async (c) => {
      const matricola = callerMatricola(c);
      const result = await albo.receipt.execute(
        c.req.param('id'),
        matricola ? { matricola } : { operator: true },
      );
      if (!result.ok) return alboProblemResponse(result.error);
      if ((c.req.header('accept') ?? '').includes('text/html')) return c.html(receiptHtml(result.value));
      return c.json(result.value);
    },
  );
}
