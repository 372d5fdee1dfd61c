// Read, decide, write with a version check, and start again when another writer got there first:
// the single-document optimistic update every CNS state change goes through. The e-mails a change
// causes are written by the same update, so a change and its mail happen together or not at all.

import { err, ok } from '../../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { newOutboxMessage } from '../ports/mail.js';
import type { CnsApplication } from './application.js';
import type { CnsError, Result } from './errors.js';
import type { CnsApplicationRepository } from './ports/application-repository.js';

export interface MailDraft {
  to: string;
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
  /** Erased from the outbox once sent (sealed codes, the locked key). */
  sensitive?: boolean;
}

/** What a change decided: a new state with its mail, nothing to do (`next` null), or a refusal. */
export type Change =
  | { ok: true; next: CnsApplication | null; mail?: MailDraft[] }
  | { ok: false; error: CnsError };

export interface ChangeDeps {
  applications: CnsApplicationRepository;
  ids: IdGenerator;
  clock: Clock;
}

const MAX_ATTEMPTS = 20;

export async function changeApplication(
  deps: ChangeDeps,
  id: string,
  decide: (current: CnsApplication) => Promise<Change>,
): Promise<Result<CnsApplication>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await deps.applications.get(id);
    if (!current) return err({ code: 'UNKNOWN_APPLICATION', applicationId: id });
    const change = await decide(current);
    if (!change.ok) return change;
    if (change.next === null) return ok(current);
    const now = deps.clock.now();
    const mail = (change.mail ?? []).map((m) => newOutboxMessage(deps.ids.next(), m, now));
    const saved = await deps.applications.replace(change.next, current.version, mail);
    if (saved === 'saved')
      return ok({ ...change.next, version: current.version + 1, outbox: [...current.outbox, ...mail] });
    if (saved === 'not-found') return err({ code: 'UNKNOWN_APPLICATION', applicationId: id });
  }
  return err({ code: 'CONCURRENT_UPDATE', applicationId: id });
}

/** The status change with its history entry. */
export function moveTo(app: CnsApplication, status: CnsApplication['status'], at: Date): CnsApplication {
  return { ...app, status, history: [...app.history, { status, at: at.toISOString() }] };
}
