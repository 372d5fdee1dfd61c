// Bearer API keys [§5]: `authenticate` finds the caller's role, `allowRoles` guards one route.
import type { MiddlewareHandler } from 'hono';
import type { ApiKeyring, Role } from './api-keys.js';
import type { AppEnv } from './app-env.js';
import { problem, problemResponse } from './problem.js';

const CHALLENGE = 'Bearer realm="pa-policy-engine"';

export function authenticate(keyring: ApiKeyring): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1])
      return problemResponse(
        problem('UNAUTHENTICATED', 'Send the header "Authorization: Bearer <api key>".'),
        {
          'www-authenticate': CHALLENGE,
        },
      );
    const role = keyring.roleOf(match[1]);
    if (!role)
      return problemResponse(problem('UNAUTHENTICATED', 'The API key is not known.'), {
        'www-authenticate': `${CHALLENGE}, error="invalid_token"`,
      });
    c.set('role', role);
    await next();
  };
}

export function allowRoles(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const role = c.get('role');
    if (!roles.includes(role))
      return problemResponse(
        problem(
          'FORBIDDEN',
          `This operation needs the role ${roles.join(' or ')}; the API key has role ${role}.`,
        ),
      );
    await next();
  };
}
