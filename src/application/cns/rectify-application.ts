// Corrections [P-RECTIFICATION][P-RECEIPT-HEADING]: each field changed is put to cns.rectification
// (refused from production on, with the remedy; identity locked after recognition by CNS), the
// receipt heading to cns.receipt-heading (frozen once paid); every refusal is reported at once.
// A new residence or delivery is screened again by cns.jurisdiction and cns.delivery.

import { isDeepStrictEqual } from 'node:util';
import { err } from '../../domain/types.js';
import type { PolicyDenied } from '../decisions/check-policy.js';
import type { CnsApplication, ReceiptHeading } from './application.js';
import {
  type ApplicationInput,
  checkFiscalCodeField,
  checkHeading,
  checkIdentityAgainstFiscalCode,
  type DeliveryInput,
  type PersonalInput,
} from './application-input.js';
import { checkBirthplaceAgainstFiscalCode } from './birthplace-check.js';
import { type Change, changeApplication } from './change-application.js';
import type { Result } from './errors.js';
import { applicationContext } from './facts.js';
import { checkFiscalCode } from './fiscal-code.js';
import { summaryMail } from './mails.js';
import { ask, denialOf } from './policies.js';
import type { CnsPorts } from './ports/cns-ports.js';
import { screenApplication } from './screening.js';

export interface RectificationInput {
  applicant?: Partial<PersonalInput>;
  contact?: Partial<ApplicationInput['contact']>;
  delivery?: Partial<DeliveryInput>;
  /** null: back to the default, the applicant. */
  receiptHeading?: ReceiptHeading | null;
}

/** Each field of the request, as cns.rectification names it. */
function fieldsOf(input: RectificationInput): Array<{ field: string; pointer: string }> {
  const fields: Array<{ field: string; pointer: string }> = [];
  for (const key of Object.keys(input.applicant ?? {}))
    fields.push({ field: key, pointer: `/applicant/${key}` });
  for (const key of Object.keys(input.contact ?? {})) fields.push({ field: key, pointer: `/contact/${key}` });
  for (const key of Object.keys(input.delivery ?? {}))
    fields.push({ field: key === 'mode' ? 'deliveryMode' : 'address', pointer: `/delivery/${key}` });
  return fields;
}

export function applyCorrections(current: CnsApplication, input: RectificationInput): CnsApplication {
  const fiscalCode = input.applicant?.fiscalCode ? checkFiscalCode(input.applicant.fiscalCode) : null;
  const applicant = {
    ...current.applicant,
    ...input.applicant,
    ...(fiscalCode?.ok ? { fiscalCode: fiscalCode.value } : {}),
  };
  // A delivery address that was the residence follows it, unless a new one is given.
  const followsResidence = isDeepStrictEqual(current.delivery.address, current.applicant.residence);
  const address =
    input.delivery?.address ?? (followsResidence ? applicant.residence : current.delivery.address);
  return {
    ...current,
    applicant,
    contact: { ...current.contact, ...input.contact },
    delivery: { ...current.delivery, ...input.delivery, address },
    receiptHeading: input.receiptHeading === undefined ? current.receiptHeading : input.receiptHeading,
  };
}

export class RectifyApplication {
  constructor(private readonly deps: CnsPorts) {}

  async execute(applicationId: string, input: RectificationInput): Promise<Result<CnsApplication>> {
    const violations = [
      ...checkFiscalCodeField(input.applicant?.fiscalCode, '/applicant/fiscalCode'),
      ...checkHeading(input.receiptHeading, '/receiptHeading'),
    ];
    const fields = fieldsOf(input);
    if (fields.length === 0 && input.receiptHeading === undefined)
      violations.push({ field: '', reason: 'give at least one field to correct' });
    if (violations.length > 0) return err({ code: 'INVALID_INPUT', violations });
    return changeApplication(this.deps, applicationId, (current) => this.decide(current, input, fields));
  }

  private async decide(
    current: CnsApplication,
    input: RectificationInput,
    fields: Array<{ field: string; pointer: string }>,
  ): Promise<Change> {
    const denials: Array<PolicyDenied & { field: string }> = [];
    let remedy: string | null = null;
    for (const { field, pointer } of fields) {
      const answer = await ask(this.deps.decisions, 'cns.rectification', {
        ...applicationContext(current),
        field,
      });
      if (!answer.ok) return answer;
      const denial = denialOf(answer.value);
      if (denial) denials.push({ ...denial, field: pointer });
      if (typeof answer.value.outputs.remedy === 'string') remedy = answer.value.outputs.remedy;
    }
    if (input.receiptHeading !== undefined) {
      const answer = await ask(this.deps.decisions, 'cns.receipt-heading', applicationContext(current));
      if (!answer.ok) return answer;
      const denial = denialOf(answer.value);
      if (denial) denials.push({ ...denial, field: '/receiptHeading' });
    }
    if (denials.length > 0) return { ok: false, error: { code: 'POLICIES_DENIED', denials, remedy } };

    let next = applyCorrections(current, input);
    const contradictions = checkIdentityAgainstFiscalCode(next.applicant);
    if (
      contradictions.length === 0 &&
      (input.applicant?.birthPlace !== undefined || input.applicant?.fiscalCode !== undefined)
    )
      contradictions.push(...(await checkBirthplaceAgainstFiscalCode(this.deps.places, next.applicant)));
    if (contradictions.length > 0)
      return { ok: false, error: { code: 'INVALID_INPUT', violations: contradictions } };
    if (input.applicant?.residence || input.delivery) {
      const screened = await screenApplication(this.deps.decisions, next);
      if (!screened.ok) return screened;
      next = { ...next, competentChamber: screened.value.competentChamber };
    }
    return { ok: true, next, mail: [summaryMail(next, 'Dati della richiesta di rilascio CNS rettificati')] };
  }
}
