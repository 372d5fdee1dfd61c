// Registration, login, password change and RESET PASSWORD [P-REGMODE][P-LOCKOUT][P-PASSWORD] [§5].
// The portal and the help desk call registration, login and reset requests with a service key;
// the company then acts with the token login returns.
import type { Hono } from 'hono';
import type { AlboUseCases } from '../../../application/albo/albo-use-cases.js';
import type { AppEnv, RateLimitCheck } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { readBody } from '../json-body.js';
import { problem, problemResponse } from '../problem.js';
import { allowCompany } from './company-guard.js';
import { alboProblemResponse } from './errors.js';
import { enumQuery } from './params.js';
import { PasswordChangeBody, RegistrationBody, ResetRequestBody, SessionBody } from './schemas.js';

const SERVICES = allowRoles('service', 'operator', 'admin');
const HELP_DESK = allowRoles('operator', 'admin');
/** The "Amministratore di Sistema" of seed 000: only they restore a suspended account. */
const SYSTEM_ADMINISTRATOR = allowRoles('admin');

export function registerAccountRoutes(app: Hono<AppEnv>, albo: AlboUseCases, limits?: RateLimitCheck): void {
  app.post('/v1/albo/registrations', SERVICES, async (c) => {
    const body = await readBody(c, RegistrationBody);
    if (!body.ok) return body.response;
    const limited = await limits?.check(c, 'registration', body.value.fiscalCode);
    if (limited) return limited;
    const result = await albo.register.execute(body.value);
    return result.ok ? c.json(result.value, 201) : alboProblemResponse(result.error);
  });

  app.post('/v1/albo/sessions', SERVICES, async (c) => {
    const body = await readBody(c, SessionBody);
    if (!body.ok) return body.response;
    const limited = await limits?.check(c, 'login', body.value.matricola);
    if (limited) return limited;
    const result = await albo.logIn.execute(body.value.matricola, body.value.password);
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });

  // Logout: every session of the account ends (the session check reads its epoch on each request).
  app.delete('/v1/albo/sessions/current', async (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'company')
      return problemResponse(problem('FORBIDDEN', "Only a company's own token can be logged out."));
    const result = await albo.sessions.logOut(caller);
    return result.ok ? c.body(null, 204) : alboProblemResponse(result.error);
  });

  app.get('/v1/albo/accounts/:matricola', allowCompany({ roles: ['operator', 'admin'] }), async (c) => {
    const result = await albo.profile(c.req.param('matricola'));
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });

  app.post(
    '/v1/albo/accounts/:matricola/password',
    allowCompany({ paymentOnlyAllowed: true, beforePasswordChange: true }),
    async (c) => {
      const body = await readBody(c, PasswordChangeBody);
      if (!body.ok) return body.response;
      const limited = await limits?.check(c, 'password-change', c.req.param('matricola'));
      if (limited) return limited;
      const result = await albo.changePassword.execute(c.req.param('matricola'), body.value);
      return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
    },
  );

  app.post('/v1/albo/password-resets', SERVICES, async (c) => {
    const body = await readBody(c, ResetRequestBody);
    if (!body.ok) return body.response;
    const limited = await limits?.check(c, 'reset-request', body.value.matricola);
    if (limited) return limited;
    const result = await albo.requestReset.execute(body.value);
    return result.ok ? c.json(result.value, 202) : alboProblemResponse(result.error);
  });

  app.get('/v1/albo/password-resets', HELP_DESK, async (c) => {
    const status = enumQuery(c, 'status', ['pending', 'approved'] as const);
    if (!status.ok) return status.response;
    return c.json({ requests: await albo.listResets.execute(status.value ?? 'pending') });
  });

  app.post('/v1/albo/password-resets/:id/approval', SYSTEM_ADMINISTRATOR, async (c) => {
    const caller = c.get('caller');
    // The key's label (who approved), never the key; only admin keys reach here.
    const approvedBy = caller.kind === 'service' ? caller.label : caller.kind;
    const result = await albo.approveReset.execute(c.req.param('id'), approvedBy);
    return result.ok ? c.json(result.value) : alboProblemResponse(result.error);
  });
}
