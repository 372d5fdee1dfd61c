// Who is calling [§5]: a service with an API key (and its role), a company logged in to the register
// portal, or a CNS applicant with the token of their application. `authenticate` finds out; the
// guards below protect each route.
import type { Context, MiddlewareHandler, Next } from 'hono';
import { accessIn } from '../../application/cns/sessions.js';
import type { TokenIssuer } from '../../application/ports/token-issuer.js';
import type { ApiKeyring, Role } from './api-keys.js';
import type { AppEnv, SessionCheck } from './app-env.js';
import { problem, problemResponse } from './problem.js';
import { requestHeader } from './request-header.js';

const CHALLENGE = 'Bearer realm="pa-policy-engine"';
/** The roles that use the engine's own routes (policies, decisions); the payment provider only posts receipts. */
export const ALL_ROLES: readonly Role[] = ['service', 'operator', 'admin', 'auditor'];

export type { Caller } from './app-env.js';

export function authenticate(
  keyring: ApiKeyring,
  tokens?: TokenIssuer,
  sessions?: SessionCheck,
): MiddlewareHandler<AppEnv> {
  // Not async: a service's key is known at once, and the route runs without another await here.
  return (c, next) => {
    const header = requestHeader(c, 'authorization');
    const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1])
      return Promise.resolve(
        problemResponse(
          problem('UNAUTHENTICATED', 'Send the header "Authorization: Bearer <api key or token>".'),
          {
            'www-authenticate': CHALLENGE,
          },
        ),
      );
    const holder = keyring.holderOf(match[1]);
    if (holder) {
      c.set('caller', { kind: 'service', role: holder.role, label: holder.label });
      return next();
    }
    return withToken(c, next, match[1], tokens, sessions);
  };
}

/** A company's or an applicant's token (verifying one may take a lookup). */
async function withToken(
  c: Context<AppEnv>,
  next: Next,
  token: string,
  tokens: TokenIssuer | undefined,
  sessions: SessionCheck | undefined,
): Promise<Response | undefined> {
  const principal = (await tokens?.verify(token)) ?? null;
  if (!principal)
    return problemResponse(
      problem('UNAUTHENTICATED', 'The API key or token is not known, or it has expired.'),
      {
        'www-authenticate': `${CHALLENGE}, error="invalid_token"`,
      },
    );
  // A signed, unexpired token whose session has ended (logout, suspension, password change…).
  const refused = sessions ? await sessions(c, principal) : null;
  if (refused) {
    if (refused.status === 401)
      refused.headers.set('www-authenticate', `${CHALLENGE}, error="invalid_token"`);
    return refused;
  }
  c.set('caller', principal);
  await next();
}

const forbidden = (detail: string) => problemResponse(problem('FORBIDDEN', detail));

/** Only services whose API key has one of these roles. */
export function allowRoles(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const caller = c.get('caller');
    if (caller.kind !== 'service')
      return Promise.resolve(
        forbidden(`This operation needs an API key with the role ${roles.join(' or ')}.`),
      );
    if (!roles.includes(caller.role))
      return Promise.resolve(
        forbidden(
          `This operation needs the role ${roles.join(' or ')}; the API key has role ${caller.role}.`,
        ),
      );
    return next();
  };
}

/**
 * A logged-in company acting on its own account (`:matricola` in the path when present). A
 * `payment-only` account may only pay [P-REGMODE]; until the first password change the token
 * allows nothing but changing it [P-PASSWORD]. Services with the listed roles pass too.
 */
export function allowCompany(
  options: { paymentOnlyAllowed?: boolean; beforePasswordChange?: boolean; roles?: Role[] } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    if (caller.kind === 'service') {
      if (options.roles?.includes(caller.role)) return next();
      return forbidden('This operation is for the company itself (log in with POST /v1/albo/sessions).');
    }
    if (caller.kind !== 'company')
      return forbidden('This operation is for a company of the road-haulage register.');
    const matricola = c.req.param('matricola');
    if (matricola !== undefined && matricola !== caller.matricola)
      return forbidden('A company can only act on its own account.');
    if (caller.passwordChangeRequired && !options.beforePasswordChange)
      return forbidden('The password must be changed first (POST /v1/albo/accounts/{matricola}/password).');
    if (caller.scope === 'payment-only' && !options.paymentOnlyAllowed)
      return forbidden('A simplified (payment-only) registration can only pay the annual fee.');
    await next();
  };
}

/**
 * The CNS applicant of the application in the path (`:id`), or a service with the listed roles. An
 * applicant's token follows the application's state: after delivery it may only read and (where
 * `revocation` is set) ask for revocation; after revocation it may only read.
 */
export function allowApplicant(
  options: { roles?: Role[]; revocation?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    if (caller.kind === 'service') {
      if (options.roles?.includes(caller.role)) return next();
      return forbidden(
        `This operation needs the applicant's token or the role ${(options.roles ?? []).join(' or ') || 'none'}.`,
      );
    }
    if (caller.kind !== 'applicant' || caller.applicationId !== c.req.param('id'))
      return forbidden('An applicant can only see and change their own application.');
    const status = c.get('applicantStatus');
    const access = status ? accessIn(status) : 'all';
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!reading && access === 'read-only')
      return forbidden('The application is revoked: its token can only read it.');
    if (!reading && access === 'read-and-revoke' && !options.revocation)
      return forbidden(
        'The card is delivered: its token can only read the application or ask for revocation (to correct data: revoke and apply again).',
      );
    await next();
  };
}
