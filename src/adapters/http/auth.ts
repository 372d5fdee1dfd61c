// Who is calling [§5]: a service with an API key (and its role), or the holder of a token a
// procedure issued. `authenticate` finds out; `allowRoles` guards the services' routes, and each
// procedure guards its own holders' routes with a guard beside them.
import type { Context, MiddlewareHandler, Next } from 'hono';
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

export const forbidden = (detail: string) => problemResponse(problem('FORBIDDEN', detail));

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
