// Webcam recognition, or in person at the counter: an operator records the session `completed` or
// `suspended` (technical problem, invalid documents), with the OTP signatures the system sent to
// the mobile number given at registration. No SMS gateway is wired: each OTP is recorded on the
// application (document, number, time); the code itself is never stored.
import { romeDateOf } from '../../domain/dates.js';
import { err } from '../../domain/types.js';
import type { CnsApplication, OtpSignature, RecognitionSession, SuspensionReason } from './application.js';
import { changeApplication, type MailDraft } from './change-application.js';
import { type CnsError, type Result, stateConflict } from './errors.js';
import { recognizedMail, suspendedMail } from './mails.js';
import type { CnsPorts } from './ports/cns-ports.js';
import { completeIfReady } from './timeline.js';

export interface SessionInput {
  channel: 'webcam' | 'counter';
  outcome: 'completed' | 'suspended';
  reason?: SuspensionReason;
  /** The documents signed with an OTP during the session. */
  signedDocuments?: string[];
  note?: string;
}

function checkInput(input: SessionInput): Array<{ field: string; reason: string }> {
  if (input.outcome === 'suspended' && !input.reason)
    return [
      { field: '/reason', reason: 'a suspended session needs its reason (technical or invalid-documents)' },
    ];
  if (input.outcome === 'completed' && (input.signedDocuments ?? []).length === 0)
    return [{ field: '/signedDocuments', reason: 'a completed recognition has documents signed with OTP' }];
  if (input.outcome === 'completed' && input.reason)
    return [{ field: '/reason', reason: 'only a suspended session has a reason' }];
  return [];
}

function refusal(app: CnsApplication, channel: SessionInput['channel'], now: Date): CnsError | null {
  if (app.recognition) return stateConflict(app.status, 'The applicant is already recognised.');
  if (app.status !== 'paid')
    return stateConflict(app.status, 'A recognition session takes place after payment, before production.');
  if (!app.contact.mobile) return stateConflict(app.status, 'No mobile number to send the OTP codes to.');
  if (channel === 'counter')
    return app.inPersonRecognition
      ? null
      : stateConflict(app.status, 'The application is not marked for recognition at the counter.');
  if (app.inPersonRecognition)
    return stateConflict(app.status, 'The application is marked for recognition at the counter.');
  if (app.recognitionMethod !== 'webcam' || !app.appointment)
    return stateConflict(app.status, 'A webcam session needs webcam recognition and a booked appointment.');
  // The session takes place "il giorno/ora dell'appuntamento" (seed 002), never before it.
  if (now.getTime() < Date.parse(app.appointment.startsAt))
    return stateConflict(
      app.status,
      `The appointment starts at ${app.appointment.startsAt}: not before then.`,
    );
  return null;
}

export class RecordSession {
  constructor(private readonly deps: CnsPorts) {}

  async execute(applicationId: string, input: SessionInput): Promise<Result<CnsApplication>> {
    const violations = checkInput(input);
    if (violations.length > 0) return err({ code: 'INVALID_INPUT', violations });
    const now = this.deps.clock.now();
    let usedSlot: string | null = null;
    const saved = await changeApplication(this.deps, applicationId, async (current) => {
      const refused = refusal(current, input.channel, now);
      if (refused) return { ok: false, error: refused };
      const otpSignatures: OtpSignature[] = (input.signedDocuments ?? []).map((document) => ({
        document,
        sentTo: current.contact.mobile ?? '',
        sentAt: now.toISOString(),
      }));
      const session: RecognitionSession = {
        channel: input.channel,
        outcome: input.outcome,
        reason: input.reason ?? null,
        otpSignatures,
        note: input.note ?? null,
        at: now.toISOString(),
      };
      usedSlot = input.channel === 'webcam' ? (current.appointment?.slotId ?? null) : null;
      const withSession = { ...current, sessions: [...current.sessions, session] };
      if (input.outcome === 'suspended') {
        // The slot is spent; the applicant books a new one to try again.
        const next = { ...withSession, appointment: input.channel === 'webcam' ? null : current.appointment };
        const mail: MailDraft[] = [suspendedMail(next, input.reason ?? 'technical')];
        return { ok: true, next, mail };
      }
      const recognized = await completeIfReady(
        this.deps,
        {
          ...withSession,
          recognition: { channel: input.channel, at: now.toISOString(), date: romeDateOf(now) },
        },
        now,
      );
      if (!recognized.ok) return recognized;
      return { ok: true, next: recognized.value, mail: [recognizedMail(recognized.value)] };
    });
    if (saved.ok && usedSlot) await this.deps.agenda.markUsed(usedSlot, applicationId);
    return saved;
  }
}
