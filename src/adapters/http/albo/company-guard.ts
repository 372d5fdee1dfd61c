// Who may act on a company's account: the company logged in to the register portal, or a service
// with the roles a route lists.
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../api-keys.js';
import type { AppEnv } from '../app-env.js';
import { forbidden } from '../auth.js';

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
