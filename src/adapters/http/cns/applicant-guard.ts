// Who may see and change a CNS application: its applicant, as far as the application's state
// allows, or a service with the roles a route lists.
import type { MiddlewareHandler } from 'hono';
import type { CnsStatus } from '../../../application/cns/application.js';
import { accessIn } from '../../../application/cns/sessions.js';
import type { Role } from '../api-keys.js';
import type { AppEnv } from '../app-env.js';
import { forbidden } from '../auth.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** For an applicant's token: the application's status, read when its session was checked. */
    applicantStatus: CnsStatus | undefined;
  }
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
