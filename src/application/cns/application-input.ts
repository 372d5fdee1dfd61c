// What an applicant gives at registration (and again, corrected, on re-issue), and the checks that
// are about the shape of the data rather than a policy: the codice fiscale's check character, the
// passphrase's alphabet, a company for a legal representative.
import type {
  Address,
  ApplicantType,
  Company,
  DeliveryMode,
  PersonalData,
  ReceiptHeading,
  RecognitionMethod,
} from './application.js';
import { checkFiscalCode, fiscalCodeContradictions } from './fiscal-code.js';

/** [P-PASSPHRASE] "codice alfanumerico"; 8 to 64 characters is an assumption (the seed gives none). */
export const PASSPHRASE_PATTERN = '^[A-Za-z0-9]{8,64}$';

/** The applicant's data as given; the certificate's e-mail comes from recognition, never from input. */
export type PersonalInput = Omit<PersonalData, 'certificateEmail'>;

export interface DeliveryInput {
  /** Default: shipping. */
  mode?: DeliveryMode;
  /** Default: the residence. */
  address?: Address;
  attendedAddressConfirmed: boolean;
}

export interface ApplicationInput {
  applicant: PersonalInput;
  applicantType: ApplicantType;
  company?: Company;
  contact: { email: string; mobile?: string };
  recognitionMethod: RecognitionMethod;
  delivery: DeliveryInput;
  receiptHeading?: ReceiptHeading;
  passphrase: string;
}

export type FieldViolation = { field: string; reason: string };

export function checkPassphrase(passphrase: string, field = '/passphrase'): FieldViolation[] {
  return new RegExp(PASSPHRASE_PATTERN).test(passphrase)
    ? []
    : [{ field, reason: 'must be 8 to 64 letters or digits (alphanumeric)' }];
}

export function checkFiscalCodeField(value: string | undefined, field: string): FieldViolation[] {
  if (value === undefined) return [];
  const checked = checkFiscalCode(value);
  return checked.ok ? [] : [{ field, reason: `codice fiscale ${checked.reason}` }];
}

/** A heading's fiscal code may be a person's codice fiscale or a company's 11-digit one. */
export function checkHeading(heading: ReceiptHeading | null | undefined, field: string): FieldViolation[] {
  const code = heading?.fiscalCode;
  if (code === undefined || /^\d{11}$/.test(code)) return [];
  return checkFiscalCodeField(code, `${field}/fiscalCode`);
}

const CONTRADICTS = 'contradicts the codice fiscale (its characters 7 to 11 encode birth date and sex)';

/** Birth date and sex that a valid codice fiscale contradicts (a typing error in one or the other). */
export function checkIdentityAgainstFiscalCode(applicant: {
  fiscalCode: string;
  birthDate: string;
  sex?: 'M' | 'F' | undefined;
}): FieldViolation[] {
  if (!checkFiscalCode(applicant.fiscalCode).ok) return [];
  return fiscalCodeContradictions(applicant.fiscalCode, applicant).map((name) => ({
    field: `/applicant/${name}`,
    reason: CONTRADICTS,
  }));
}

export function checkApplicationInput(input: ApplicationInput): FieldViolation[] {
  return [
    ...checkFiscalCodeField(input.applicant.fiscalCode, '/applicant/fiscalCode'),
    ...checkIdentityAgainstFiscalCode(input.applicant),
    ...checkPassphrase(input.passphrase),
    ...checkHeading(input.receiptHeading, '/receiptHeading'),
    ...(input.applicantType === 'legal-representative' && !input.company
      ? [
          {
            field: '/company',
            reason: 'is required for a legal representative (the company and its register province)',
          },
        ]
      : []),
  ];
}
