// The session check behind every procedure's token (auth.ts): the procedure that issues the token
// kind checks it, through its own use cases. A token no registered procedure owns is refused, since
// nothing could say whether it is still live.
import type { Context } from 'hono';
import type { Principal } from '../../application/ports/token-issuer.js';
import type { AppEnv, SessionCheck, SessionOwner } from './app-env.js';
import { problem, problemResponse } from './problem.js';

export const sessionEnded = () =>
  problemResponse(problem('UNAUTHENTICATED', 'The session has ended: ask for a new token.'));

/** A procedure owns the tokens of one principal kind: `check` is handed only those. */
export function sessionsOf<K extends Principal['kind']>(
  principal: K,
  check: (c: Context<AppEnv>, principal: Extract<Principal, { kind: K }>) => Promise<Response | null>,
): SessionOwner {
  return {
    principal,
    check: (c, p) =>
      p.kind === principal ? check(c, p as Extract<Principal, { kind: K }>) : Promise.resolve(sessionEnded()),
  };
}

export function sessionCheck(owners: readonly SessionOwner[]): SessionCheck {
  return (c, principal) => {
    const owner = owners.find((o) => o.principal === principal.kind);
    return owner ? owner.check(c, principal) : Promise.resolve(sessionEnded());
  };
}
