// Revocation [P-RECTIFICATION][§4]: once production has started, wrong data can only be put right
// by revoking the card and issuing a new one, paid again. The new application (with the
// corrections, screened again) is stored first — at most one may replace a given application —
// then the old one is revoked; a retry after a crash finds the replacement and finishes the job.
// The new application keeps the old key pair unless a new passphrase is given.

import { err, ok } from '../../domain/types.js';
import { type CnsApplication, type CnsStatus, fullName } from './application.js';
import {
  checkFiscalCodeField,
  checkHeading,
  checkPassphrase,
  type FieldViolation,
} from './application-input.js';
import { changeApplication, moveTo } from './change-application.js';
import type { CreateApplication } from './create-application.js';
import { type Result, stateConflict } from './errors.js';
import { revokedMail } from './mails.js';
import type { CnsPorts } from './ports/cns-ports.js';
import { applyCorrections, type RectificationInput } from './rectify-application.js';
import { screenApplication } from './screening.js';

export interface RevocationInput {
  reason: string;
  /** A new passphrase for the new card's codes; by default the old one keeps working. */
  passphrase?: string;
  /** Data to correct on the new application. */
  corrections?: RectificationInput;
}

export interface Revoked {
  revoked: CnsApplication;
  replacement: CnsApplication;
  accessToken: string;
}

const REVOCABLE: readonly CnsStatus[] = ['in-production', 'shipped', 'delivered'];

function checkInput(input: RevocationInput): FieldViolation[] {
  return [
    ...(input.passphrase === undefined ? [] : checkPassphrase(input.passphrase)),
    ...checkFiscalCodeField(input.corrections?.applicant?.fiscalCode, '/corrections/applicant/fiscalCode'),
    ...checkHeading(input.corrections?.receiptHeading, '/corrections/receiptHeading'),
  ];
}

export class RevokeApplication {
  constructor(
    private readonly deps: CnsPorts,
    private readonly create: CreateApplication,
  ) {}

  async execute(applicationId: string, input: RevocationInput): Promise<Result<Revoked>> {
    const violations = checkInput(input);
    if (violations.length > 0) return err({ code: 'INVALID_INPUT', violations });
    const old = await this.deps.applications.get(applicationId);
    if (!old) return err({ code: 'UNKNOWN_APPLICATION', applicationId });
    if (!REVOCABLE.includes(old.status))
      return err(
        stateConflict(
          old.status,
          old.status === 'revoked'
            ? 'The card is already revoked.'
            : 'Before production the data can still be corrected (PATCH): revocation is for a card produced.',
        ),
      );
    const replacement = await this.replacementFor(old, input);
    if (!replacement.ok) return replacement;
    const now = this.deps.clock.now();
    const revoked = await changeApplication(this.deps, applicationId, async (current) => {
      if (current.replacedBy === replacement.value.id) return { ok: true, next: null };
      if (!REVOCABLE.includes(current.status))
        return { ok: false, error: stateConflict(current.status, 'The card cannot be revoked now.') };
      const next: CnsApplication = {
        ...moveTo(current, 'revoked', now),
        replacedBy: replacement.value.id,
        revocation: { at: now.toISOString(), reason: input.reason },
      };
      return { ok: true, next, mail: [revokedMail(next, replacement.value.id)] };
    });
    if (!revoked.ok) return revoked;
    return ok({
      revoked: revoked.value,
      replacement: replacement.value,
      accessToken: await this.create.accessToken(replacement.value),
    });
  }

  private async replacementFor(old: CnsApplication, input: RevocationInput): Promise<Result<CnsApplication>> {
    const existing = await this.deps.applications.findReplacementOf(old.id);
    if (existing) return ok(existing);
    const corrected = applyCorrections(old, input.corrections ?? {});
    const screened = await screenApplication(this.deps.decisions, corrected);
    if (!screened.ok) return screened;
    const sealing = input.passphrase
      ? await this.deps.sealer.createKeys(input.passphrase, {
          name: fullName(corrected.applicant),
          email: corrected.contact.email,
        })
      : old.sealing;
    const replacement = this.create.newApplication(
      {
        applicant: { ...corrected.applicant, certificateEmail: null },
        applicantType: corrected.applicantType,
        company: corrected.company,
        contact: corrected.contact,
        recognitionMethod: corrected.recognitionMethod,
        delivery: corrected.delivery,
        receiptHeading: corrected.receiptHeading,
        sealing,
        competentChamber: screened.value.competentChamber,
      },
      old.id,
    );
    const inserted = await this.deps.applications.insert(replacement);
    if (inserted.ok) return ok(replacement);
    const winner = await this.deps.applications.findReplacementOf(old.id);
    if (!winner) throw new Error(`could not insert the replacement of ${old.id}: ${inserted.reason}`);
    return ok(winner);
  }
}
