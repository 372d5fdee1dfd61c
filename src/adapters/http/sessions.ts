// The session check behind every company and applicant token (auth.ts): one read of the account or
// the application, through the procedures' own use cases. A procedure that is not wired refuses its
// tokens, since nothing could say whether they are still live.

import { alboProblemResponse } from './albo/errors.js';
import type { AppDeps, SessionCheck } from './app-env.js';
import { problem, problemResponse } from './problem.js';

const ended = () =>
  problemResponse(problem('UNAUTHENTICATED', 'The session has ended: ask for a new token.'));

export function sessionCheck(deps: Pick<AppDeps, 'albo' | 'cns'>): SessionCheck {
  return async (c, principal) => {
    if (principal.kind === 'company') {
      if (!deps.albo) return ended();
      const checked = await deps.albo.sessions.check(principal);
      return checked.ok ? null : alboProblemResponse(checked.error);
    }
    if (!deps.cns) return ended();
    const checked = await deps.cns.sessions.check(principal);
    if (!checked.ok) return ended();
    c.set('applicantStatus', checked.value);
    return null;
  };
}
