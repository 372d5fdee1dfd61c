// The help desk (seed 000): assistance tickets, recorded by the service that reads the help desk's
// mailbox or by an operator, and the outreach list of companies to call for a fee year.
import type { Hono } from 'hono';
import type { AlboUseCases } from '../../../application/albo/albo-use-cases.js';
import type { AssistanceTicket } from '../../../application/albo/assistance-ticket.js';
import type { AppEnv } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { readBody } from '../json-body.js';
import { alboProblemResponse } from './errors.js';
import { enumQuery, yearParam } from './params.js';
import { TicketBody } from './schemas.js';

const HELP_DESK = allowRoles('operator', 'admin');

export function registerHelpDeskRoutes(app: Hono<AppEnv>, albo: AlboUseCases): void {
  app.post('/v1/albo/assistance-tickets', allowRoles('service', 'operator', 'admin'), async (c) => {
    const body = await readBody(c, TicketBody);
    if (!body.ok) return body.response;
    const result = await albo.assistance.open(body.value);
    return result.ok ? c.json(withoutImage(result.value), 201) : alboProblemResponse(result.error);
  });

  app.get('/v1/albo/assistance-tickets', HELP_DESK, async (c) => {
    const status = enumQuery(c, 'status', ['open', 'closed'] as const);
    if (!status.ok) return status.response;
    return c.json({ tickets: (await albo.assistance.list(status.value)).map(withoutImage) });
  });

  app.get('/v1/albo/assistance-tickets/:id', HELP_DESK, async (c) => {
    const result = await albo.assistance.get(c.req.param('id'));
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });

  app.get('/v1/albo/outreach/:year', HELP_DESK, async (c) => {
    const year = yearParam(c);
    if (!year.ok) return year.response;
    const result = await albo.outreach.execute(year.value);
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });
}

/** Lists carry the screenshot's size, not its data. */
function withoutImage(ticket: AssistanceTicket) {
  const { screenshot } = ticket;
  return {
    ...ticket,
    screenshot: screenshot ? { contentType: screenshot.contentType, sizeBytes: screenshot.sizeBytes } : null,
  };
}
