// The decision API on Hono [§5]. Built from its dependencies only, so tests call `app.request()`
// on the same wiring as `npm start`, without a network.
import { type Context, Hono, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { PaymentPositionPending } from '../../application/payments/open-payment.js';
import { PasswordHasherBusy } from '../../application/ports/password-hasher.js';
import { isStoreUnavailable } from '../mongo/mongo-connection.js';
import { allowedMethods } from './allowed-methods.js';
import type { AppDeps, AppEnv } from './app-env.js';
import { ALL_ROLES, allowRoles, authenticate } from './auth.js';
import { consoleModule } from './console/console-routes.js';
import { DEFAULT_REQUEST_DEADLINE_MS, deadline } from './deadline.js';
import { type ProblemCode, problem, problemResponse } from './problem.js';
import { requestHeader } from './request-header.js';
import { requestId, requestIdOf } from './request-id.js';
import { MAX_BODY_BYTES, payloadTooLarge } from './request-text.js';
import { registerAdminRoutes, registerImpactRoute } from './routes/admin.js';
import { auditModule } from './routes/audit.js';
import { registerDecisionRoutes } from './routes/decisions.js';
import { devModule } from './routes/dev.js';
import { registerDocsRoutes } from './routes/docs.js';
import { registerHealthRoutes } from './routes/health.js';
import { paymentsModule } from './routes/payments.js';
import { registerPolicyRoutes } from './routes/policies.js';
import { registerPolicyDecisionRoutes } from './routes/policy-decisions.js';
import { rulesPublicationModule } from './routes/rules-publications.js';
import { registerRulesStatusRoutes } from './routes/rules-status.js';
import { sessionCheck } from './sessions.js';

export type { AppDeps };

/** Hono's own client errors (thrown by middleware) keep their status, in our problem format. */
const CLIENT_ERRORS: Partial<Record<number, ProblemCode>> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const where = (c: Context<AppEnv>) => ({ method: c.req.method, path: c.req.path, requestId: requestIdOf(c) });

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { logger } = deps;

  // The log line is built only when it will be written (debug is off in production); otherwise the
  // request goes on without an async step of this middleware's own.
  const logRequest = async (c: Context<AppEnv>, next: Next): Promise<void> => {
    const started = performance.now();
    await next();
    logger.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        requestId: requestIdOf(c),
      },
      'request',
    );
  };
  app.use((c, next) => (logger.isLevelEnabled('debug') ? logRequest(c, next) : next()));
  app.use(requestId());
  app.use(deadline(deps.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS));
  // 413 for a body over the limit. A declared Content-Length is checked as Hono's bodyLimit checks
  // it, without touching the body (reading `c.req.raw.body`, as bodyLimit does first, makes
  // node-server build a Web Request and a body stream for every request). A body of unknown length
  // goes through bodyLimit, which counts it as it streams; the readers (request-text.ts) count too.
  const limitStreamed = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: payloadTooLarge });
  app.use((c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next(); // no body to limit
    const length = requestHeader(c, 'content-length');
    if (length !== undefined && requestHeader(c, 'transfer-encoding') === undefined)
      return Number.parseInt(length || '0', 10) > MAX_BODY_BYTES
        ? Promise.resolve(payloadTooLarge())
        : next();
    return limitStreamed(c, next);
  });

  const modules = [
    paymentsModule,
    devModule,
    auditModule,
    consoleModule,
    rulesPublicationModule,
    ...deps.modules,
  ];
  registerHealthRoutes(app, deps);
  registerDocsRoutes(
    app,
    deps,
    modules.flatMap((m) => (m.openApi && (m.name !== 'dev' || deps.dev) ? [m.openApi] : [])),
  );
  const owners = modules.flatMap((m) => (m.sessions ? [m.sessions] : []));
  app.use('/v1/*', authenticate(deps.keyring, deps.tokens, sessionCheck(owners)));
  // The engine's own routes are for services with an API key; companies and applicants use theirs.
  for (const path of ['/v1/policies', '/v1/policies/*', '/v1/decisions/*', '/v1/admin/*'])
    app.use(path, allowRoles(...ALL_ROLES));
  registerPolicyRoutes(app, deps);
  registerPolicyDecisionRoutes(app, deps);
  registerDecisionRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerImpactRoute(app, deps);
  registerRulesStatusRoutes(app, deps);
  for (const module of modules) module.register(app, deps);

  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path);
    // A route of this method that found nothing (an unknown id) is a 404, not a 405.
    if (allowed.length > 0 && !allowed.includes(c.req.method))
      return problemResponse(
        problem('METHOD_NOT_ALLOWED', `${c.req.path} answers ${allowed.join(', ')}, not ${c.req.method}.`),
        { allow: allowed.join(', ') },
      );
    return problemResponse(problem('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`));
  });
  // Bad input is answered where it is checked; whatever reaches here is a bug, logged but not disclosed.
  app.onError((error, c) => {
    if (error instanceof PaymentPositionPending) {
      logger.warn(
        { err: error, paymentId: error.paymentId, requestId: requestIdOf(c) },
        'pagoPA position pending',
      );
      return problemResponse(
        problem(
          'PAYMENT_POSITION_PENDING',
          'pagoPA does not answer yet; the payment is kept and its notice is issued when you ask again.',
        ),
        { 'retry-after': '5' },
      );
    }
    if (error instanceof PasswordHasherBusy)
      return problemResponse(
        problem('BUSY', `Too many sign-ins at once; retry in ${error.retryAfterSeconds} seconds.`),
        { 'retry-after': String(error.retryAfterSeconds) },
      );
    const code = error instanceof HTTPException ? CLIENT_ERRORS[error.status] : undefined;
    if (code) return problemResponse(problem(code, error.message || 'The request was refused.'));
    if (isStoreUnavailable(error)) {
      logger.warn({ err: error, ...where(c) }, 'store unavailable');
      return problemResponse(problem('STORE_UNAVAILABLE', 'The data store does not answer; retry shortly.'), {
        'retry-after': '2',
      });
    }
    logger.error({ err: error, ...where(c) }, 'unhandled error');
    return problemResponse(problem('INTERNAL', 'An unexpected error occurred; it has been logged.'));
  });
  return app;
}
