// Registration [§4]: the natural person's data, screened by cns.jurisdiction and cns.delivery
// (every reason at once), a key pair locked by the passphrase [P-PASSPHRASE], the summary e-mail
// in the outbox of the new document, and the applicant's access token.

import { err, ok } from '../../domain/types.js';
import { newOutboxMessage } from '../ports/mail.js';
import { type CnsApplication, fullName } from './application.js';
import { type ApplicationInput, checkApplicationInput } from './application-input.js';
import { checkBirthplaceAgainstFiscalCode } from './birthplace-check.js';
import type { CnsError, Result } from './errors.js';
import { checkFiscalCode } from './fiscal-code.js';
import { summaryMail } from './mails.js';
import type { CnsPorts } from './ports/cns-ports.js';
import { screenApplication } from './screening.js';

export interface Registered {
  application: CnsApplication;
  accessToken: string;
}

/** What the applicant states, before screening and keys: no id, no state yet. */
export type ApplicationData = Pick<
  CnsApplication,
  'applicant' | 'applicantType' | 'company' | 'contact' | 'recognitionMethod' | 'delivery' | 'receiptHeading'
>;

export function draftFrom(input: Omit<ApplicationInput, 'passphrase'>): ApplicationData {
  const { residence } = input.applicant;
  const fiscalCode = checkFiscalCode(input.applicant.fiscalCode);
  return {
    applicant: {
      ...input.applicant,
      fiscalCode: fiscalCode.ok ? fiscalCode.value : input.applicant.fiscalCode,
      certificateEmail: null,
    },
    applicantType: input.applicantType,
    company: input.company ?? null,
    contact: { email: input.contact.email, mobile: input.contact.mobile ?? null },
    recognitionMethod: input.recognitionMethod,
    delivery: {
      mode: input.delivery.mode ?? 'shipping',
      address: input.delivery.address ?? residence,
      attendedAddressConfirmed: input.delivery.attendedAddressConfirmed,
    },
    receiptHeading: input.receiptHeading ?? null,
  };
}

export class CreateApplication {
  constructor(private readonly deps: CnsPorts) {}

  async execute(input: ApplicationInput): Promise<Result<Registered, CnsError>> {
    const violations = checkApplicationInput(input);
    if (violations.length === 0)
      violations.push(...(await checkBirthplaceAgainstFiscalCode(this.deps.places, input.applicant)));
    if (violations.length > 0) return err({ code: 'INVALID_INPUT', violations });
    const draft = draftFrom(input);
    const screened = await screenApplication(this.deps.decisions, draft);
    if (!screened.ok) return screened;
    const sealing = await this.deps.sealer.createKeys(input.passphrase, {
      name: fullName(draft.applicant),
      email: draft.contact.email,
    });
    const application = this.newApplication(
      { ...draft, sealing, competentChamber: screened.value.competentChamber },
      null,
    );
    const inserted = await this.deps.applications.insert(application);
    if (!inserted.ok) throw new Error(`could not insert application ${application.id}: ${inserted.reason}`);
    return ok({ application, accessToken: await this.accessToken(application) });
  }

  /** A new application in `registered`, with its summary e-mail queued (also used on re-issue). */
  newApplication(
    data: ApplicationData & Pick<CnsApplication, 'sealing' | 'competentChamber'>,
    replaces: string | null,
  ): CnsApplication {
    const now = this.deps.clock.now();
    const application: CnsApplication = {
      id: this.deps.ids.next(),
      version: 1,
      status: 'registered',
      createdAt: now.toISOString(),
      ...data,
      identitySource: 'declared',
      appointment: null,
      payment: null,
      receipt: null,
      sessions: [],
      recognition: null,
      inPersonRecognition: null,
      timeline: null,
      trackingNumber: null,
      history: [{ status: 'registered', at: now.toISOString() }],
      replaces,
      replacedBy: null,
      revocation: null,
      outbox: [],
    };
    application.outbox.push(newOutboxMessage(this.deps.ids.next(), summaryMail(application), now));
    return application;
  }

  /** A token reaching only this application, under its current session epoch. */
  accessToken(application: Pick<CnsApplication, 'id' | 'sessionEpoch'>): Promise<string> {
    return this.deps.tokens.issue(
      { kind: 'applicant', applicationId: application.id, epoch: application.sessionEpoch ?? 0 },
      this.deps.options.applicantTokenTtlSeconds,
    );
  }
}
